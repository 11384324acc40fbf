"""Grid over reciprocal-rank-fusion k and lexical weight on the TUNING retrieval sets (never the blind ones).

    .venv/bin/python bench/experiments/tune_fusion.py --data-dir DIR [--knowledge-dir DIR] SET.jsonl ...

Each question is searched once per side (dense, lexical); the grid only re-fuses the cached rankings, so the
whole grid costs one pass. Prints R@1 / R@3 / MRR per setting, best R@3 (then MRR) first.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from bot.app import Lotse
from bot.evaluation.labelled import read_jsonl
from bot.evaluation.retrieval import matches
from bot.retrieval.hybrid import Fusion, Hit, fuse
from bot.settings import Settings

KS = (2, 5, 10, 20, 40, 60)
WEIGHTS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--knowledge-dir", default="knowledge")
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()
    lotse = Lotse(Settings(data_dir=Path(args.data_dir), knowledge_dir=Path(args.knowledge_dir)))
    retriever = lotse.retriever
    chunks = retriever.lexical().chunks
    languages = [c.language for c in chunks]
    cached = []
    for path in args.sets:
        for row in read_jsonl(Path(path)):
            language = row.get("language", "de")
            dense = retriever.dense_ranking(lotse.embedder.embed_query(row["question"]))
            lexical = retriever.lexical_ranking(row["question"], language)
            cached.append((row, language, dense, lexical))
    results = []
    for k, weight in itertools.product(KS, WEIGHTS):
        ranks = []
        for row, language, dense, lexical in cached:
            fused = fuse(dense, lexical, languages, language, Fusion(k=k, lexical_weight=weight))[:5]
            hits = [Hit(chunks[f[0]], f[1]) for f in fused]
            rank = next((i for i, h in enumerate(hits, 1) if any(matches(h, g) for g in row["gold"])), None)
            ranks.append(rank)
        n = len(ranks)
        r1 = sum(r == 1 for r in ranks) / n
        r3 = sum(r is not None and r <= 3 for r in ranks) / n
        mrr = sum(1 / r for r in ranks if r) / n
        results.append((r3, mrr, r1, k, weight))
    print(f"{len(cached)} questions")
    for r3, mrr, r1, k, weight in sorted(results, reverse=True)[:15]:
        print(f"k={k:<3} lexical_weight={weight:<5} R@1 {r1:.3f}  R@3 {r3:.3f}  MRR {mrr:.3f}")


if __name__ == "__main__":
    main()
