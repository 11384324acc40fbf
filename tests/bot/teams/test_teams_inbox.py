"""Teams message activities go through the durable inbox: stored before the HTTP answer, a redelivery adds
nothing, and an item a dead process left (stored but never worked, or worked but never marked done) is answered
exactly once by the next instance: one reply, one exchange, one handoff, one notification per contact person."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager

import pytest

from bot.inbox.pool import WorkerPool
from bot.store.models import Exchange, Handoff
from tests.bot.teams.conftest import (
    CLIENT_ID,
    CONTACT,
    CONTACT2,
    EMPLOYEE,
    TEAMS_CONTACT_IDS,
    TENANT,
    TeamsDriver,
    chat_of,
)

PHOTO_QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"
PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"


@pytest.fixture
def teams_settings(settings, identity):
    return settings.model_copy(
        update={
            "teams_client_id": CLIENT_ID,
            "teams_tenant_id": TENANT,
            "contact_ids": TEAMS_CONTACT_IDS,
            "teams_openid_metadata_url": identity.metadata_url,
        }
    )


def new_instance(teams_settings, clock):
    """A freshly started Lotse over the same database (what a restarted process is)."""
    from bot.app import Lotse

    return Lotse(teams_settings, clock=clock)


def pool_of(lotse, owner: str) -> WorkerPool:
    return WorkerPool.for_settings(lotse.store, lotse.settings, owner=owner)


@contextmanager
def serving(lotse, identity, connector, pool: WorkerPool):
    """The Teams bot over `lotse`, answered by `pool` (started or not by the test), on a real port."""
    from bot.teams.app import build_teams
    from bot.teams.http import TeamsHTTPServer

    bot = build_teams(lotse, token=identity.outgoing_token, pool=pool)
    server = TeamsHTTPServer(bot.routes, host="127.0.0.1", port=0).start()
    try:
        yield bot, TeamsDriver(url=server.url, identity=identity, connector=connector)
    finally:
        server.stop()
        pool.stop()
        bot.close()


def replies(connector) -> list:
    return [s for s in connector.sent("send") if s.conversation_id == chat_of(EMPLOYEE) and s.type == "message"]


def contact_cards(connector) -> list:
    return [s for s in connector.sent("send") if (s.conversation_id or "").startswith("a:personal-")]


def count(lotse, model) -> int:
    with lotse.store.session() as session:
        return session.query(model).count()


def test_a_redelivery_while_the_first_copy_waits_is_stored_once_and_answered_once(
    teams_settings, clock, identity, connector
):
    lotse = new_instance(teams_settings, clock)
    pool = pool_of(lotse, "A")
    with serving(lotse, identity, connector, pool) as (_bot, teams):
        activity = teams.activity("message", text=PHOTO_QUESTION, textFormat="plain")
        assert teams.post(activity).status == 200
        assert teams.post(activity).status == 200  # Teams redelivers with the same id
        assert pool.inbox.counts() == {"pending": 1} and replies(connector) == []  # stored, not yet answered
        pool.start()
        connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
        assert teams.post(activity).status == 200  # a late redelivery of the answered activity
        time.sleep(3)  # a second answer would show by now
        assert len(replies(connector)) == 1 and count(lotse, Exchange) == 1
        assert pool.inbox.counts() == {"done": 1}


def test_a_stored_activity_a_dead_process_never_worked_is_answered_once_after_the_restart(
    teams_settings, clock, identity, connector
):
    first = new_instance(teams_settings, clock)
    dead = pool_of(first, "A")  # never started: the process died right after the 200
    with serving(first, identity, connector, dead) as (_bot, teams):
        response, activity = teams.message(PRESS_QUESTION)
        assert response.status == 200
        assert dead.inbox.take(1)  # a worker even took it ... and died with the process
    assert connector.sent("send") == [] and count(first, Handoff) == 0

    clock.advance(seconds=teams_settings.lease_seconds + 1)  # the dead worker's lease runs out
    second = new_instance(teams_settings, clock)
    with serving(second, identity, connector, pool_of(second, "B").start()) as (_bot, teams):
        connector.wait_for("send", 2, where=lambda s: (s.conversation_id or "").startswith("a:personal-"), timeout=120)
        connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
        assert teams.post(activity).status == 200  # Teams' redelivery reaches the new instance too
        time.sleep(3)
    assert len(replies(connector)) == 1, "one reply to the employee"
    assert sorted(s.conversation_id for s in contact_cards(connector)) == sorted(
        {s.conversation_id for s in contact_cards(connector)}
    ), "one notification per contact person"
    assert len(contact_cards(connector)) == 2  # CONTACT and CONTACT2 of communications
    assert [h.asker_id for h in second.handoffs.list_for(CONTACT)] == [EMPLOYEE]
    assert len(second.handoffs.list_for(CONTACT2)) == 1
    assert count(second, Handoff) == 1 and count(second, Exchange) == 1


def test_work_interrupted_after_the_reply_is_not_answered_twice(teams_settings, clock, identity, connector):
    first = new_instance(teams_settings, clock)
    crashing = pool_of(first, "A")
    with serving(first, identity, connector, crashing) as (_bot, teams):
        assert teams.message(PRESS_QUESTION)[0].status == 200
        [item] = crashing.inbox.take(1)
        crashing(item)  # the whole work: reply, handoff, notifications ... then the process dies before `finish`
    sent_before = len(connector.sent("send"))
    assert len(replies(connector)) == 1 and len(contact_cards(connector)) == 2

    clock.advance(seconds=teams_settings.lease_seconds + 1)
    second = new_instance(teams_settings, clock)
    pool = pool_of(second, "B").start()
    with serving(second, identity, connector, pool):
        deadline = time.monotonic() + 60
        while pool.inbox.counts() != {"done": 1} and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pool.inbox.counts() == {"done": 1}  # taken over and finished
        time.sleep(2)
    assert len(connector.sent("send")) == sent_before, "nothing sent twice (reply, typing, notifications)"
    assert count(second, Handoff) == 1 and count(second, Exchange) == 1


def test_a_card_action_whose_process_died_mid_way_is_finished_once_and_told_in_the_chat(
    teams_settings, clock, identity, connector
):
    from bot.teams import cards
    from bot.teams.context import PLATFORM, Incoming
    from bot.teams.stored import action_body, action_key

    first = new_instance(teams_settings, clock)
    with serving(first, identity, connector, pool_of(first, "A").start()) as (_bot, teams):
        assert teams.message(PRESS_QUESTION)[0].status == 200
        connector.wait_for("send", 2, where=lambda s: (s.conversation_id or "").startswith("a:personal-"), timeout=120)
        click = Incoming(
            activity_id="invoke-claim-1",
            conversation_id=chat_of(CONTACT),
            conversation_type="personal",
            user_id=CONTACT,
            user_name="Katrin Vogt",
            tenant_id=TENANT,
            service_url=connector.service_url,
            locale="de-DE",
            text="",
        )
        # the invoke was stored and the claim made ... then the process died before it answered the invoke
        dying = pool_of(first, "A-dying").inbox
        assert dying.put_held(PLATFORM, action_key(click), action_body(click, cards.CLAIM, {"handoff_id": 1}))
        first.handoff_desk.claim(CONTACT, 1)
    to_contact_before = [s for s in connector.sent("send") if s.conversation_id == chat_of(CONTACT)]

    clock.advance(seconds=teams_settings.lease_seconds + 1)  # the dead process's lease runs out
    second = new_instance(teams_settings, clock)
    pool = pool_of(second, "B").start()
    with serving(second, identity, connector, pool):
        told = connector.wait_for(
            "send", len(to_contact_before) + 1, where=lambda s: s.conversation_id == chat_of(CONTACT)
        )
        deadline = time.monotonic() + 30
        while pool.inbox.counts().get("pending") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # a second message would show by now
    assert len([s for s in connector.sent("send") if s.conversation_id == chat_of(CONTACT)]) == len(told)
    assert "bereits" not in json.dumps(told[-1].body, ensure_ascii=False), "the outcome, not an 'already claimed'"
    [view] = [v for v in second.handoffs.list_for(CONTACT) if v.id == 1]
    assert (view.status, view.claimed_by) == ("claimed", CONTACT)
    assert pool.inbox.counts() == {"done": 2}
