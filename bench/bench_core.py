"""Core benchmarks: ingest throughput, unchanged re-ingest, warm `ask` latency against its floor, peak memory.

Run: `.venv/bin/python bench/bench_core.py [--out bench/results/core.json] [--models A,B]` (or `make bench`).
Prints JSON, one block per embedding model, measured side by side in one run (default: the packaged
multilingual-e5-small and the previous default all-MiniLM-L6-v2). The floor is one query embedding plus one
Chroma query: what any answer must cost at least.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app import Lotse  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.indexer import ingest  # noqa: E402

QUESTIONS = 200


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def questions() -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / "knowledge" / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append(row.get("question") or row.get("message") or row.get("post") or "")
    found = [q for q in found if q]
    return (found * (QUESTIONS // max(len(found), 1) + 1))[:QUESTIONS]


# The child reports its own peak RSS: RUSAGE_CHILDREN would keep the maximum of every earlier child.
_CHILD = (
    "import resource, sys\n"
    "from bot.cli.main import cli\n"
    "try:\n    cli.main(args=sys.argv[1:], prog_name='lotse')\nexcept SystemExit:\n    pass\n"
    "print('PEAK_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "print('TORCH', 'torch' in sys.modules, file=sys.stderr)\n"
)


def lotse_cli(data_dir: Path, model: str, *args: str) -> tuple[float, int, bool]:
    """Wall time, peak RSS (KiB) and whether torch was imported, of one `lotse` process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "--data-dir", str(data_dir), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "EMBEDDING_MODEL": model},
    )
    lines = done.stderr.splitlines()
    peak = next(int(line.split()[1]) for line in lines if line.startswith("PEAK_KIB"))
    torch = next(line.split()[1] == "True" for line in lines if line.startswith("TORCH"))
    return time.perf_counter() - started, peak, torch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--models", default="packaged:multilingual-e5-small,packaged:all-MiniLM-L6-v2")
    args = parser.parse_args()
    results = {model: measure(model) for model in args.models.split(",")}
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


def measure(model: str) -> dict[str, object]:
    data_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    lotse = Lotse(
        Settings(
            data_dir=data_dir,
            knowledge_dir=REPO / "knowledge",
            embedding_model=model,
            database_url=f"sqlite:///{data_dir / 'bench.db'}",
        )
    )
    _ = lotse.embedder  # load the model outside the measurement
    report = ingest([REPO / "knowledge"], lotse.index)
    results: dict[str, object] = {
        "ingest_chunks": report.chunks,
        "ingest_seconds": report.seconds,
        "ingest_chunks_per_second": round(report.chunks / report.seconds, 1),
    }
    reingest_seconds, _, _ = lotse_cli(data_dir, model, "ingest", str(REPO / "knowledge"))
    results["reingest_unchanged_process_seconds"] = round(reingest_seconds, 3)
    results["reingest_unchanged_in_process_seconds"] = ingest([REPO / "knowledge"], lotse.index).seconds

    asked = questions()
    for question in asked[:10]:  # warm up caches, lexical index, triage examples
        lotse.assistant.ask(question, record=False)
    ask_ms, floor_ms = [], []
    for question in asked:
        started = time.perf_counter()
        lotse.assistant.ask(question, record=False)
        ask_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        lotse.index.query(lotse.embedder.embed_query(question).tolist(), 40)
        floor_ms.append((time.perf_counter() - started) * 1000)
    results.update(
        {
            "questions": len(asked),
            "ask_p50_ms": round(statistics.median(ask_ms), 1),
            "ask_p95_ms": round(percentile(ask_ms, 0.95), 1),
            "floor_p50_ms": round(statistics.median(floor_ms), 1),
            "floor_p95_ms": round(percentile(floor_ms, 0.95), 1),
        }
    )
    results["ask_p95_over_floor_p95"] = round(results["ask_p95_ms"] / results["floor_p95_ms"], 2)  # type: ignore[operator]
    seconds, peak_kib, torch = lotse_cli(data_dir, model, "ask", "--no-record", "Darf ich Fotos aus der Halle posten?")
    results["ask_process_seconds"] = round(seconds, 2)
    results["ask_process_peak_rss_mib"] = round(peak_kib / 1024, 1)
    results["ask_process_imports_torch"] = torch
    return results


if __name__ == "__main__":
    main()
