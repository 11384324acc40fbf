"""Learning from askers, simulated: replay a labelled question stream, let simulated askers answer "Ja, danke" /
"Nein" on tentative answers, and measure held-back paraphrases before and after. Prints JSON.

    .venv/bin/python bench/bench_learning.py --corpus public [--confirmations 2] [--approve-waiting] [--out F]
    .venv/bin/python bench/bench_learning.py --corpus nordwerk

Only tuning sets are read (public: eval/answers-tune.jsonl + eval/retrieval-tune.jsonl; nordwerk:
knowledge/eval/answers-tune.jsonl + retrieval-documents.jsonl). The covered questions are grouped by their first
gold section; inside each group (seeded order) every other question is replayed, the rest is held back, so a
held-back question is a paraphrase of something replayed. Uncovered, sensitive and off-topic questions are split
the same way (replayed ones get their "Nein"; held-back ones show whether learning made Lotse bolder where it
must not be).

Each replayed question is asked by its own simulated person (distinct ids). On a tentative answer the person
clicks "Ja, danke" when the offered passage is one of the question's gold sections and "Nein, bitte an eine
Person" otherwise (`--click-rate` of them click at all). Confident answers get no click (they teach nothing).
With --approve-waiting a contact person approves, after the replay, every candidate still waiting (what the
weekly report offers). The learned views are indexed (incremental ingest) and the held-back questions asked
again. The knowledge folder is copied to --work; the repository is never written.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

CORPORA = {
    "public": (
        ROOT / "bench" / "corpora" / "public-guidelines" / "knowledge",
        ["eval/answers-tune.jsonl", "eval/retrieval-tune.jsonl"],
        ROOT / "bench" / "corpora" / "public-guidelines",
    ),
    "nordwerk": (ROOT / "knowledge", ["eval/answers-tune.jsonl", "eval/retrieval-documents.jsonl"], ROOT / "knowledge"),
}


def read_rows(base: Path, names: list[str]) -> list[dict[str, Any]]:
    rows = []
    for name in names:
        assert "blind" not in name
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("label", "covered")
                row["message"] = row.get("message") or row.get("question")
                rows.append(row)
    return rows


def split(rows: list[dict[str, Any]], seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(replayed, held back): per first gold section (covered) or per label (others), every other question."""
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        gold = row.get("gold") or []
        key = (gold[0]["document"], gold[0]["section"]) if row["label"] == "covered" and gold else row["label"]
        groups[key].append(row)
    rng = random.Random(seed)
    replayed, held = [], []
    for key in sorted(groups, key=str):
        members = groups[key]
        rng.shuffle(members)
        if len(members) == 1:
            replayed += members
            continue
        replayed += members[0::2]
        held += members[1::2]
    return replayed, held


def measure(lotse: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    from bot.evaluation.answers import classify, rates
    from bot.models import Conversation

    items = []
    for row in rows:
        reply = lotse.assistant.ask(row["message"], record=False)
        kind = ""
        if row["label"] == "sensitive":
            result = lotse.assistant.retrieve(reply.question, reply.language, Conversation(platform="cli"))
            kind = lotse.assistant.triage(reply.question, reply.language, result).kind
        items.append(
            {
                "label": row["label"],
                "outcome": reply.outcome,
                "tentative": reply.tentative,
                "predicted_category": reply.category,
                "category": row.get("category"),
                "class": classify(row, reply.outcome, reply.tentative, reply.sources, kind),
            }
        )
    counts = {label: len([i for i in items if i["label"] == label]) for label in sorted({i["label"] for i in items})}
    wanted = (
        "covered_confident_right",
        "covered_resolved",
        "covered_wrong_confident",
        "covered_tentative_wrong",
        "covered_needless_handoff",
        "uncovered_not_confident",
        "sensitive_handoff",
        "off_topic_not_answered",
    )
    return {"n": counts, "rates": {k: v for k, v in rates(items).items() if k in wanted}}


def replay(lotse: Any, rows: list[dict[str, Any]], click_rate: float, seed: int) -> dict[str, int]:
    from bot.evaluation.answers import _gold
    from bot.models import Asker, Conversation

    rng = random.Random(seed + 1)
    tally = {"asked": 0, "tentative": 0, "yes": 0, "no": 0, "no_click": 0}
    for number, row in enumerate(rows):
        asker = Asker(user_id=f"sim-{number}", platform="bench")
        conversation = Conversation(platform="bench", channel_id="D", thread_id=str(number), message_id=f"m{number}")
        reply = lotse.assistant.ask(row["message"], asker, conversation)
        tally["asked"] += 1
        if not reply.tentative or reply.exchange_id is None:
            continue
        tally["tentative"] += 1
        if rng.random() >= click_rate:
            tally["no_click"] += 1
            continue
        right = row["label"] == "covered" and any(_gold(reply.sources[0], g) for g in row.get("gold", []))
        if right:
            lotse.feedback.rate(reply.exchange_id, asker.user_id, True)
            tally["yes"] += 1
        else:
            lotse.handoff_requests.person_for_exchange(reply.exchange_id, asker.user_id)
            tally["no"] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="public")
    parser.add_argument("--confirmations", type=int, default=2)
    parser.add_argument("--approve-waiting", action="store_true")
    parser.add_argument("--click-rate", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--work", type=Path, default=Path("/tmp/lotse-bench-learning"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    from bot.app import Lotse
    from bot.learning.loop import wait_for_reindex
    from bot.settings import Settings

    source, names, eval_base = CORPORA[args.corpus]
    work = args.work / args.corpus
    knowledge, data = work / "knowledge", work / "data"
    base_index = work / "base-index"
    if not base_index.exists():  # one full ingest per corpus (own process: Chroma caches its client per path)
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(source, knowledge, ignore=shutil.ignore_patterns("eval"))
        command = [sys.executable, "-m", "bot.cli.main", "--data-dir", str(data), "--knowledge-dir", str(knowledge)]
        subprocess.run([*command, "ingest"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        shutil.copytree(data / "index", base_index)
    for learned in (knowledge / "questions").glob("learned.*.yaml"):
        learned.unlink()  # a fresh start: no views learned yet
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(base_index, data / "index")

    settings = Settings(
        data_dir=data,
        knowledge_dir=knowledge,
        learn_confirmations=args.confirmations,
        contact_ids={"communications": ["bench-contact"]},
        rate_questions_per_minute=0,
        rate_handoffs_per_hour=0,
    )
    rows = read_rows(eval_base, names)
    replayed, held = split(rows, args.seed)
    paraphrases = [r for r in held if r["label"] == "covered"]

    lotse = Lotse(settings)
    before = measure(lotse, held)
    tally = replay(lotse, replayed, args.click_rate, args.seed)
    if args.approve_waiting:
        for candidate in lotse.view_learning.summaries("open"):
            if candidate.confirmations > candidate.rejections:
                lotse.view_learning.approve("bench-contact", candidate.id)
    wait_for_reindex(lotse.handoffs, 1800)
    summaries = lotse.view_learning.summaries()
    after_lotse = Lotse(settings)
    after_lotse.__dict__["embedder"] = lotse.embedder
    after = measure(after_lotse, held)
    replayed_after = measure(after_lotse, [r for r in replayed if r["label"] == "covered"])

    report = {
        "corpus": args.corpus,
        "sets": names,
        "confirmations": args.confirmations,
        "approve_waiting": args.approve_waiting,
        "click_rate": args.click_rate,
        "seed": args.seed,
        "replayed": len(replayed),
        "held_back": len(held),
        "held_back_paraphrases": len(paraphrases),
        "replay": tally,
        "candidates": len(summaries),
        "promoted": sum(1 for s in summaries if s.status == "promoted"),
        "views_written": sum(s.written for s in summaries),
        "held_back_before": before,
        "held_back_after": after,
        "replayed_covered_after": replayed_after,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
