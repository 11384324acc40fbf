"""Core benchmarks: ingest throughput, unchanged re-ingest, warm `ask` latency against its floor, peak memory.

Run: `.venv/bin/python bench/bench_core.py [--out bench/results/core.json]` (or `make bench`). Prints JSON.
The floor is one query embedding plus one Chroma query: what any answer must cost at least.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def lotse_cli(data_dir: Path, *args: str) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `lotse` process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "bot.cli.main", "--data-dir", str(data_dir), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(peak, before)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    lotse = Lotse(Settings(data_dir=data_dir, knowledge_dir=REPO / "knowledge",
                           database_url=f"sqlite:///{data_dir / 'bench.db'}"))
    lotse.embedder  # load the model outside the measurement
    report = ingest([REPO / "knowledge"], lotse.index)
    results: dict[str, object] = {
        "ingest_chunks": report.chunks, "ingest_seconds": report.seconds,
        "ingest_chunks_per_second": round(report.chunks / report.seconds, 1),
    }
    reingest_seconds, _ = lotse_cli(data_dir, "ingest", str(REPO / "knowledge"))
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
    results.update({
        "questions": len(asked),
        "ask_p50_ms": round(statistics.median(ask_ms), 1), "ask_p95_ms": round(percentile(ask_ms, 0.95), 1),
        "floor_p50_ms": round(statistics.median(floor_ms), 1),
        "floor_p95_ms": round(percentile(floor_ms, 0.95), 1),
    })
    results["ask_p95_over_floor_p95"] = round(results["ask_p95_ms"] / results["floor_p95_ms"], 2)  # type: ignore[operator]
    seconds, peak_kib = lotse_cli(data_dir, "ask", "--no-record", "Darf ich Fotos aus der Halle posten?")
    results["ask_process_seconds"] = round(seconds, 2)
    results["ask_process_peak_rss_mib"] = round(peak_kib / 1024, 1)
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
