"""Check bot/triage/training/sensitivity*.jsonl (every batch, together): valid rows, no (near-)duplicate messages,
counts. Line numbers count through the batches in name order.

Run: python -m bot.triage.training.check_sensitivity
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

PATHS = sorted(Path(__file__).parent.glob("sensitivity*.jsonl"))
CATEGORIES = {
    "press",
    "crisis",
    "legal",
    "data_leak",
    "security",
    "harassment",
    "wellbeing",
    "misconduct",
    "insider",
    "endorsement",
}
KEYS = {"message", "language", "label", "category", "why"}


def normalise(message: str) -> str:
    """Lowercase, drop punctuation, fold digits: messages equal after this are duplicates."""
    text = re.sub(r"[^\w\s]", "", message.lower())
    text = re.sub(r"\d+", "0", text)
    return " ".join(text.split())


def problems(rows: list[dict[str, object]]) -> list[str]:
    found: list[str] = []
    seen: dict[str, int] = {}
    tokens: list[set[str]] = []
    for number, row in enumerate(rows, 1):
        if set(row) != KEYS:
            found.append(f"line {number}: keys {sorted(row)}")
            continue
        if row["language"] not in ("de", "en"):
            found.append(f"line {number}: language {row['language']!r}")
        if row["label"] == "sensitive":
            if row["category"] not in CATEGORIES:
                found.append(f"line {number}: category {row['category']!r}")
        elif row["label"] == "ordinary":
            if row["category"] is not None:
                found.append(f"line {number}: ordinary with category {row['category']!r}")
        else:
            found.append(f"line {number}: label {row['label']!r}")
        if not str(row["message"]).strip() or not str(row["why"]).strip():
            found.append(f"line {number}: empty message or why")
        key = normalise(str(row["message"]))
        if key in seen:
            found.append(f"line {number}: duplicate of line {seen[key]}")
        seen[key] = number
        tokens.append(set(key.split()))
    for i, first in enumerate(tokens):
        for j in range(i + 1, len(tokens)):
            second = tokens[j]
            if len(first) >= 4 and len(first ^ second) <= 2 and len(first & second) >= max(len(first), len(second)) - 1:
                found.append(f"line {j + 1}: near-duplicate of line {i + 1}")
    return found


def main() -> int:
    lines = [line for path in PATHS for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [json.loads(line) for line in lines if line.strip()]
    counts = collections.Counter((row["category"] or "ordinary", row["language"]) for row in rows)
    for name in sorted({name for name, _ in counts}):
        de, en = counts[(name, "de")], counts[(name, "en")]
        print(f"{name:12s} total={de + en:4d} de={de:4d} en={en:4d}")
    labels = collections.Counter(row["label"] for row in rows)
    languages = collections.Counter(row["language"] for row in rows)
    hard = sum(1 for row in rows if row["label"] == "ordinary" and str(row["why"]).startswith("hard negative"))
    print(f"total={len(rows)} labels={dict(labels)} languages={dict(languages)} hard_negatives={hard}")
    found = problems(rows)
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
