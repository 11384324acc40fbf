"""Fast tests without the model: retry policy, reading activities, commands, locale, cards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from bot.handoff.views import HandoffView
from bot.models import Passage, Reply
from bot.teams import cards
from bot.teams.context import language_of_locale
from bot.teams.postcheck import command_draft
from bot.teams.retry import MAX_ATTEMPTS, RetryMiddleware


class Context:
    method = "POST"


def failing(statuses: list[int], headers: dict[str, str] | None = None):
    calls = []

    async def next_call() -> httpx.Response:
        status = statuses[len(calls)] if len(calls) < len(statuses) else 200
        calls.append(status)
        request = httpx.Request("POST", "http://connector/v3/conversations/a/activities")
        response = httpx.Response(status, headers=headers or {}, request=request)
        if status >= 400:
            raise httpx.HTTPStatusError("refused", request=request, response=response)
        return response

    return next_call, calls


def run(middleware: RetryMiddleware, next_call) -> httpx.Response:
    return asyncio.run(middleware.send(Context(), next_call))


def test_429_and_5xx_are_retried_with_retry_after():
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    next_call, calls = failing([429, 503], headers={"Retry-After": "2"})
    assert run(RetryMiddleware(sleep=sleep), next_call).status_code == 200
    assert calls == [429, 503, 200] and waits == [2.0, 2.0]


def test_other_errors_are_not_retried_and_retries_end():
    async def sleep(seconds: float) -> None:
        return None

    next_call, calls = failing([403])
    with pytest.raises(httpx.HTTPStatusError):
        run(RetryMiddleware(sleep=sleep), next_call)
    assert calls == [403]
    next_call, calls = failing([500] * 10)
    with pytest.raises(httpx.HTTPStatusError):
        run(RetryMiddleware(sleep=sleep), next_call)
    assert len(calls) == MAX_ATTEMPTS


def test_commands_and_locales():
    assert command_draft("prüfen Unser neuer Kunde!") == "Unser neuer Kunde!"
    assert command_draft("Check: We won") == "We won"
    assert command_draft("check") == ""
    assert command_draft("Darf ich prüfen, ob …?") is None
    assert language_of_locale("de-DE") == "de" and language_of_locale("en-GB") == "en"
    assert language_of_locale("fr-FR") is None and language_of_locale(None) is None


def view(**changes) -> HandoffView:
    now = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
    base = dict(
        id=3,
        status="open",
        reason="low_confidence",
        category=None,
        contact_role="communications",
        contact_name="Katrin Vogt",
        language="de",
        platform="teams",
        source_message_id="x",
        asker_id="e",
        asker_channel="a:1",
        asker_thread="a:1",
        question="Darf ich das?",
        context=(),
        draft=None,
        answer=None,
        created_at=now,
        claimed_by=None,
        claimed_at=None,
        answered_by=None,
        answered_at=None,
        resolved_by=None,
        resolved_at=None,
        first_response_at=None,
        last_reminder_at=None,
        reopen_count=0,
        reopened_at=None,
        notify_failed=False,
        notify_error=None,
        exchange_id=None,
        faq_entry_id=None,
        text_purged=False,
        overdue=False,
    )
    base.update(changes)
    return HandoffView(**base)


def verbs(card) -> list[str]:
    return [a["verb"] for a in cards_actions(card.model_dump(by_alias=True, exclude_none=True))]


def cards_actions(node) -> list[dict]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "Action.Execute" else []
        return own + [a for v in node.values() for a in cards_actions(v)]
    if isinstance(node, list):
        return [a for v in node for a in cards_actions(v)]
    return []


def test_handoff_card_offers_what_the_status_allows_and_the_faq_only_where_allowed():
    names = {"c1": "Katrin Vogt"}.get
    open_card = cards.handoff_card(view(), "de", lambda uid: names(uid) or "?")
    assert verbs(open_card) == [cards.CLAIM, cards.ANSWER, cards.RESOLVE]
    assert "Zur FAQ hinzufügen" in str(open_card.model_dump())
    sensitive = cards.handoff_card(view(reason="sensitive"), "de", lambda uid: "?")
    assert "Zur FAQ hinzufügen" not in str(sensitive.model_dump())
    answered = cards.handoff_card(
        view(status="answered", answered_by="c1", answer="Ja."), "en", lambda uid: names(uid) or "?"
    )
    assert verbs(answered) == [cards.RESOLVE] and "Answered by Katrin Vogt" in str(answered.model_dump())
    resolved = cards.handoff_card(view(status="resolved", resolved_by="c1"), "de", lambda uid: names(uid) or "?")
    assert verbs(resolved) == []


def test_answer_message_cites_each_source_and_a_handoff_has_no_buttons():
    source = Passage(
        document="faq-de", title="Häufige Fragen", section="Fotos › Kollegen", text="Nur mit Einwilligung.", score=0.9
    )
    answered = cards.answer_message(
        Reply(question="q", language="de", outcome="answered", answer="A", sources=[source, source], exchange_id=1)
    )
    data = answered.model_dump(by_alias=True, exclude_none=True)
    assert data["text"].endswith("[1] [2]")
    assert [c["position"] for c in data["entities"][0]["citation"]] == [1, 2]
    assert data["entities"][0]["citation"][0]["appearance"]["name"] == "Häufige Fragen › Kollegen"
    handoff = cards.answer_message(
        Reply(question="q", language="de", outcome="handoff", answer="Weitergegeben.", sources=[source], exchange_id=2)
    )
    data = handoff.model_dump(by_alias=True, exclude_none=True)
    assert "[1]" not in data["text"] and not data.get("attachments") and not data.get("channelData")
