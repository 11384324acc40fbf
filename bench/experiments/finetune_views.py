"""Experiment (rejected, see docs/retrieval.md): fine-tune the embedding model on the company's own question views.

Pairs are (typical question or FAQ phrasing → the passage of the section it points at), taken from an ingested
index; the loss is sentence-transformers' MultipleNegativesRankingLoss with in-batch negatives (no duplicate
passages in a batch). The labelled eval sets are never used for training.

    pip install datasets accelerate            # model.fit needs them; not a Lotse dependency
    lotse --data-dir /tmp/d0 ingest
    python bench/experiments/finetune_views.py /tmp/d0 /tmp/tuned --epochs 1
    EMBEDDING_MODEL=/tmp/tuned lotse --data-dir /tmp/d1 ingest
    EMBEDDING_MODEL=/tmp/tuned lotse --data-dir /tmp/d1 eval retrieval
    EMBEDDING_MODEL=/tmp/tuned lotse --data-dir /tmp/d1 eval triage --curve
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from bot.app import Lotse
from bot.settings import Settings
from ingest.index_store import StoredChunk


def training_pairs(chunks: list[StoredChunk]) -> list[tuple[str, str]]:
    """(question view, first passage of its target section) for every view in the index."""
    first: dict[tuple[str, str], StoredChunk] = {}
    for chunk in chunks:
        if not chunk.is_view:
            first.setdefault((chunk.document, str(chunk.metadata.get("anchor", ""))), chunk)
    pairs = []
    for view in (c for c in chunks if c.is_view):
        target = first.get((str(view.metadata.get("target", view.document)), str(view.metadata.get("anchor", ""))))
        if target is not None:
            pairs.append((view.text, target.embed_text))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="data dir of an ingested index")
    parser.add_argument("out", type=Path, help="folder for the tuned sentence-transformers model")
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()

    import torch
    from sentence_transformers import InputExample, losses
    from sentence_transformers.datasets import NoDuplicatesDataLoader

    random.seed(0)
    torch.manual_seed(0)
    lotse = Lotse(Settings(data_dir=args.data_dir))
    pairs = training_pairs(lotse.index.chunks())
    model = lotse.embedder.model
    loader = NoDuplicatesDataLoader([InputExample(texts=[q, p]) for q, p in pairs], batch_size=32)
    started = time.perf_counter()
    model.fit(
        train_objectives=[(loader, losses.MultipleNegativesRankingLoss(model))],  # type: ignore[attr-defined]
        epochs=args.epochs,
        warmup_steps=10,
        show_progress_bar=True,
    )
    print(f"{len(pairs)} pairs, {args.epochs} epoch(s), trained in {time.perf_counter() - started:.0f} s")
    model.save(str(args.out))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
