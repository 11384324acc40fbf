"""Block Kit rendering of the core's results: Reply, HandoffView, post-check verdict JSON, App Home.

Pure functions (dicts in, dicts out); no Slack calls and no business rules here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bot.handoff.views import HandoffView
from bot.handoff.waiting import told_contact_line, urgency_mark
from bot.i18n import t
from bot.labels import category_label, language_label
from bot.learning.case_examples import example_offer_key
from bot.models import Reply
from bot.slack.texts import both

if TYPE_CHECKING:
    from bot.handoff.absence_desk import AbsenceStatus
    from bot.learning.notes import KnowledgeNote

# action and view ids, shared with the listeners
FEEDBACK_HELPFUL = "lotse_feedback_helpful"
FEEDBACK_UNHELPFUL = "lotse_feedback_unhelpful"
ASK_HUMAN = "lotse_ask_human"
CLAIM = "lotse_handoff_claim"
ANSWER = "lotse_handoff_answer"
RESOLVE = "lotse_handoff_resolve"
EXAMPLE = "lotse_handoff_example"  # "Als Beispiel übernehmen" (bot/slack/examples.py)
SEND_APPROVAL = "lotse_send_approval"
ANSWER_MODAL = "lotse_answer_modal"
POSTCHECK_MODAL = "lotse_postcheck_modal"
ANSWER_INPUT = ("answer_block", "answer_text")
ABSENCE_AWAY = "lotse_absence_away"  # opens ABSENCE_MODAL (last day, hand over now?)
ABSENCE_BACK = "lotse_absence_back"
ABSENCE_HAND_OVER = "lotse_absence_hand_over"
ABSENCE_MODAL = "lotse_absence_modal"
UNTIL_INPUT = ("absence_until_block", "absence_until")
HAND_OVER_INPUT = ("absence_hand_over_block", "absence_hand_over")
FAQ_INPUT = ("faq_block", "faq_option")
DRAFT_INPUT = ("draft_block", "draft_text")

SECTION_LIMIT = 2900
Block = dict[str, Any]


# --- text helpers ---------------------------------------------------------------------------------
def escape(text: str | None) -> str:
    """Slack's three control characters in text that came from users or documents."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """The core's Markdown-ish answer (`**bold**`, `> quote` lines) as Slack mrkdwn."""
    lines = []
    for line in (markdown or "").splitlines():
        quoted = line.startswith(">")
        body = escape(line[1:].lstrip() if quoted else line)
        body = re.sub(r"\*\*(.+?)\*\*", r"*\1*", body)
        lines.append(("> " + body) if quoted else body)
    return "\n".join(lines)


def quote(text: str, limit: int = 600) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "> " + escape(text)


def section(text: str) -> list[Block]:
    """One or more mrkdwn sections (Slack allows 3000 characters per section)."""
    chunks, current = [], ""
    for line in text.split("\n"):
        while len(line) > SECTION_LIMIT:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:SECTION_LIMIT])
            line = line[SECTION_LIMIT:]
        if current and len(current) + 1 + len(line) > SECTION_LIMIT:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current or not chunks:
        chunks.append(current or " ")
    return [{"type": "section", "text": {"type": "mrkdwn", "text": c}} for c in chunks]


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": x} for x in texts if x][:10]}


def button(text: str, action_id: str, value: str | int, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:75], "emoji": True},
        "action_id": action_id,
        "value": str(value),
    }
    if style:
        element["style"] = style
    return element


def plain(text: str) -> Block:
    return {"type": "plain_text", "text": text[:150], "emoji": True}


# --- answers --------------------------------------------------------------------------------------
def reply_blocks(reply: Reply) -> list[Block]:
    lang = reply.language
    blocks: list[Block] = section(to_mrkdwn(reply.answer))
    if reply.notice:
        blocks.append(context(escape(reply.notice)))
    if reply.outcome == "answered" and reply.sources:
        lines = [f"*{t('slack.sources', lang)}*"]
        lines += [f"• {escape(s.section or s.title)} _({escape(s.document)})_" for s in reply.sources]
        blocks.append(context("\n".join(lines)))
    if reply.exchange_id is not None and reply.outcome != "handoff":
        elements = []
        if reply.tentative:  # "Meinst du das?": one click confirms, one click hands off
            elements += [
                button(t("slack.tentative_yes", lang), FEEDBACK_HELPFUL, reply.exchange_id),
                button(t("slack.tentative_no", lang), ASK_HUMAN, reply.exchange_id, style="primary"),
            ]
        else:
            if reply.outcome == "answered":
                elements += [
                    button(t("slack.helpful", lang), FEEDBACK_HELPFUL, reply.exchange_id),
                    button(t("slack.not_helpful", lang), FEEDBACK_UNHELPFUL, reply.exchange_id),
                ]
            elements.append(button(t("slack.human", lang), ASK_HUMAN, reply.exchange_id))
        blocks.append({"type": "actions", "block_id": f"reply_{reply.exchange_id}", "elements": elements})
    return blocks


def reply_text(reply: Reply) -> str:
    """The notification / fallback text of a reply."""
    return (reply.answer or "").replace("**", "*")[:3000]


# --- handoffs -------------------------------------------------------------------------------------
def _status_text(view: HandoffView, lang: str) -> str:
    if view.status == "claimed":
        return t("slack.status.claimed", lang, user=view.claimed_by or "?")
    return t(f"slack.status.{view.status}", lang)


def handoff_blocks(
    view: HandoffView,
    lang: str,
    *,
    title_key: str = "slack.handoff_title",
    with_buttons: bool = True,
    compact: bool = False,
) -> list[Block]:
    """What a contact person sees about one handoff: question or draft, category, reason, passages, buttons."""
    head = f"*{t(title_key, lang, id=view.id)}* · {t('slack.handoff_from', lang, user=view.asker_id)}"
    marks = []
    if view.overdue:
        marks.append(t("slack.overdue", lang))
    if view.notify_failed:
        marks.append(t("slack.notify_failed", lang))
    urgency = urgency_mark(view, lang)  # urgent categories and escalations (bot/handoff/waiting.py)
    if urgency:
        marks.append(f"*{urgency}*")
    blocks: list[Block] = section(head + ("\n" + " · ".join(marks) if marks else ""))
    facts = [
        f"*{t('slack.category', lang)}:* {escape(category_label(view.category, lang))}",
        f"*{t('slack.reason', lang)}:* {t('slack.reason.' + view.reason, lang)}",
        f"*{t('slack.status', lang)}:* {_status_text(view, lang)}",
        f"*{t('slack.language', lang)}:* {language_label(view.language, lang)}",
    ]
    blocks.append(context(*facts))
    if view.question:
        blocks += section(f"*{t('slack.question', lang)}:*\n{quote(view.question, 2500)}")
    if view.draft:
        blocks += section(f"*{t('slack.draft', lang)}:*\n{quote(view.draft, 2500)}")
    told = told_contact_line(view, lang)  # "not alone while waiting": the step the employee was already given
    if told:
        blocks.append(context(escape(told)))
    if not compact:
        if view.context:
            lines = [f"*{t('slack.passages', lang)}:*"]
            for passage in view.context[:3]:
                lines.append(
                    f"• _{escape(passage.section)}_ ({escape(passage.document)}, "
                    f"{passage.score:.2f})\n{quote(passage.text, 400)}"
                )
            blocks += section("\n".join(lines))
        else:
            blocks.append(context(f"{t('slack.passages', lang)}: {t('slack.no_passages', lang)}"))
    if with_buttons and view.is_active:
        elements = []
        if view.status == "open":
            elements.append(button(t("slack.claim", lang), CLAIM, view.id))
        elements += [
            button(t("slack.answer", lang), ANSWER, view.id, "primary"),
            button(t("slack.resolve", lang), RESOLVE, view.id),
        ]
        blocks.append({"type": "actions", "block_id": f"handoff_{view.id}", "elements": elements})
    elif with_buttons and example_offer_key(view) is None:  # answered: the case may become an example
        offer = button(t("example.button", lang), EXAMPLE, view.id)
        blocks.append({"type": "actions", "block_id": f"example_{view.id}", "elements": [offer]})
    return blocks


def handoff_text(view: HandoffView, lang: str) -> str:
    return f"{t('slack.handoff_title', lang, id=view.id)}: {(view.question or view.draft or '')[:200]}"


def answer_modal(view: HandoffView, lang: str) -> Block:
    return {
        "type": "modal",
        "callback_id": ANSWER_MODAL,
        "private_metadata": json.dumps({"handoff_id": view.id}),
        "title": plain(t("slack.answer_modal_title", lang)[:24]),
        "submit": plain(t("slack.send", lang)),
        "close": plain(t("slack.cancel", lang)),
        "blocks": [
            *section(
                f"*{t('slack.question' if view.question else 'slack.draft', lang)}:*\n"
                f"{quote(view.question or view.draft or '', 2000)}"
            ),
            {
                "type": "input",
                "block_id": ANSWER_INPUT[0],
                "label": plain(t("slack.answer_label_plain", lang)),
                "element": {"type": "plain_text_input", "action_id": ANSWER_INPUT[1], "multiline": True},
            },
            {
                "type": "input",
                "block_id": FAQ_INPUT[0],
                "optional": True,
                "label": plain("FAQ"),
                "element": {
                    "type": "checkboxes",
                    "action_id": FAQ_INPUT[1],
                    "options": [{"text": plain(t("slack.faq_option", lang)), "value": "faq"}],
                },
            },
        ],
    }


def delivered_answer_blocks(view: HandoffView, answer: str) -> list[Block]:
    lang = view.language
    key = "slack.answer_from_draft" if view.reason == "post_approval" else "slack.answer_from"
    blocks = section(t(key, lang, name=escape(view.contact_name)))
    blocks += section(to_mrkdwn(answer))
    return blocks


# --- post check -----------------------------------------------------------------------------------
def verdict_blocks(verdict: dict[str, Any], check_id: int | None = None) -> list[Block]:
    """Render `Verdict.to_json()`: verdict, findings with excerpt, guideline quote and fix, revision."""
    lang = verdict.get("language") or "de"
    kind = verdict.get("verdict", "revise")
    blocks: list[Block] = [{"type": "header", "text": plain(t("slack.postcheck_header", lang))}]
    thin = verdict.get("headline_key") == "postcheck.verdict.ok_thin"  # nothing found, but on little: no "fine"
    blocks += section(f"*{t('postcheck.verdict.ok_thin' if thin else 'slack.verdict.' + kind, lang)}*")
    for notice in verdict.get("notices") or []:
        blocks.append(context(escape(notice)))
    for finding in verdict.get("findings") or []:
        lines = [f"*„{escape(finding.get('excerpt', '').strip())}“* – {escape(finding.get('message', ''))}"]
        guideline = finding.get("guideline") or {}
        if guideline.get("section"):
            lines.append(f"_{t('slack.finding_rule', lang)}: {escape(guideline['section'])}_")
            if guideline.get("text"):
                lines.append(quote(guideline["text"], 500))
        if finding.get("fix"):
            lines.append(f"*{t('slack.finding_fix', lang)}:* {escape(finding['fix'])}")
        blocks.append({"type": "divider"})
        blocks += section("\n".join(lines))
    if verdict.get("revision"):
        blocks.append({"type": "divider"})
        blocks += section(f"*{t('slack.revision', lang)}:*\n```{escape(verdict['revision'])}```")
    if kind == "approval" and check_id is not None:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"postcheck_{check_id}",
                "elements": [button(t("slack.send_approval", lang), SEND_APPROVAL, check_id, "primary")],
            }
        )
    return blocks


def verdict_text(verdict: dict[str, Any]) -> str:
    lang = verdict.get("language") or "de"
    return t("slack.verdict." + verdict.get("verdict", "revise"), lang)


def postcheck_modal(channel_id: str | None) -> Block:
    return {
        "type": "modal",
        "callback_id": POSTCHECK_MODAL,
        "private_metadata": json.dumps({"channel_id": channel_id}),
        "title": plain(both("slack.postcheck_title")[:24]),
        "submit": plain(both("slack.postcheck_submit")[:24]),
        "close": plain(both("slack.cancel")[:24]),
        "blocks": [
            {
                "type": "input",
                "block_id": DRAFT_INPUT[0],
                "label": plain(both("slack.postcheck_label")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": DRAFT_INPUT[1],
                    "multiline": True,
                    "max_length": 3000,
                },
            }
        ],
    }


# --- absences (bot/handoff/absence_desk.py) --------------------------------------------------------
def availability_blocks(status: AbsenceStatus, lang: str) -> list[Block]:
    """The contact person's availability: away or not, who stands in, and the one-click buttons."""
    elements = []
    if status.away is None:
        elements.append(button(t("absence.button_away", lang), ABSENCE_AWAY, "away"))
    else:
        elements.append(button(t("absence.button_back", lang), ABSENCE_BACK, "back", style="primary"))
    if status.held and status.away is not None:
        elements.append(button(status.hand_over_label(lang), ABSENCE_HAND_OVER, "hand_over"))
    return section(escape(status.text)) + [{"type": "actions", "block_id": "absence", "elements": elements}]


def absence_reply_blocks(said: str, status: AbsenceStatus | None, lang: str) -> list[Block]:
    """The reply to `/lotse abwesend …`: what was noted, and the hand-over as one click while some are held."""
    blocks = section(escape(said))
    if status is not None and status.away is not None and status.held:
        button_ = button(status.hand_over_label(lang), ABSENCE_HAND_OVER, f"hand_over:{lang}", style="primary")
        blocks.append({"type": "actions", "block_id": "absence", "elements": [button_]})
    return blocks


def absence_modal(lang: str) -> Block:
    return {
        "type": "modal",
        "callback_id": ABSENCE_MODAL,
        "title": plain(t("absence.modal_title", lang)[:24]),
        "submit": plain(t("absence.modal_submit", lang)[:24]),
        "close": plain(t("slack.cancel", lang)[:24]),
        "blocks": [
            {
                "type": "input",
                "block_id": UNTIL_INPUT[0],
                "optional": True,
                "label": plain(t("absence.until_label", lang)),
                "hint": plain(t("absence.until_hint", lang)),
                "element": {"type": "datepicker", "action_id": UNTIL_INPUT[1]},
            },
            {
                "type": "input",
                "block_id": HAND_OVER_INPUT[0],
                "optional": True,
                "label": plain(t("absence.title", lang)),
                "element": {
                    "type": "checkboxes",
                    "action_id": HAND_OVER_INPUT[1],
                    "options": [{"text": plain(t("absence.hand_over_option", lang)), "value": "hand_over"}],
                },
            },
        ],
    }


# --- App Home -------------------------------------------------------------------------------------
def home_view(
    lang: str,
    *,
    mine: Iterable[HandoffView],
    inbox: Iterable[HandoffView] | None,
    availability: AbsenceStatus | None = None,
    extra: list[Block] | None = None,
) -> Block:
    """`extra`: further sections at the end (the practice switch, bot/slack/practice.py)."""
    blocks: list[Block] = [{"type": "header", "text": plain(t("slack.home_title", lang))}]
    blocks += section(t("slack.home_intro", lang))
    if availability is not None:
        blocks += [{"type": "divider"}, {"type": "header", "text": plain(t("absence.title", lang))}]
        blocks += availability_blocks(availability, lang)
    if inbox is not None:
        items = list(inbox)
        blocks += [{"type": "divider"}, {"type": "header", "text": plain(t("slack.home_inbox", lang))}]
        if not items:
            blocks += section(t("slack.home_inbox_empty", lang))
        for view in items:
            blocks.append({"type": "divider"})
            blocks += handoff_blocks(view, lang, compact=True)
    own = list(mine)
    blocks += [{"type": "divider"}, {"type": "header", "text": plain(t("slack.home_my_open", lang))}]
    if not own:
        blocks += section(t("slack.home_none_mine", lang))
    for view in own:
        line = t(
            "slack.home_waiting_with",
            lang,
            id=view.id,
            contact=escape(view.contact_name),
            status=_status_text(view, lang),
        )
        blocks += section(f"{line}\n{quote(view.question or view.draft or '', 300)}")
    tail = list(extra or [])
    return {"type": "home", "blocks": blocks[: 100 - len(tail)] + tail}


def knowledge_note_blocks(note: KnowledgeNote) -> list[Block]:
    """The note to a contact person that the knowledge changed: headline, titles per kind, dangling pointers."""
    lines = [f"*{escape(note.headline)}*"]
    lines += [f"*{escape(label)}:* {escape(', '.join(titles))}" for label, titles in note.groups]
    if note.pointers:
        lines += [escape(note.pointers_label), *(f"• {escape(p)}" for p in note.pointers)]
    return section("\n".join(lines)) + [context(escape(note.footer))]
