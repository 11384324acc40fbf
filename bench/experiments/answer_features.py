"""Dump the answer-decision features of labelled TUNING questions and fit/compare signals (never blind sets).

    .venv/bin/python bench/experiments/answer_features.py --data-dir DIR [--knowledge-dir DIR] --out F.jsonl SET ...

Rows: covered questions with gold (target: the top passage is a gold passage) and uncovered questions (target 0).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.app import Lotse
from bot.evaluation.labelled import read_jsonl
from bot.evaluation.retrieval import matches
from bot.language import detect_language
from bot.settings import Settings
from bot.triage.answerability import features


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--knowledge-dir", default="knowledge")
    parser.add_argument("--out", required=True)
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()
    lotse = Lotse(Settings(data_dir=Path(args.data_dir), knowledge_dir=Path(args.knowledge_dir)))
    with open(args.out, "w", encoding="utf-8") as out:
        for path in args.sets:
            for row in read_jsonl(Path(path)):
                text = row.get("question") or row.get("message")
                label = row.get("label", "covered")
                if label not in ("covered", "uncovered") or (label == "covered" and not row.get("gold")):
                    continue
                language = detect_language(text, default="de")
                result = lotse.retriever.search(text, language, k=5)
                correct = label == "covered" and bool(result.hits) and any(matches(result.hits[0], g) for g in row["gold"])
                in3 = label == "covered" and any(matches(h, g) for h in result.hits[:3] for g in row["gold"])
                out.write(json.dumps({"set": Path(path).name, "text": text, "label": label, "top1": correct,
                                      "top3": in3, **features(result)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
