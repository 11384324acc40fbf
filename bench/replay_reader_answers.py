"""The whole road with a model, measured on helper-written answers: retrieval → model → verifier → tier → reply.

    .venv/bin/python bench/replay_reader_answers.py [--data-dir DIR] [--set knowledge/eval/reader-answers-tune.jsonl]

The local stand-in (tests/support/fake_llm.py `Replay`) answers each question with the helper's answer to it, its
passage numbers mapped to the passages retrieval actually sent ("not answered" when a cited passage was not sent).
Each row's question becomes a covered question whose gold is the row's first passage; faithful and unfaithful rows
are run as two question sets (a question may carry one of each). Both sets go through `lotse eval answers` twice,
without a model (today's offline table) and with LOTSE_LLM at the stand-in, and the figures are printed side by
side. Tuning sets only: a file whose name contains "blind" is refused (its items would be read here).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

FIGURES = (
    "covered_resolved",
    "covered_confident_right",
    "covered_wrong_confident",
    "covered_tentative_wrong",
    "covered_needless_handoff",
)


def question_set(rows: list[dict[str, Any]], folder: Path, label: str) -> Path:
    path = folder / f"replay-{label}.jsonl"
    lines = [
        {"message": r["question"], "language": r["language"], "label": "covered", "gold": [r["passages"][0]]}
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
    args = parser.parse_args()
    if "blind" in args.set.name:
        raise SystemExit("blind sets are not replayed here (their items would be read)")
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
