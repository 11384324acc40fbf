"""Plain-text rendering of a Reply for the terminal."""

from __future__ import annotations

from bot.i18n import register, t
from bot.labels import category_label, reason_label
from bot.models import Reply

register(
    {
        "sources_label": {"de": "Quellen:", "en": "Sources:"},
        "handoff_label": {"de": "Weitergegeben an", "en": "Passed on to"},
        "handoff_case": {"de": "Anfrage", "en": "case"},
        "tentative_terminal_hint": {
            "de": "(Dafür „/mensch“ schreiben.)",
            "en": "(Type “/human” for that.)",
        },
    }
)


def render_reply(reply: Reply, *, in_chat: bool = False) -> str:
    """The answer, its sources, and where a handed-off question went; `in_chat` adds the chat's next steps."""
    lines = [reply.answer]
    if reply.notice:
        lines.insert(0, f"({reply.notice})")
    if reply.outcome == "answered" and reply.sources and not reply.tentative:  # a tentative reply names its one passage
        lines += ["", t("sources_label", reply.language)]
        for source in reply.sources:
            lines.append(f"  – {source.title} › {source.section.split(' › ')[-1]}  [{source.document}]")
    if reply.tentative and in_chat:
        lines.append(t("tentative_terminal_hint", reply.language))
    if reply.handoff:
        lines.append(handoff_line(reply))
    return "\n".join(lines)


def handoff_line(reply: Reply) -> str:
    """[Weitergegeben an Katrin Vogt · Anfrage #3 · heikles Thema · Presseanfrage]"""
    handoff, lang = reply.handoff, reply.language
    assert handoff is not None
    parts = [
        f"{t('handoff_label', lang)} {handoff.contact_name}",
        f"{t('handoff_case', lang)} #{handoff.id}",
        reason_label(handoff.reason, lang),
    ]
    if handoff.category:
        parts.append(category_label(handoff.category, lang))
    return "[" + " · ".join(parts) + "]"
