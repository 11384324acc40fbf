"""Retention: after the retention period the texts are gone, counts and categories stay for the report."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.handoff.service import HandoffRequest
from bot.models import Asker, Conversation, Reply, Source
from bot.store.exchanges import ExchangeLog
from bot.store.models import Exchange, PostCheck


def test_purge_removes_old_texts_and_keeps_counts(make_service, clock):
    service = make_service()
    store = service._store
    log = ExchangeLog(store, clock)
    reply = Reply(
        question="Darf ich über Projekt Falke posten?",
        language="de",
        outcome="handoff",
        answer="Das klärt Katrin Vogt.",
        category="confidential",
        confidence=0.4,
        sources=[Source("leitfaden", "Leitfaden", "Tabus", "…", 0.4)],
    )
    old_exchange = log.record(reply, Asker("UEMP", "slack"), Conversation("slack", "D1", None, "old"))
    old, _ = service.open(
        HandoffRequest(
            platform="slack",
            source_message_id="old",
            asker_id="UEMP",
            language="de",
            reason="sensitive",
            category="confidential",
            question=reply.question,
            draft="Mein Entwurf",
            context=[{"document": "d", "section": "s", "text": "geheim", "score": 1}],
        )
    )
    service.answer("UCOMM1", old.id, "Bitte nicht.")
    old_check = log.record_post_check("UEMP", "slack", "de", "approval", 2, ["confidential"], "Entwurf", old.id)

    clock.advance(days=100)
    new_exchange = log.record(reply, Asker("UEMP", "slack"), Conversation("slack", "D1", None, "new"))
    new, _ = service.open(
        HandoffRequest(
            platform="slack",
            source_message_id="new",
            asker_id="UEMP",
            language="de",
            reason="requested",
            question="Neue Frage",
        )
    )

    clock.advance(days=81)  # old: 181 days, new: 81 days
    assert service.purge_expired() == 3
    assert service.purge_expired() == 0  # already purged

    purged = service.get("UCOMM1", old.id)
    assert purged.question is None and purged.answer is None and purged.draft is None and purged.text_purged
    assert purged.status == "answered" and purged.category == "confidential" and purged.answered_by == "UCOMM1"
    assert purged.context[0].document == "d" and purged.context[0].text == ""
    assert ("lotse", "purged") in [(e.actor, e.action) for e in service.events("UCOMM1", old.id)]
    assert service.get("UCOMM1", new.id).question == "Neue Frage"

    with store.session() as session:
        gone = session.get(Exchange, old_exchange)
        kept = session.get(Exchange, new_exchange)
        check = session.get(PostCheck, old_check)
        assert gone.question is None and gone.answer is None and gone.text_purged_at == clock.now()
        assert (gone.outcome, gone.category, gone.top_document) == ("handoff", "confidential", "leitfaden")
        assert kept.question == reply.question and kept.text_purged_at is None
        assert check.draft is None and check.finding_count == 2 and check.categories == ["confidential"]
        assert len(session.scalars(select(Exchange)).all()) == 2


def test_purge_uses_the_configured_retention(make_service, clock, settings):
    settings.retention_days = 7
    service = make_service()
    service.open(
        HandoffRequest(
            platform="cli", source_message_id="x", asker_id="UEMP", language="en", reason="requested", question="Q"
        )
    )
    assert service.purge_expired(now=clock.now() + timedelta(days=6)) == 0
    assert service.purge_expired(now=clock.now() + timedelta(days=8)) == 1


def test_purge_drops_old_per_message_references_and_keeps_people(make_service, clock):
    from bot.store.references import References

    service = make_service()
    refs = References(service._store, clock, "teams")
    refs.put("answered", "old-message", {"activity_id": "a1"})
    refs.put("reply", "conv|a1", {"exchange_id": 1})
    refs.put("user", "aad-1", {"conversation_id": "a:1"})  # how to reach a person: kept
    clock.advance(days=181)
    refs.put("answered", "new-message", {"activity_id": "a2"})
    service.purge_expired()
    assert refs.get("answered", "old-message") is None and refs.get("reply", "conv|a1") is None
    assert refs.get("answered", "new-message") == {"activity_id": "a2"}
    assert refs.get("user", "aad-1") == {"conversation_id": "a:1"}
