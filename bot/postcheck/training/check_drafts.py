"""Check bot/postcheck/training/drafts.jsonl: JSON per line, labels, categories, counts, duplicates.

Run: python bot/postcheck/training/check_drafts.py [path]
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

CATEGORIES = {
    "figures",
    "unannounced_product",
    "customers",
    "competition",
    "legal",
    "personnel",
    "security",
    "personal_data",
    "spokesperson",
    "confidential",
    "tone",
}
KEYS = {"post", "language", "label", "category", "why"}


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def is_long(text: str) -> bool:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 3]
    return len(sentences) >= 4 or len(text.split()) >= 55


def main(path: Path) -> int:
    errors: list[str] = []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: invalid JSON ({exc})")
            continue
        if set(row) != KEYS:
            errors.append(f"line {number}: keys {sorted(row)}")
        if row.get("language") not in ("de", "en"):
            errors.append(f"line {number}: language {row.get('language')!r}")
        label, category = row.get("label"), row.get("category")
        if label == "ok" and category is not None:
            errors.append(f"line {number}: ok with category {category!r}")
        elif label == "risky" and category not in CATEGORIES:
            errors.append(f"line {number}: risky with category {category!r}")
        elif label not in ("ok", "risky"):
            errors.append(f"line {number}: label {label!r}")
        if not str(row.get("post", "")).strip() or not str(row.get("why", "")).strip():
            errors.append(f"line {number}: empty post or why")
        rows.append((number, row))

    seen: dict[str, int] = {}
    tokens = []
    for number, row in rows:
        key = normalise(row["post"])
        if key in seen:
            errors.append(f"line {number}: exact duplicate of line {seen[key]}")
        seen.setdefault(key, number)
        tokens.append((number, set(key.split())))
    near = 0
    for (n1, t1), (n2, t2) in itertools.combinations(tokens, 2):
        union = t1 | t2
        if union and len(t1 & t2) / len(union) >= 0.6:
            near += 1
            errors.append(f"lines {n1} and {n2}: near-duplicate (token overlap {len(t1 & t2) / len(union):.2f})")

    by_label = Counter((r["label"], r["language"]) for _, r in rows)
    by_category = Counter((r["category"], r["language"]) for _, r in rows if r["label"] == "risky")
    hard = Counter(r["language"] for _, r in rows if r["label"] == "ok" and "hard negative" in r["why"])
    long_ = Counter(r["label"] for _, r in rows if is_long(r["post"]))

    print(f"rows: {len(rows)}")
    for label in ("ok", "risky"):
        print(f"{label:>20}: de {by_label[(label, 'de')]:3}  en {by_label[(label, 'en')]:3}")
    print("risky by category:")
    for category in sorted(CATEGORIES):
        de, en = by_category[(category, "de")], by_category[(category, "en")]
        print(f"{category:>20}: de {de:3}  en {en:3}  total {de + en:3}")
    print(f"ok hard negatives: de {hard['de']}  en {hard['en']}  total {sum(hard.values())}")
    print(
        f"long drafts (>=4 sentences or >=55 words): ok {long_['ok']}  risky {long_['risky']}"
        f"  share {sum(long_.values()) / max(len(rows), 1):.0%}"
    )
    print(f"near-duplicate pairs: {near}")
    for error in errors:
        print("ERROR", error)
    return 1 if errors else 0


if __name__ == "__main__":
    default = Path(__file__).with_name("drafts.jsonl")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
