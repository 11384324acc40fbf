"""Fit the candidate re-ranker (bot/retrieval/rerank.py) on TUNING sets only; print cross-validated figures.

    .venv/bin/python bench/experiments/fit_rerank.py --data-dir DIR [--knowledge-dir DIR] [--data-dir …] SET.jsonl …
    .venv/bin/python bench/experiments/fit_rerank.py --index DATA_DIR KNOWLEDGE_DIR SET[,SET…] [--index …]

With --index, each index is fitted on its own sets only (a corpus's questions have no gold in another corpus).

Sets: retrieval sets ({"question", "gold"}) and answer sets ({"message", "label", "gold"}; uncovered questions
give candidates that are all wrong, which calibrates the probability). Prints top-1 accuracy of fused order vs.
re-ranked order (5-fold cross-validation by question) and the weights fitted on everything, for calibration.yaml.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from bot.app import Lotse
from bot.evaluation.labelled import read_jsonl
from bot.evaluation.retrieval import matches
from bot.language import detect_language
from bot.retrieval.rerank import FEATURES, POOL, all_features
from bot.settings import Settings


def collect(lotse: Lotse, paths: list[str]) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    questions = []
    for path in paths:
        for row in read_jsonl(Path(path)):
            text = row.get("question") or row.get("message")
            label = row.get("label", "covered")
            if label not in ("covered", "uncovered") or (label == "covered" and not row.get("gold")):
                continue
            language = row.get("language") or detect_language(text, default="de")
            result = lotse.retriever.search(text, language, k=POOL, rerank=False)
            if not result.hits:
                continue
            x = np.array([[f[n] for n in FEATURES] for f in all_features(result)])
            y = np.array([label == "covered" and any(matches(h, g) for g in row["gold"]) for h in result.hits])
            questions.append((x, y, label == "covered"))
    return questions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data-dir",
        action="append",
        default=[],
        help="repeatable, paired with --knowledge-dir: fit on several indexes at once, each with all SETs",
    )
    parser.add_argument("--knowledge-dir", action="append")
    parser.add_argument(
        "--index",
        nargs=3,
        action="append",
        default=[],
        metavar=("DATA_DIR", "KNOWLEDGE_DIR", "SETS"),
        help="repeatable: an index and its own comma-separated sets",
    )
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("sets", nargs="*")
    args = parser.parse_args()
    knowledge = args.knowledge_dir or ["knowledge"] * len(args.data_dir)
    pairs = [(d, k, args.sets) for d, k in zip(args.data_dir, knowledge, strict=True)]
    pairs += [(d, k, s.split(",")) for d, k, s in args.index]
    questions = []
    for data_dir, knowledge_dir, sets in pairs:
        lotse = Lotse(Settings(data_dir=Path(data_dir), knowledge_dir=Path(knowledge_dir)))
        questions += collect(lotse, sets)
    rng = np.random.default_rng(7)
    folds = rng.integers(0, 5, len(questions))
    fused_top1 = np.mean([q[1][0] for q in questions if q[2]])
    reranked = []
    for fold in range(5):
        train = [q for q, f in zip(questions, folds, strict=True) if f != fold]
        model = LogisticRegression(C=args.C, max_iter=2000)
        model.fit(np.vstack([q[0] for q in train]), np.concatenate([q[1] for q in train]))
        for q, f in zip(questions, folds, strict=True):
            if f == fold:
                p = model.predict_proba(q[0])[:, 1]
                reranked.append((q[1][int(np.argmax(p))], float(p.max()), q[2]))
    covered = [r for r in reranked if r[2]]
    print(f"{len(questions)} questions ({sum(q[2] for q in questions)} covered)")
    print(f"top-1 fused {fused_top1:.3f}  re-ranked (5-fold CV) {np.mean([r[0] for r in covered]):.3f}")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.88, 0.9, 0.91, 0.92, 0.94):
        sure = [r for r in reranked if r[1] >= threshold]
        wrong = sum(1 for r in sure if r[2] and not r[0])
        uncovered = sum(1 for r in sure if not r[2])
        print(
            f"  p>={threshold}: {len(sure)} above; covered right {sum(1 for r in sure if r[0])}, covered wrong "
            f"{wrong}, uncovered {uncovered} of {sum(1 for q in questions if not q[2])}"
        )
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit(np.vstack([q[0] for q in questions]), np.concatenate([q[1] for q in questions]))
    weights = {"bias": round(float(model.intercept_[0]), 3)} | {
        n: round(float(w), 3) for n, w in zip(FEATURES, model.coef_[0], strict=True)
    }
    print("weights:", weights)


if __name__ == "__main__":
    main()
