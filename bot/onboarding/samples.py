"""The end of `lotse init`: three questions answered from the company's own text, and one handed off."""

from __future__ import annotations

from pathlib import Path

from bot.app import Lotse
from bot.i18n import t
from bot.models import Asker, Reply

SAMPLES = 3
TRIED = 10  # headings tried until SAMPLES are answered


def sample_headings(lotse: Lotse, documents: Path, count: int = SAMPLES) -> list[str]:
    """Headings of the imported documents' richest sections, one document after the other."""
    root = str(documents.resolve())
    by_document: dict[str, list[tuple[int, str]]] = {}
    for chunk in lotse.index.chunks():
        parts = chunk.section.split(" › ")
        if chunk.is_view or len(parts) < 2 or not str(chunk.metadata.get("source_path", "")).startswith(root):
            continue
        by_document.setdefault(chunk.document, []).append((len(chunk.text), parts[-1]))
    ranked = [[h for _, h in sorted(items, reverse=True)] for items in by_document.values()]
    chosen: list[str] = []
    for position in range(max((len(h) for h in ranked), default=0)):
        for headings in ranked:
            if position < len(headings) and headings[position] not in chosen and len(chosen) < count:
                chosen.append(headings[position])
    return chosen


def sample_replies(lotse: Lotse, documents: Path, language: str) -> list[tuple[str, Reply]]:
    """Up to three questions about the documents' own headings that Lotse answers, then one it hands off."""
    asker = Asker(user_id="cli:init", platform="cli")
    shown: list[tuple[str, Reply]] = []
    for heading in sample_headings(lotse, documents, TRIED):
        question = t("init.sample_question", language, heading=heading)
        reply = lotse.assistant.ask(question, asker, record=False)
        if reply.outcome == "answered" and not reply.tentative:  # a sure answer, not "Do you mean …?"
            shown.append((question, reply))
        if len(shown) == SAMPLES:
            break
    question = t("init.sample_handoff", language)
    return [*shown, (question, lotse.assistant.ask(question, asker, record=False))]
