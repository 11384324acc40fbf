"""Run every benchmark under bench/ and write its JSON to bench/results/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in sorted(HERE.glob("bench_*.py")):
    out = HERE / "results" / f"{script.stem.removeprefix('bench_')}.json"
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=False)
