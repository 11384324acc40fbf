"""Rendering the core's objects for Teams: answers with native citations, handoff cards, verdict cards.

Pure functions from core objects (Reply, HandoffView, Verdict) to SDK objects (MessageActivityInput, AdaptiveCard);
no decisions: what a contact may do on a card is the core's rule, the card only offers the buttons of a status.
Actions are `Action.Execute` (Universal Actions) with a `verb` and the id they act on in `data`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from microsoft_teams.api import MessageActivityInput
from microsoft_teams.api.models.entity.citation_entity import CitationAppearance
from microsoft_teams.cards import (
    ActionSet,
    AdaptiveCard,
    DateInput,
    ExecuteAction,
    Fact,
    FactSet,
    TextBlock,
    TextInput,
    ToggleInput,
)

from bot.handoff.absence_desk import AbsenceStatus
from bot.handoff.views import HandoffView
from bot.handoff.waiting import told_contact_line, urgency_mark
from bot.i18n import t
from bot.labels import category_label, reason_label
from bot.learning.case_examples import example_offer_key
from bot.learning.loop import faq_refusal_key
from bot.learning.notes import KnowledgeNote
from bot.models import Reply, Source
from bot.teams import texts  # noqa: F401  (registers teams.* texts)

ASK_HUMAN, CLAIM, ANSWER, RESOLVE, SEND_APPROVAL = "ask_human", "claim", "answer", "resolve", "send_approval"
EXAMPLE_OPEN, EXAMPLE_SAVE, EXAMPLE_CANCEL = "example_open", "example_save", "example_cancel"  # bot/teams/examples.py
ANSWER_INPUT, FAQ_INPUT = "answer_text", "add_to_faq"
ABSENCE_AWAY, ABSENCE_BACK, ABSENCE_HAND_OVER = "absence_away", "absence_back", "absence_hand_over"
UNTIL_INPUT, HAND_OVER_INPUT = "absence_until", "absence_hand_over_now"
CARD_VERSION = "1.5"
Names = Callable[[str | None], str]  # user id → display name


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def execute(title: str, verb: str, data: dict[str, Any], *, style: str | None = None) -> ExecuteAction:
    return ExecuteAction(title=title, verb=verb, data={"verb": verb, **data}, style=style)


def card(body: Sequence[Any], actions: Sequence[Any] = ()) -> AdaptiveCard:
    items = list(body)
    if actions:
        items.append(ActionSet(actions=list(actions)))
    return AdaptiveCard(version=CARD_VERSION, body=items)


# --- answers ---------------------------------------------------------------------------------------
def citation(source: Source) -> CitationAppearance:
    """A Teams citation naming document and section; the full passage opens in its modal."""
    section = source.section.split(" › ")[-1]
    detail = AdaptiveCard(
        version=CARD_VERSION,
        body=[
            TextBlock(text=f"{source.title} › {source.section}", weight="Bolder", wrap=True),
            TextBlock(text=source.text, wrap=True),
        ],
    )
    return CitationAppearance(
        name=_clip(f"{source.title} › {section}", 80),
        abstract=_clip(source.text, 160),
        keywords=[_clip(source.document, 28)],
        text=json.dumps(detail.model_dump(by_alias=True, exclude_none=True)),
    )


def answer_message(reply: Reply) -> MessageActivityInput:
    """The answer text with [n] markers, one native citation per source, the built-in feedback buttons and, for an
    answer (not a handoff), the card action "Mit einer Person sprechen"."""
    text = reply.answer
    if reply.notice:
        text = f"{reply.notice}\n\n{text}"
    sources = reply.sources if reply.outcome == "answered" else []
    if sources:
        text += "\n\n" + " ".join(f"[{n}]" for n in range(1, len(sources) + 1))
    message = MessageActivityInput(text=text)
    for position, source in enumerate(sources, start=1):
        message.add_citation(position, citation(source))
    if reply.outcome == "answered" and reply.exchange_id is not None:
        message.add_ai_generated()
        message.add_feedback()
        message.add_card(
            card([], [execute(t("teams.human", reply.language), ASK_HUMAN, {"exchange_id": reply.exchange_id})])
        )
    return message


def delivered_answer(view: HandoffView, answer: str, name: str) -> MessageActivityInput:
    key = "teams.answer_from_draft" if view.reason == "post_approval" else "teams.answer_from"
    quoted = _clip(view.question or "", 120)
    text = f"**{t(key, view.language, name=name)}**\n\n{answer}"
    if quoted:
        text = f"> {quoted}\n\n{text}"
    return MessageActivityInput(text=text)


# --- handoffs (contact people) ------------------------------------------------------------------
def _state(view: HandoffView, language: str, names: Names) -> str:
    actor = {"claimed": view.claimed_by, "answered": view.answered_by, "resolved": view.resolved_by}
    if view.status == "open":
        return t("teams.state.open", language)
    return t(f"teams.state.{view.status}", language, name=names(actor.get(view.status)))


def handoff_card(
    view: HandoffView, language: str, names: Names, *, title_key: str = "teams.handoff_title", note: str | None = None
) -> AdaptiveCard:
    facts = [
        Fact(title=t("teams.reason", language), value=reason_label(view.reason, language)),
        Fact(title=t("teams.status", language), value=_state(view, language, names)),
    ]
    if view.category:
        facts.insert(0, Fact(title=t("teams.category", language), value=category_label(view.category, language)))
    body: list[Any] = [
        TextBlock(text=t(title_key, language, id=view.id), weight="Bolder", size="Medium"),
        TextBlock(text=t("teams.question", language), weight="Bolder"),
        TextBlock(text=view.question or "–", wrap=True),
        FactSet(facts=facts),
    ]
    if view.draft:
        body += [TextBlock(text=t("teams.draft", language), weight="Bolder"), TextBlock(text=view.draft, wrap=True)]
    body.append(TextBlock(text=t("teams.passages", language), weight="Bolder"))
    body += [
        TextBlock(text=f"{p.section} [{p.document}]: {_clip(p.text, 240)}", wrap=True, is_subtle=True)
        for p in view.context[:3]
    ] or [TextBlock(text=t("teams.no_passages", language), is_subtle=True)]
    urgency = urgency_mark(view, language)  # urgent categories and escalations (bot/handoff/waiting.py)
    if urgency:
        body.insert(1, TextBlock(text=urgency, weight="Bolder", color="Attention"))
    told = told_contact_line(view, language)  # "not alone while waiting": the step the employee was already given
    if told:
        body.append(TextBlock(text=told, wrap=True, is_subtle=True))
    if note:
        body.append(TextBlock(text=note, wrap=True, color="Attention"))
    if view.status not in ("open", "claimed"):
        if view.answer:
            body.append(TextBlock(text=view.answer, wrap=True))
        done = [execute(t("teams.resolve", language), RESOLVE, {"handoff_id": view.id})]
        if example_offer_key(view) is None:  # answered: the case may become an example of its topic or rule
            done.append(execute(t("example.button", language), EXAMPLE_OPEN, {"handoff_id": view.id}))
        return card(body, done if view.status == "answered" else done[1:])
    body.append(TextInput(id=ANSWER_INPUT, is_multiline=True, placeholder=t("teams.answer_placeholder", language)))
    if faq_refusal_key(view) is None:  # the learning loop's rule: which handoffs may become FAQ entries
        body.append(
            ToggleInput(id=FAQ_INPUT, title=t("teams.faq_option", language), value_on="true", value_off="false")
        )
    actions = [
        execute(t("teams.send_answer", language), ANSWER, {"handoff_id": view.id}, style="positive"),
        execute(t("teams.resolve", language), RESOLVE, {"handoff_id": view.id}),
    ]
    if view.status == "open":
        actions.insert(0, execute(t("teams.claim", language), CLAIM, {"handoff_id": view.id}))
    return card(body, actions)


# --- post check --------------------------------------------------------------------------------------
def verdict_card(data: dict[str, Any], check_id: int | None) -> AdaptiveCard:
    """The verdict with its findings (rule, excerpt, message, guideline passage, fix) and "Zur Freigabe senden"."""
    language = data["language"]
    body: list[Any] = [
        TextBlock(text=t("teams.postcheck_title", language), weight="Bolder", size="Medium"),
        TextBlock(text=t(data.get("headline_key") or f"postcheck.verdict.{data['verdict']}", language), wrap=True),
    ]
    for number, finding in enumerate(data["findings"], start=1):
        body.append(
            TextBlock(
                text=f"{number}. {category_label(finding['category'], language)}: „{finding['excerpt'].strip()}“",
                weight="Bolder",
                wrap=True,
            )
        )
        body.append(TextBlock(text=finding["message"], wrap=True))
        guideline = finding.get("guideline") or {}
        if guideline.get("text"):
            body.append(
                TextBlock(
                    text=f"{t('postcheck.guideline', language)} ({guideline.get('document')} › "
                    f"{guideline.get('section')}): {_clip(guideline['text'], 300)}",
                    wrap=True,
                    is_subtle=True,
                )
            )
        if finding.get("fix"):
            body.append(TextBlock(text=f"{t('postcheck.fix', language)}: {finding['fix']}", wrap=True))
    if data.get("revision"):
        body += [
            TextBlock(text=t("postcheck.revision", language), weight="Bolder"),
            TextBlock(text=data["revision"], wrap=True),
        ]
    actions = []
    if data["verdict"] == "approval" and check_id is not None:
        actions.append(
            execute(t("teams.send_approval", language), SEND_APPROVAL, {"check_id": check_id}, style="positive")
        )
    return card(body, actions)


def availability_card(status: AbsenceStatus, language: str, note: str | None = None) -> AdaptiveCard:
    """A contact person's availability (bot/handoff/absence_desk.py): what was just done, where they stand, and
    the buttons — set away (last day, hand over now?), back, hand the open ones to whoever stands in."""
    body: list[Any] = [TextBlock(text=t("absence.title", language), weight="Bolder", size="Medium")]
    if note:
        body.append(TextBlock(text=note, wrap=True))
    body.append(TextBlock(text=status.text, wrap=True, is_subtle=bool(note)))
    actions = []
    if status.away is None:
        body.append(DateInput(id=UNTIL_INPUT, label=t("absence.until_label", language)))
        body.append(TextBlock(text=t("absence.until_hint", language), wrap=True, is_subtle=True, size="Small"))
        if status.held:
            option = t("absence.hand_over_option", language)
            body.append(ToggleInput(id=HAND_OVER_INPUT, title=option, value_on="true", value_off="false"))
        actions.append(execute(t("absence.button_away", language), ABSENCE_AWAY, {"language": language}))
    else:
        actions.append(execute(t("absence.button_back", language), ABSENCE_BACK, {"language": language}))
        if status.held:
            label = status.hand_over_label(language)
            actions.append(execute(label, ABSENCE_HAND_OVER, {"language": language}, style="positive"))
    return card(body, actions)


def note_card(text: str) -> AdaptiveCard:
    return card([TextBlock(text=text, wrap=True)])


def knowledge_note_card(note: KnowledgeNote) -> AdaptiveCard:
    """The note to a contact person that the knowledge changed (bot/learning/notes.py)."""
    body: list[Any] = [TextBlock(text=note.headline, wrap=True, weight="Bolder")]
    if note.groups:
        body.append(FactSet(facts=[Fact(title=label, value=", ".join(titles)) for label, titles in note.groups]))
    if note.pointers:
        body.append(TextBlock(text=note.pointers_label, wrap=True))
        body += [TextBlock(text=f"• {pointer}", wrap=True) for pointer in note.pointers]
    body.append(TextBlock(text=note.footer, wrap=True, is_subtle=True))
    return card(body)
