"""The core services an adapter uses for handoffs: HandoffRequests (every road to a person) and HandoffDesk."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import LotseError
from bot.handoff.errors import EmptyAnswer, HandoffNotFound, InvalidTransition, PermissionDenied
from bot.models import Asker, Conversation, Passage, Reply

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
CONTACT, EMPLOYEE = "UCOMM1", "UEMP"


@pytest.fixture
def core(tmp_path):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.settings import Settings

    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        contact_ids={"communications": [CONTACT]},
    )
    return Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))


def reply(exchange_id: int | None = None) -> Reply:
    passage = Passage(
        document="leitfaden", title="Leitfaden", section="Fotos", text="Nur mit Einwilligung.", score=0.61234
    )
    return Reply(
        question="Darf ich Fotos aus der Halle posten?",
        language="en",
        outcome="answered",
        answer="…",
        sources=[passage],
        exchange_id=exchange_id,
        category="photos",
    )


def recorded(core) -> Reply:
    """A reply as the terminal holds it: recorded, so it has an exchange id."""
    answered = reply()
    answered.exchange_id = core.exchange_log.record(
        answered, Asker(EMPLOYEE, "cli"), Conversation(platform="cli", message_id="M0")
    )
    return answered


def test_passing_on_a_reply_opens_one_handoff_with_its_passages_and_says_so(core):
    conversation = Conversation(platform="cli", channel_id="terminal", thread_id="T1")
    answered = recorded(core)
    first = core.handoff_requests.person_for_reply(answered, Asker(EMPLOYEE, "cli"), conversation)
    again = core.handoff_requests.person_for_reply(answered, Asker(EMPLOYEE, "cli"), conversation)
    assert first.created and not again.created and again.view.id == first.view.id
    assert first.text().startswith("Sure. I've passed your question on to")  # the reply's language
    assert again.text("de").startswith("Deine Frage liegt bereits bei")
    view = first.view
    assert (view.reason, view.asker_thread, view.exchange_id, view.language) == (
        "requested",
        "T1",
        answered.exchange_id,
        "en",
    )
    assert view.context == (
        Passage(document="leitfaden", title="", section="Fotos", text="Nur mit Einwilligung.", score=0.6123),
    )  # one type; the stored form keeps document, section, text, score


def test_a_question_is_passed_on_only_by_its_asker_and_only_while_its_text_exists(core):
    with pytest.raises(HandoffNotFound) as missing:
        core.handoff_requests.person_for_exchange(123, EMPLOYEE)
    assert missing.value.key == "handoff.error.request_not_found"
    exchange_id = core.exchange_log.record(
        reply(None), Asker(EMPLOYEE, "slack"), Conversation(platform="slack", channel_id="D1", message_id="M1")
    )
    with pytest.raises(PermissionDenied) as refused:
        core.handoff_requests.person_for_exchange(exchange_id, "USOMEONE")
    assert refused.value.key == "handoff.error.own_question_only"
    assert core.handoffs.list_for(CONTACT) == []


def test_the_desk_lets_only_contacts_act_and_refuses_empty_answers_before_anything_changes(core):
    opened = core.handoff_requests.person_for_reply(
        recorded(core), Asker(EMPLOYEE, "cli"), Conversation(platform="cli")
    )
    desk, handoff_id = core.handoff_desk, opened.view.id
    for attempt in (
        lambda: desk.claim(EMPLOYEE, handoff_id),
        lambda: desk.resolve(EMPLOYEE, handoff_id),
        lambda: desk.open_answer(EMPLOYEE, handoff_id),
        lambda: desk.answer(EMPLOYEE, handoff_id, "x"),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.text("en") == "Only the social media contact people may do this. Nothing was changed."
    with pytest.raises(EmptyAnswer):
        desk.check_answer(CONTACT, "  \n ")
    assert desk.view(CONTACT, handoff_id).status == "open"
    form = desk.open_answer(CONTACT, handoff_id)
    assert form.view.id == handoff_id and form.faq_refusal is None  # a requested question may become FAQ
    desk.claim(CONTACT, handoff_id)
    with pytest.raises(InvalidTransition) as twice:
        desk.claim(CONTACT, handoff_id)
    assert twice.value.key == "handoff.error.already_claimed" and str(handoff_id) in twice.value.text("de")
    assert desk.answer(CONTACT, handoff_id, "  Ja, mit Einwilligung.  ").answer == "Ja, mit Einwilligung."
    assert desk.resolve(CONTACT, handoff_id).status == "resolved"


def test_overview_gives_contacts_an_inbox_and_employees_their_own_requests(core):
    opened = core.handoff_requests.person_for_reply(
        recorded(core), Asker(EMPLOYEE, "cli"), Conversation(platform="cli")
    )
    mine = core.handoff_desk.overview(EMPLOYEE)
    inbox = core.handoff_desk.overview(CONTACT)
    assert [v.id for v in mine.mine] == [opened.view.id] and mine.inbox is None
    assert [v.id for v in inbox.inbox] == [opened.view.id] and inbox.mine == []
    assert core.handoff_desk.overview("UOTHER") == type(mine)(mine=[], inbox=None)


def test_core_errors_are_keys_rendered_per_language():
    error = HandoffNotFound(42)
    assert isinstance(error, LotseError) and isinstance(error, LookupError)
    assert (error.key, error.params) == ("handoff.error.not_found", {"id": 42})
    assert error.text("de") == "Anfrage 42 nicht gefunden." and error.text("en") == "Handoff 42 not found."
    assert str(error) == "Anfrage 42 nicht gefunden. / Handoff 42 not found."
