"""Cost of hostile and very long input on every text path; prints JSON (seconds per case).

    .venv/bin/python bench/bench_input.py [--sizes 10000,40000] [--no-model]

Cases: cleaning a question (`bot.text_input.clean`) on floods of `<http:`, `<@`, mixed markup and prose; the
post check (`PostChecker.check`, with the real embedding model unless --no-model) on drafts of the given sizes
(prose, many sentences, many findings, markup floods); the question road's text steps that do not need the
index (language, junk test, triage terms, lexical query analysis). Target: linear in length, a 40,000-character
draft checked within a second or two. Drafts over 40,000 characters are refused unread (the 1 MB rows).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

PROSE = (
    "Heute waren wir mit dem ganzen Team auf der EMO in Hannover. Unser Stand war voll, danke an alle! "
    "Kontakt: max.mustermann@gmx.de, Tel. 0521 998877-42. Die NORDMILL 800 ist genial. "
)
DOCUMENTS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "knowledge" / "documents").glob("*.md")))
FINDINGS = "Klage Umsatz +20% Großkunde Okano Precision Rekordquartal a.b@gmx.de "


def drafts(size: int) -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "prose": fill(PROSE),
        "findings": fill(FINDINGS),
        "http_flood": fill("<http:"),
        "mention_flood": fill("<@U1 "),
        "link_flood": fill("<https://x.de|a "),
        "one_line": fill("wort "),
        "newlines": fill("Satz mit Wörtern\n"),
        "binary": fill("\x00\x01\ufffd\u200b"),
        "dots": fill("a."),
        "at_signs": fill("a@b."),
        "digits": fill("0521 99 "),
        "documents": fill(DOCUMENTS),
    }


def timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args)
    return round(time.perf_counter() - started, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,40000")
    parser.add_argument("--no-model", action="store_true", help="post check without the embedding model")
    parser.add_argument("--no-megabyte", action="store_true", help="skip the 1 MB flood (unbounded before the fix)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    try:
        from bot.guard.junk import is_junk
    except ImportError:  # measuring a checkout from before the guard existed

        def is_junk(text: str) -> bool:
            return False

    from bot.language import detect_language
    from bot.postcheck.checker import PostChecker
    from bot.postcheck.kinds.base import clear_sentence_cache
    from bot.retrieval.analysis import analyze
    from bot.text_input import clean
    from bot.triage.matching import MessageTokens, compile_terms

    embedder = None
    if not args.no_model:
        from bot.embeddings import Embedder

        embedder = Embedder.load()
    checker = PostChecker.load(ROOT / "knowledge", embedder=embedder, index=None)
    checker.warm_up()
    terms = compile_terms(["Presseanfrage", "Journalist", "Klage vor Gericht"], ["press inquiry", "lawsuit"])
    report: dict[str, dict[str, dict[str, float]]] = {"clean": {}, "check": {}, "question_text": {}}
    for size in sizes:
        for name, text in drafts(size).items():
            key = f"{name}@{size}"
            report["clean"][key] = {"s": timed(clean, text, 4000)}
            print(key, "clean", report["clean"][key], file=sys.stderr, flush=True)
            clear_sentence_cache()
            report["check"][key] = {"s": timed(checker.check, text)}
            print(key, "check", report["check"][key], file=sys.stderr, flush=True)
            cleaned = clean(text, size).text
            report["question_text"][key] = {
                "s": timed(
                    lambda t: (
                        detect_language(t),
                        is_junk(t),
                        MessageTokens(t, "de").matching(terms),
                        analyze(t, "de"),
                        analyze(t, "en"),
                    ),
                    cleaned,
                )
            }
    if not args.no_megabyte:
        big = "<http:" * 175_000  # about 1 MB
        report["clean"]["http_flood@1MB"] = {"s": timed(clean, big, 4000)}
        report["check"]["http_flood@1MB"] = {"s": timed(checker.check, big)}
    text = json.dumps({"model": not args.no_model, **report}, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
