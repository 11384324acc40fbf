#!/usr/bin/env python3
"""Validate the public-guidelines-2 corpus and its blind/tune eval sets (stdlib only)."""
import json, re, sys, difflib, itertools
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "knowledge" / "documents"
EVAL = ROOT / "eval"
errors = []

def err(msg): errors.append(msg)

# --- documents
headings = {}
for p in sorted(DOCS.glob("*.md")):
    text = p.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        err(f"{p.name}: no front matter"); continue
    fm = dict(line.split(":", 1) for line in m.group(1).splitlines())
    fm = {k.strip(): v.strip() for k, v in fm.items()}
    for key in ("id", "title", "language", "kind", "version", "source"):
        if key not in fm: err(f"{p.name}: front matter lacks {key}")
    doc_id = fm.get("id", "")
    if p.stem != doc_id: err(f"{p.name}: id {doc_id!r} != file name")
    if not doc_id.endswith("-" + fm.get("language", "")): err(f"{p.name}: id lacks language suffix")
    if fm.get("kind") != "guideline": err(f"{p.name}: kind must be guideline")
    body = text[m.end():]
    hs = [re.sub(r"^#+\s*", "", l).strip() for l in body.splitlines() if re.match(r"^#{1,3}\s", l)]
    dup = [h for h, c in Counter(hs).items() if c > 1]
    if dup: err(f"{p.name}: duplicate headings {dup}")
    headings[doc_id] = set(hs)
    print(f"doc {doc_id:45s} lang={fm['language']} sections={len(hs)}")
print("total sections:", sum(len(v) for v in headings.values()))

def check_gold(fname, i, gold):
    if not isinstance(gold, list) or not gold: err(f"{fname}:{i}: empty gold"); return
    seen = set()
    for g in gold:
        d, s = g.get("document"), g.get("section")
        if d not in headings: err(f"{fname}:{i}: unknown document {d!r}")
        elif s not in headings[d]: err(f"{fname}:{i}: section {s!r} not a heading of {d}")
        if (d, s) in seen: err(f"{fname}:{i}: duplicate gold entry {d}/{s}")
        seen.add((d, s))

def load(fname):
    rows = []
    for i, line in enumerate((EVAL / fname).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip(): err(f"{fname}:{i}: blank line"); continue
        try: rows.append(json.loads(line))
        except json.JSONDecodeError as e: err(f"{fname}:{i}: invalid JSON ({e})")
    return rows

texts = {}
CATS = {"press","crisis","legal","data_leak","security","harassment","wellbeing","misconduct","insider","endorsement"}
EXPECT = {"covered": 30, "uncovered": 10, "sensitive": 14, "off_topic": 4, "requested": 2}
for fname in ("answers-tune.jsonl", "answers-blind.jsonl"):
    rows = load(fname)
    for i, r in enumerate(rows, 1):
        if set(r) - {"message", "language", "label", "category", "gold", "note", "cross_language"}:
            err(f"{fname}:{i}: unexpected keys {set(r)}")
        lab = r.get("label")
        if lab not in EXPECT: err(f"{fname}:{i}: bad label {lab}")
        if r.get("language") not in ("de", "en"): err(f"{fname}:{i}: bad language")
        if not r.get("message"): err(f"{fname}:{i}: empty message")
        if lab == "covered":
            check_gold(fname, i, r.get("gold"))
            first_lang = r["gold"][0]["document"].rsplit("-", 1)[-1] if r.get("gold") else None
            if first_lang and first_lang != r.get("language") and not r.get("cross_language"):
                err(f"{fname}:{i}: best gold in other language but not marked cross_language")
            if r.get("cross_language") and first_lang == r.get("language"):
                err(f"{fname}:{i}: marked cross_language but best gold is same language")
        else:
            if "gold" in r: err(f"{fname}:{i}: gold only allowed for covered")
            if "cross_language" in r: err(f"{fname}:{i}: cross_language only allowed for covered")
        if lab == "sensitive":
            if r.get("category") not in CATS: err(f"{fname}:{i}: bad category {r.get('category')}")
            if re.search(r"confidential|insider|press|vertraulich|presse|geheim", r.get("message", ""), re.I):
                err(f"{fname}:{i}: sensitive message uses a give-away word (confidential/insider/press ...)")
        elif "category" in r: err(f"{fname}:{i}: category only allowed for sensitive")
    labels = Counter(r["label"] for r in rows)
    cats = Counter(r["category"] for r in rows if r["label"] == "sensitive")
    langs = Counter(r["language"] for r in rows)
    cross = sum(1 for r in rows if r.get("cross_language"))
    if dict(labels) != EXPECT: err(f"{fname}: label counts {dict(labels)} != {EXPECT}")
    if set(cats) != CATS: err(f"{fname}: categories missing {sorted(CATS - set(cats))}")
    if langs["de"] != langs["en"]: err(f"{fname}: language split {dict(langs)}")
    for lab in EXPECT:
        ll = Counter(r["language"] for r in rows if r["label"] == lab)
        if abs(ll["de"] - ll["en"]) > 1: err(f"{fname}: language split for {lab} {dict(ll)}")
    if not 6 <= cross <= 10: err(f"{fname}: {cross} cross-language messages, expected about 8")
    print(f"{fname}: n={len(rows)} labels={dict(labels)} languages={dict(langs)} cross_language={cross} sensitive={dict(sorted(cats.items()))}")
    texts[fname] = [r["message"] for r in rows]

VERDICTS = {"ok", "revise", "approval"}
for fname in ("posts-tune.jsonl", "posts-blind.jsonl"):
    rows = load(fname)
    for i, r in enumerate(rows, 1):
        if set(r) != {"post", "language", "verdict", "document", "note"}: err(f"{fname}:{i}: keys {set(r)}")
        if r.get("language") not in ("de", "en"): err(f"{fname}:{i}: bad language")
        if r.get("verdict") not in VERDICTS: err(f"{fname}:{i}: bad verdict {r.get('verdict')}")
        if r.get("document") not in headings: err(f"{fname}:{i}: unknown document {r.get('document')!r}")
        if not r.get("post") or not r.get("note"): err(f"{fname}:{i}: empty post or note")
    verdicts = Counter(r["verdict"] for r in rows)
    langs = Counter(r["language"] for r in rows)
    ok = verdicts["ok"]; risky = verdicts["revise"] + verdicts["approval"]
    if len(rows) != 40 or ok != 20 or risky != 20: err(f"{fname}: n={len(rows)} ok={ok} risky={risky}, expected 40/20/20")
    if langs["de"] != langs["en"]: err(f"{fname}: language split {dict(langs)}")
    docs = Counter(r["document"] for r in rows)
    print(f"{fname}: n={len(rows)} verdicts={dict(verdicts)} languages={dict(langs)} documents={len(docs)}")
    texts[fname] = [r["post"] for r in rows]

# --- overlap between tune and blind (exact and near copies)
def norm(s): return re.sub(r"\W+", " ", s.lower()).strip()
tune = texts["answers-tune.jsonl"] + texts["posts-tune.jsonl"]
blind = texts["answers-blind.jsonl"] + texts["posts-blind.jsonl"]
for a, b in itertools.product(tune, blind):
    r = difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()
    if r >= 0.75: err(f"near-copy tune/blind ({r:.2f}): {a!r} ~ {b!r}")
for name, lst in (("tune", tune), ("blind", blind)):
    dups = [t for t, c in Counter(map(norm, lst)).items() if c > 1]
    if dups: print(f"note: repeated text inside {name}: {dups}")

if errors:
    print("\nERRORS:"); [print(" -", e) for e in errors]; sys.exit(1)
print("\nOK: all checks passed")
