"""The exchange log: idempotent recording, feedback only by the asker, post checks."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.models import Asker, Conversation, HandoffRef, Reply, Source
from bot.store.db import Store
from bot.store.exchanges import ExchangeLog
from bot.store.models import Exchange, PostCheck


@pytest.fixture
def log(db_url: str, clock):
    store = Store(db_url, clock=clock)
    store.migrate()
    yield ExchangeLog(store, clock)
    store.dispose()


def reply(**overrides: object) -> Reply:
    values: dict[str, object] = dict(
        question="Muss ich #NordwerkTeam angeben?",
        language="de",
        outcome="answered",
        answer="Ja, wenn du über Nordwerk postest.",
        confidence=0.82,
        category="disclosure",
        sources=[Source("leitfaden", "Social-Media-Leitfaden", "4 Kennzeichnung", "…", 0.82)],
    )
    values.update(overrides)
    return Reply(**values)  # type: ignore[arg-type]


def count(log: ExchangeLog) -> int:
    with log._store.session() as session:
        return session.scalar(select(func.count(Exchange.id)))


def test_record_stores_the_exchange(log: ExchangeLog, clock):
    exchange_id = log.record(reply(), Asker("UEMP", "slack"), Conversation("slack", "C1", "T1", "M1"))
    with log._store.session() as session:
        row = session.get(Exchange, exchange_id)
        assert (row.platform, row.asker_id, row.channel_id, row.thread_id) == ("slack", "UEMP", "C1", "T1")
        assert (row.outcome, row.category, row.top_document, row.top_section) == (
            "answered",
            "disclosure",
            "leitfaden",
            "4 Kennzeichnung",
        )
        assert row.confidence == pytest.approx(0.82) and row.created_at == clock.now()


def test_the_same_message_is_recorded_once(log: ExchangeLog):
    first = log.record(reply(), Asker("UEMP", "slack"), Conversation("slack", "C1", None, "M1"))
    again = log.record(reply(answer="retry"), Asker("UEMP", "slack"), Conversation("slack", "C1", None, "M1"))
    other_platform = log.record(reply(), Asker("UEMP", "teams"), Conversation("teams", "C1", None, "M1"))
    assert again == first and other_platform != first
    no_id_a = log.record(reply(), Asker("me"), Conversation("cli"))
    no_id_b = log.record(reply(), Asker("me"), Conversation("cli"))
    assert no_id_a != no_id_b and count(log) == 4


def test_handoff_reason_is_kept(log: ExchangeLog):
    ref = HandoffRef(
        id=1, reason="sensitive", category="customers", contact_role="communications", contact_name="Katrin Vogt"
    )
    exchange_id = log.record(
        reply(outcome="handoff", handoff=ref, answer=""), Asker("UEMP", "slack"), Conversation("slack", message_id="M9")
    )
    with log._store.session() as session:
        row = session.get(Exchange, exchange_id)
        assert row.outcome == "handoff" and row.reason == "sensitive" and row.answer is None


def test_only_the_asker_can_rate(log: ExchangeLog, clock):
    exchange_id = log.record(reply(), Asker("UEMP", "slack"), Conversation("slack", message_id="M1"))
    with pytest.raises(PermissionError):
        log.set_feedback(exchange_id, "USTRANGER", helpful=False)
    with log._store.session() as session:
        assert session.get(Exchange, exchange_id).feedback is None
    clock.advance(minutes=2)
    log.set_feedback(exchange_id, "UEMP", helpful=True)
    with log._store.session() as session:
        row = session.get(Exchange, exchange_id)
        assert row.feedback == "helpful" and row.feedback_at == clock.now()
    with pytest.raises(LookupError):
        log.set_feedback(999, "UEMP", helpful=True)


def test_record_post_check(log: ExchangeLog):
    check_id = log.record_post_check(
        "UEMP", "slack", "de", "revise", 2, ["superlative", "disclosure"], "Die beste Fräse der Welt!"
    )
    with log._store.session() as session:
        row = session.get(PostCheck, check_id)
        assert (row.verdict, row.finding_count, row.categories) == ("revise", 2, ["superlative", "disclosure"])
        assert row.draft == "Die beste Fräse der Welt!" and row.handoff_id is None
    with pytest.raises(ValueError, match="verdict"):
        log.record_post_check("UEMP", "slack", "de", "maybe", 0, [], None)
