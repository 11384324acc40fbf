"""Fit the shipped sensitivity read-out (bot/triage/classifier.py) and show what each cut-off would cost.

    python bench/experiments/fit_sensitivity.py                  # 5-fold cross-validated figures per cut-off
    python bench/experiments/fit_sensitivity.py --include knowledge/eval/answers-tune.jsonl --save

Training data: bot/triage/training/sensitivity.jsonl (company-neutral; the first batch, see TRAINING) plus, with --include, TUNING sets of the
`lotse eval answers` layout (label sensitive + category → that category; everything else → ordinary). Never pass
a blind set here: blind sets measure, they do not train.

Cross-validation is stratified and grouped by file, so a tuning set's covered questions are scored by a model that
did not see them: "covered flagged" is the share of answerable questions that would be handed off needlessly.
Uses scikit-learn (a dependency of sentence-transformers) for the fit; the run time needs numpy only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from sklearn.model_selection import StratifiedKFold  # noqa: E402

from bench.experiments.readout_fit import fit_readout, fit_readout_with_ngrams  # noqa: E402
from bot.embeddings import Embedder  # noqa: E402
from bot.readout import Readout, weights_file  # noqa: E402
from bot.triage.classifier import FOLDER, ORDINARY_CLASS  # noqa: E402
from bot.triage.matching import without_numbers  # noqa: E402

# The first batch only: the second (sensitivity-2.jsonl) made no tuning question safer and flagged more ordinary ones
# (bot/triage/training/README.md), so the shipped weights do not use it. Session 11 tried both batches with the
# character n-grams (--ngrams 20000, cut-off 0.85): better in cross-validation, but on fresh blind sets one
# sensitive question more went unanswered by a person (Nordwerk triage-blind6 36 → 35 of 36; pg1, pg2 unchanged),
# so the shipped weights stay the embedding alone (docs/triage.md).
TRAINING = [ROOT / "bot/triage/training/sensitivity.jsonl"]
CUTS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def rows_of(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = row.get("label")
        target = row["category"] if label == "sensitive" and row.get("category") else ORDINARY_CLASS
        rows.append(
            {
                "text": row["message"],
                "target": target,
                "label": label or "ordinary",
                "file": path.parent.parent.name if path.parent.name == "eval" else path.name,
            }
        )
    return rows


def fit(vectors: np.ndarray, texts: list[str], targets: list[str], c: float, ngrams: int) -> Readout:
    """The embedding alone (ngrams 0) or with the messages' character n-grams (bot/char_ngrams.py)."""
    if ngrams <= 0:
        return fit_readout(vectors, targets, c)
    return fit_readout_with_ngrams(vectors, texts, targets, c, ngrams)


def report(rows: list[dict], vectors: np.ndarray, texts: list[str], c: float, folds: int, ngrams: int) -> None:
    targets = [r["target"] for r in rows]
    best = np.zeros(len(rows))
    guess = [""] * len(rows)
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=7)
    for train, test in split.split(vectors, targets):
        readout = fit(vectors[train], [texts[i] for i in train], [targets[i] for i in train], c, ngrams)
        for i in test:
            guess[i], best[i] = readout.best(vectors[i], ignore=ORDINARY_CLASS, text=texts[i])
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        kind = "sensitive" if row["target"] != ORDINARY_CLASS else row["label"]
        groups.setdefault(f"{row['file']}:{kind}", []).append(i)
    print(
        f"C={c} ngrams={ngrams}  rows={len(rows)}  (share flagged at P(category) ≥ cut; sensitive: right category in brackets)"
    )
    print("group".ljust(52) + "".join(f"{cut:>12}" for cut in CUTS))
    for name, members in sorted(groups.items()):
        cells = []
        for cut in CUTS:
            flagged = [i for i in members if best[i] >= cut]
            cell = f"{len(flagged) / len(members):.2f}"
            if name.endswith(":sensitive"):
                right = sum(guess[i] == rows[i]["target"] for i in flagged)
                cell += f"({right / len(members):.2f})"
            cells.append(cell.rjust(12))
        print(f"{name} n={len(members)}".ljust(52) + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--include", nargs="*", default=[], help="tuning sets (answers/triage layout)")
    parser.add_argument("--C", type=float, default=30.0, dest="c")  # the shipped weights
    parser.add_argument("--ngrams", type=int, default=0, help="n-gram vocabulary beside the embedding; 0: none")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--save", action="store_true", help="fit on everything and write the weights")
    parser.add_argument("--model", default="", help="embedding model (default: the packaged one)")
    args = parser.parse_args()
    if any("blind" in name for name in args.include):
        parser.error("blind sets measure, they do not train")
    rows = [row for path in TRAINING for row in rows_of(path)]
    for name in args.include:
        rows += rows_of(ROOT / name)
    embedder = Embedder.load(args.model)
    texts = [without_numbers(r["text"]) or r["text"] for r in rows]  # what triage reads (bot/triage/triage.py)
    vectors = embedder.embed_queries(texts)
    report(rows, vectors, texts, args.c, args.folds, args.ngrams)
    if args.save:
        readout = fit(vectors, texts, [r["target"] for r in rows], args.c, args.ngrams)
        path = weights_file(FOLDER, embedder.name)
        readout.save(path)
        print(f"saved {path} ({len(readout.classes)} classes, {len(rows)} rows)")


if __name__ == "__main__":
    main()
