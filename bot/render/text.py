"""Plain-text rendering of a Reply for the terminal."""

from __future__ import annotations

from bot.i18n import register, t
from bot.models import Reply

register({
    "sources_label": {"de": "Quellen:", "en": "Sources:"},
    "handoff_label": {"de": "Weitergegeben an", "en": "Passed on to"},
})


def render_reply(reply: Reply) -> str:
    lines = [reply.answer]
    if reply.notice:
        lines.insert(0, f"({reply.notice})")
    if reply.outcome == "answered" and reply.sources:
        lines.append("")
        lines.append(t("sources_label", reply.language))
        for source in reply.sources:
            lines.append(f"  – {source.title} › {source.section.split(' › ')[-1]}  [{source.document}]")
    if reply.handoff:
        lines.append(f"[{t('handoff_label', reply.language)} {reply.handoff.contact_name} · #{reply.handoff.id} · "
                     f"{reply.handoff.reason}{' · ' + reply.handoff.category if reply.handoff.category else ''}]")
    return "\n".join(lines)
