"""Cost of the verifier per model answer (bot/reading/verifier.py) with the real embedding model; prints JSON.

    .venv/bin/python bench/bench_verifier.py [--data-dir DIR] [--rounds 3]

Every answer of knowledge/eval/reader-answers-tune.jsonl is verified against its passages; the first round starts
with an empty embedding cache (each passage sentence embedded once, as for a new question), later rounds reuse it
(the same passages asked about again). Target: p95 under 50 ms per answer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def main() -> None:
    from bot.app import Lotse
    from bot.evaluation.verifier import load_rows
    from bot.reading.similarity import EmbeddingSimilarity
    from bot.reading.verifier import verify
    from bot.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lotse = Lotse(Settings(data_dir=args.data_dir, knowledge_dir=ROOT / "knowledge"))
    rows = load_rows(lotse, ROOT / "knowledge" / "eval" / "reader-answers-tune.jsonl")
    lotse.embedder.embed_passages(["warm-up"])
    similarity = EmbeddingSimilarity(lambda: lotse.embedder)
    report = {}
    for round_ in range(args.rounds):
        seconds = []
        for row in rows:
            started = time.perf_counter()
            verify(row["answer"], row["texts"], row["question"], row["language"], similarity)
            seconds.append(time.perf_counter() - started)
        name = "cold_cache" if round_ == 0 else f"warm_cache_{round_}"
        report[name] = {
            "answers": len(seconds),
            "p50_ms": round(float(np.percentile(seconds, 50)) * 1000, 1),
            "p95_ms": round(float(np.percentile(seconds, 95)) * 1000, 1),
        }
    print(json.dumps({"model": lotse.embedder.name, **report}, indent=2))


if __name__ == "__main__":
    main()
