"""Plain-text rendering of handoffs for the terminal inbox: words for status, reason and category, relative times."""

from __future__ import annotations

from datetime import UTC, datetime

import bot.terminal.texts  # noqa: F401  (registers the term.* texts)
from bot.handoff.views import HandoffView
from bot.i18n import t
from bot.labels import category_label, reason_label, status_label

QUESTION_WIDTH = 70


def ago(moment: datetime, now: datetime, language: str) -> str:
    """ "gerade eben", "vor 5 Min.", "vor 3 Std.", "vor 2 Tagen"."""
    seconds = (_aware(now) - _aware(moment)).total_seconds()
    if seconds < 60:
        return t("term.just_now", language)
    if seconds < 3600:
        return t("term.minutes_ago", language, n=int(seconds // 60))
    if seconds < 86400:
        return t("term.hours_ago", language, n=int(seconds // 3600))
    return t("term.days_ago", language, n=int(seconds // 86400))


def who(view: HandoffView, actor: str, language: str) -> str:
    if view.asker_id == actor:
        return t("term.from_you", language)
    return t("term.from_user", language, user=view.asker_id)


def inbox_line(view: HandoffView, actor: str, now: datetime, language: str) -> str:
    """#3  Presseanfrage · heikles Thema · von dir · gerade eben  „Ein Journalist …“"""
    topic = category_label(view.category, language) if view.category else reason_label(view.reason, language)
    parts = [topic]
    if view.category:
        parts.append(reason_label(view.reason, language))
    parts += [who(view, actor, language), ago(view.created_at, now, language)]
    if view.overdue:
        parts.append(t("term.overdue", language))
    text = " ".join((view.question or "").split())
    if len(text) > QUESTION_WIDTH:
        text = text[: QUESTION_WIDTH - 1] + "…"
    return f"  #{view.id:<3} {' · '.join(parts)}\n        „{text}“"


def details(view: HandoffView, actor: str, now: datetime, language: str) -> str:
    category = f" · {category_label(view.category, language)}" if view.category else ""
    head = t(
        "term.detail_head",
        language,
        id=view.id,
        status=status_label(view.status, language),
        reason=reason_label(view.reason, language),
        category=category,
        who=who(view, actor, language),
        when=ago(view.created_at, now, language),
    )
    lines = [head, "", t("term.detail_question", language), _indent(view.question or "")]
    if view.draft:
        lines += ["", t("term.detail_draft", language), _indent(view.draft)]
    if view.context:
        lines += ["", t("term.detail_passages", language)]
        for passage in view.context[:3]:
            text = " ".join(passage.text.split())
            lines.append(f"  – {passage.section} [{passage.document}]: {text[:240]}{'…' if len(text) > 240 else ''}")
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines() or [""])


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
