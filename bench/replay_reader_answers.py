"""The whole road with a model, measured on helper-written answers: retrieval → model → verifier → tier → reply.

    .venv/bin/python bench/replay_reader_answers.py [--data-dir DIR] [--set knowledge/eval/reader-answers-tune.jsonl]

The local stand-in (tests/support/fake_llm.py `Replay`) answers each question with the helper's answer to it, its
passage numbers mapped to the passages retrieval actually sent ("not answered" when a cited passage was not sent).
Each row's question becomes a covered question whose gold is the row's first passage; faithful and unfaithful rows
are run as two question sets (a question may carry one of each). Both sets go through `lotse eval answers` twice,
without a model (today's offline table) and with LOTSE_LLM at the stand-in, and the figures are printed side by
side. A file whose name contains "blind" needs --blind: the output is figures only (rates and counts, no text), so
a blind set can be measured once without anyone reading its items.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")  # "[1]" or "[1, 2]"

FIGURES = (
    "covered_resolved",
    "covered_confident_right",
    "covered_wrong_confident",
    "covered_tentative_wrong",
    "covered_needless_handoff",
)


def gold_of(rows: list[dict[str, Any]], question: str) -> list[dict[str, Any]]:
    """The passages a faithful answer to `question` cites (any of them shown first is right); without a faithful
    row, the row's first passage. A faithful answer may lead with its second passage: gold = passage 1 alone would
    count that right answer as wrong."""
    for row in rows:
        if row["question"] == question and row["label"] == "faithful":
            cited = dict.fromkeys(int(n) for group in CITATION.findall(row["answer"]) for n in group.split(","))
            passages = [row["passages"][n - 1] for n in cited if 1 <= n <= len(row["passages"])]
            if passages:
                return passages
    return [next(r for r in rows if r["question"] == question)["passages"][0]]


def question_set(rows: list[dict[str, Any]], folder: Path, label: str) -> Path:
    path = folder / f"replay-{label}.jsonl"
    lines = [
        {"message": r["question"], "language": r["language"], "label": "covered", "gold": gold_of(rows, r["question"])}
        for r in rows
        if r["label"] == label
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path


def eval_answers(data_dir: Path, questions: Path, env: dict[str, str]) -> dict[str, Any]:
    from click.testing import CliRunner

    from bot.cli.main import cli

    args = ["--data-dir", str(data_dir), "--knowledge-dir", str(ROOT / "knowledge"), "eval", "answers"]
    result = CliRunner().invoke(cli, [*args, "--set", str(questions), "--json"], env=env, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(result.output)
    report: dict[str, Any] = json.loads(result.output[result.output.index("{") :])
    return report


def main() -> None:
    from bot.app import Lotse
    from bot.evaluation.verifier import load_rows
    from bot.settings import Settings
    from tests.support.fake_llm import FakeLlm, Replay, Scripted

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--set", type=Path, default=ROOT / "knowledge" / "eval" / "reader-answers-tune.jsonl")
    parser.add_argument("--blind", action="store_true", help="allow a blind set (figures only are printed)")
    args = parser.parse_args()
    if "blind" in args.set.name and not args.blind:
        raise SystemExit("a blind set: pass --blind to measure it (only figures are printed, no items)")
    rows = load_rows(Lotse(Settings(data_dir=args.data_dir, knowledge_dir=ROOT / "knowledge")), args.set)
    fake = FakeLlm.start()
    model = {
        "LOTSE_LLM": "openai:replay",
        "LOTSE_LLM_BASE_URL": fake.base_url,
        "LOTSE_LLM_API_KEY": "replay",
        "LOTSE_LLM_TIMEOUT_SECONDS": "8",
    }
    out: dict[str, Any] = {"set": str(args.set)}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for label in ("faithful", "unfaithful"):
                questions = question_set(rows, Path(folder), label)
                offline = eval_answers(args.data_dir, questions, {"LOTSE_LLM": ""})
                replay = Replay([r for r in rows if r["label"] == label])
                fake.script(Scripted(content=replay))
                with_model = eval_answers(args.data_dir, questions, model)
                out[label] = {
                    "questions": len(with_model["items"]),
                    "offline": {k: offline["rates"][k] for k in FIGURES},
                    "with_model": {k: with_model["rates"][k] for k in FIGURES},
                    "reader": with_model["reader"],
                    "verified_shown_as": dict(
                        Counter(i["class"] for i in with_model["items"] if i["reader"] == "verified")
                    ),
                    "stand_in": dict(replay.counts),
                }
    finally:
        fake.stop()
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
