"""Cost of the verifier per model answer (bot/reading/verifier.py) with the real embedding model; prints JSON.

    .venv/bin/python bench/bench_verifier.py [--data-dir DIR] [--rounds 3] [--out bench/results/verifier.json]

Every answer of knowledge/eval/reader-answers-tune.jsonl is verified against its passages, in three cases:
  - `new_question_store_warmed`: each answer with a fresh in-memory cache (the first question about its passages
    since the process started) and the passage vectors ingest keeps when a model is configured
    (ingest/verifier_vectors.py); the data dir is ingested with a model configured first (no model is called);
  - `new_question_no_store`: each answer with a fresh in-memory cache and no vector file (before ingest kept
    them: every passage sentence and clause embedded at question time);
  - `warm_memory`: one cache for all answers, each answer verified once before (the same passages asked again).
Every case runs `rounds` times; p50/p95 over all answers of all rounds. Target: p95 under 50 ms per answer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
MODEL = {"llm": "openai:gpt-4o-mini", "llm_base_url": "http://127.0.0.1:9/v1"}  # configured, never called


class CountingEmbedder:
    """The real embedder, counting calls to embed_passages (the verifier's only embedding call)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.calls, self.texts = inner, inner.name, 0, 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls, self.texts = self.calls + 1, self.texts + len(texts)
        return self.inner.embed_passages(texts)


def timed(rows: list[dict], similarity_for: Callable[[], Any], rounds: int) -> list[float]:
    from bot.reading.verifier import verify

    seconds = []
    for _ in range(rounds):
        for row in rows:
            similarity = similarity_for()
            started = time.perf_counter()
            verify(row["answer"], row["texts"], row["question"], row["language"], similarity)
            seconds.append(time.perf_counter() - started)
    return seconds


def summary(seconds: list[float], counting: CountingEmbedder | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "answers": len(seconds),
        "p50_ms": round(float(np.percentile(seconds, 50)) * 1000, 1),
        "p95_ms": round(float(np.percentile(seconds, 95)) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
    }
    if counting is not None:
        out["embed_calls_per_answer"] = round(counting.calls / len(seconds), 2)
        out["texts_embedded_per_answer"] = round(counting.texts / len(seconds), 2)
    return out


def main() -> None:
    from bot.app import Lotse
    from bot.evaluation.verifier import load_rows
    from bot.reading.similarity import EmbeddingSimilarity
    from bot.settings import Settings
    from ingest.indexer import ingest

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lotse = Lotse(Settings(data_dir=args.data_dir, knowledge_dir=ROOT / "knowledge", **MODEL))
    report = ingest([ROOT / "knowledge"], lotse.index)
    rows = load_rows(lotse, ROOT / "knowledge" / "eval" / "reader-answers-tune.jsonl")
    lotse.embedder.embed_passages(["warm-up"])
    store = lotse.settings.index_dir
    counting = CountingEmbedder(lotse.embedder)
    warmed = timed(rows, lambda: EmbeddingSimilarity(lambda: counting, stored=lambda: store), args.rounds)
    cold_counting = CountingEmbedder(lotse.embedder)
    cold = timed(rows, lambda: EmbeddingSimilarity(lambda: cold_counting, stored=lambda: None), args.rounds)
    shared = EmbeddingSimilarity(lambda: lotse.embedder, stored=lambda: None)
    timed(rows, lambda: shared, 1)
    warm = timed(rows, lambda: shared, args.rounds)
    results = {
        "model": lotse.embedder.name,
        "set": "knowledge/eval/reader-answers-tune.jsonl",
        "ingest_verifier_texts_embedded": report.verifier_texts,
        "new_question_store_warmed": summary(warmed, counting),
        "new_question_no_store": summary(cold, cold_counting),
        "warm_memory": summary(warm),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
