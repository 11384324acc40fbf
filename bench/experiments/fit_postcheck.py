"""Fit the shipped post-check risk read-out (bot/postcheck/kinds/classifier.py) and show what each cut-off costs.

    python bench/experiments/fit_postcheck.py                     # 5-fold cross-validated figures per cut-off
    python bench/experiments/fit_postcheck.py --include knowledge/eval/posts-tune.jsonl --save

Training data: bot/postcheck/training/drafts*.jsonl (company-neutral, every batch; label risky + category → that topic, ok → ok).
With --include, TUNING sets of the `lotse eval posts` layout (verdict ok / revise / approval) are scored by the
read-out fitted on all training drafts and reported per file: they carry no topic, so they never train. Never pass
a blind set here: blind sets measure, they do not train (the script refuses any file with "blind" in its name).

The read-out reads the embedding and the draft's character n-grams (bot/char_ngrams.py; --ngrams 0 for the
embedding alone). The unit the read-out reads (--unit): `whole` (the draft), `sentence` (the best sentence) or `max` (the higher of
both). The matcher (ClassifierMatcher) reads the whole draft (what no other rule flagged) and quotes the sentence
with the highest risk; keep the two in step. Figures: the share of drafts at or above each cut-off: "risky caught"
(with the right topic in brackets, training only) and "ok flagged".
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
from bot.postcheck.kinds.base import SEMANTIC_CHARS, SENTENCE_CHARS  # noqa: E402
from bot.postcheck.kinds.classifier import FOLDER, MIN_WORDS, OK_CLASS  # noqa: E402
from bot.postcheck.text import normalize, sentences, tokenize  # noqa: E402
from bot.readout import Readout, weights_file  # noqa: E402

TRAINING = sorted((ROOT / "bot/postcheck/training").glob("drafts*.jsonl"))  # every batch
CUTS = (0.5, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97)
UNITS = ("whole", "sentence", "max")


def rows_of(path: Path) -> list[dict]:
    """Training drafts (label/category) get a target; tuning drafts (verdict) only a label for the report."""
    rows = []
    name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "label" in row:
            risky = row["label"] == "risky"
            target = row["category"] if risky else OK_CLASS
        else:
            risky, target = row["verdict"] != "ok", None
        rows.append({"text": row["post"], "risky": risky, "target": target, "file": name})
    return rows


def units_of(text: str) -> tuple[str, list[str]]:
    """The draft and its sentences as the matcher sees them (normalised, capped like Post.sentence_embeddings)."""
    normal = normalize(text).text
    parts = [s.text[:SENTENCE_CHARS] for s in sentences(normal) if len(tokenize(s.text)) >= MIN_WORDS]
    return normal[:SEMANTIC_CHARS], parts


def embed(embedder: Embedder, rows: list[dict]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Vectors of the whole drafts and, per draft, of its sentences (queries, as the matcher embeds them)."""
    units = [units_of(r["text"]) for r in rows]
    for row, (whole_text, part_texts) in zip(rows, units, strict=True):
        row["unit_texts"] = (whole_text, part_texts)
    whole = embedder.embed_queries([u[0] for u in units])
    flat = [s for _, parts in units for s in parts]
    vectors = embedder.embed_queries(flat) if flat else np.zeros((0, embedder.dimension), dtype=np.float32)
    per_row, at = [], 0
    for _, parts in units:
        per_row.append(vectors[at : at + len(parts)])
        at += len(parts)
    return whole, per_row


NGRAMS = 20000  # the n-gram vocabulary's size (--ngrams)


def fit(vectors: np.ndarray, texts: list[str], targets: list[str], c: float, ngrams: int) -> Readout:
    if ngrams <= 0:
        return fit_readout(vectors, targets, c)
    return fit_readout_with_ngrams(vectors, texts, targets, c, ngrams)


def score(readout: Readout, row: dict, whole: np.ndarray, parts: np.ndarray, unit: str) -> tuple[str, float]:
    """(topic, risk) of one draft: the whole draft, its riskiest sentence, or the higher of both."""
    whole_text, part_texts = row["unit_texts"]
    draft = readout.best(whole, ignore=OK_CLASS, text=whole_text)
    if unit == "whole":
        return draft
    scored = (readout.best(v, ignore=OK_CLASS, text=t) for v, t in zip(parts, part_texts, strict=True))
    best = max(scored, key=lambda x: x[1], default=("", 0.0))
    return best if unit == "sentence" or best[1] > draft[1] else draft


def cross_validated(
    rows: list[dict], whole: np.ndarray, parts: list[np.ndarray], c: float, unit: str, folds: int, ngrams: int
) -> list[tuple[str, float]]:
    """Training drafts scored by a read-out that did not see them; tuning drafts by one fitted on all training."""
    train = [i for i, r in enumerate(rows) if r["target"] is not None]
    targets = [rows[i]["target"] for i in train]
    scores: list[tuple[str, float]] = [("", 0.0)] * len(rows)
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=7)
    for fold_train, fold_test in split.split(np.zeros(len(train)), targets):
        chosen = [train[i] for i in fold_train]
        readout = fit(whole[chosen], texts_of(rows, chosen), [targets[i] for i in fold_train], c, ngrams)
        for k in fold_test:
            i = train[k]
            scores[i] = score(readout, rows[i], whole[i], parts[i], unit)
    readout = fit(whole[train], texts_of(rows, train), targets, c, ngrams)
    for i, row in enumerate(rows):
        if row["target"] is None:
            scores[i] = score(readout, row, whole[i], parts[i], unit)
    return scores


def texts_of(rows: list[dict], chosen: list[int]) -> list[str]:
    return [rows[i]["unit_texts"][0] for i in chosen]


def report(rows: list[dict], scores: list[tuple[str, float]], title: str) -> None:
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(f"{row['file']}:{'risky' if row['risky'] else 'ok'}", []).append(i)
    print(f"{title} rows={len(rows)}  (share at or above the cut; risky: right topic in brackets)")
    print("group".ljust(66) + "".join(f"{cut:>11}" for cut in CUTS))
    for name, members in sorted(groups.items()):
        cells = []
        for cut in CUTS:
            flagged = [i for i in members if scores[i][1] >= cut]
            cell = f"{len(flagged) / len(members):.2f}"
            if name.endswith(":risky") and rows[members[0]]["target"] is not None:
                right = sum(scores[i][0] == rows[i]["target"] for i in flagged)
                cell += f"({right / len(members):.2f})"
            cells.append(cell.rjust(11))
        print(f"{name} n={len(members)}".ljust(66) + "".join(cells))
    tuning_ok = [s for r, s in zip(rows, scores, strict=True) if r["target"] is None and not r["risky"]]
    if tuning_ok:
        print(f"highest ok score on the tuning sets: {max(s[1] for s in tuning_ok):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--include", nargs="*", default=[], help="tuning sets (eval posts layout), reported only")
    parser.add_argument("--C", type=float, nargs="+", default=[10.0], dest="c", help="one or more (scan)")
    parser.add_argument("--ngrams", type=int, default=NGRAMS, help="n-gram vocabulary size; 0: the embedding alone")
    parser.add_argument("--unit", choices=UNITS, nargs="+", default=["whole"], help="one or more (scan)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--save", action="store_true", help="fit on all training drafts (first C) and save")
    parser.add_argument("--model", default="", help="embedding model (default: the packaged one)")
    args = parser.parse_args()
    if any("blind" in name for name in args.include):
        parser.error("blind sets measure, they do not train or tune")
    rows = [row for path in TRAINING for row in rows_of(path)]
    for name in args.include:
        rows += rows_of(ROOT / name)
    embedder = Embedder.load(args.model)
    whole, parts = embed(embedder, rows)
    for c in args.c:
        for unit in args.unit:
            scores = cross_validated(rows, whole, parts, c, unit, args.folds, args.ngrams)
            report(rows, scores, f"C={c} unit={unit} ngrams={args.ngrams}")
    if args.save:
        train = [i for i, r in enumerate(rows) if r["target"] is not None]
        readout = fit(whole[train], texts_of(rows, train), [rows[i]["target"] for i in train], args.c[0], args.ngrams)
        path = weights_file(FOLDER, embedder.name)
        readout.save(path)
        print(
            f"saved {path} ({len(readout.classes)} classes, {len(train)} drafts, C={args.c[0]}, ngrams={args.ngrams})"
        )


if __name__ == "__main__":
    main()
