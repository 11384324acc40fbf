"""Always someone reachable: deputies for absent people, urgent topics at any hour, escalation once, and what
the employee is told while waiting (German and English), on SQLite and PostgreSQL with a controlled clock."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.requests import HandoffOpened
from bot.handoff.service import HandoffRequest, HandoffService

REPO = Path(__file__).resolve().parents[3]
BERLIN = ZoneInfo("Europe/Berlin")
SATURDAY_2300_BERLIN = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
FRIDAY_1930_BERLIN = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
WEDNESDAY_1000_BERLIN = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)

CONTACTS = """\
fallback: communications
contacts:
  communications:
    name: Katrin Vogt
    lead: true
    people:
      - {name: Katrin Vogt, ids: [UCOMM1]}
      - {name: Jana Brandt, ids: [UCOMM2]}
  legal: {name: Dr. Jonas Albers, deputy: data_protection, ids: [ULEGAL]}
  data_protection: {name: Miriam Sommer, ids: [UDPO]}
  security: {name: Lena Petersen, ids: [USEC]}
"""


@pytest.fixture
def reach_knowledge(knowledge_dir: Path) -> Path:
    (knowledge_dir / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    shutil.copy(REPO / "knowledge" / "reachability.yaml", knowledge_dir / "reachability.yaml")
    shutil.copytree(REPO / "knowledge" / "documents", knowledge_dir / "documents", dirs_exist_ok=True)
    return knowledge_dir


def build(make_service, settings) -> HandoffService:
    settings.contact_ids.clear()  # the people's ids come from contacts.yaml here
    service = make_service()
    routing = {"legal": "legal", "data_leak": "data_protection", "press": "communications", "security": "security"}
    service.set_routing(routing)
    return service


def ask(service: HandoffService, category: str, source: str, language: str = "de", reason: str = "sensitive"):
    view, _ = service.open(
        HandoffRequest(
            platform="slack",
            source_message_id=source,
            asker_id="UEMP",
            language=language,
            reason=reason,
            question="Was nun?",
            category=category,
        )
    )
    return view


def told(view, language: str) -> str:
    return HandoffOpened(view=view, created=True, language=language, key="handoff_requested").text(language)


def test_an_absent_contacts_handoff_reaches_the_deputy_and_the_employee_is_told(
    reach_knowledge, make_service, settings, clock, notifier
):
    clock.set(WEDNESDAY_1000_BERLIN)
    service = build(make_service, settings)
    service.absences.set_away("ULEGAL", until=date(2026, 12, 18))
    view = ask(service, "legal", "m1")
    assert notifier.kinds("notify") == [("UDPO", view.id)]
    assert view.contact_name == "Miriam Sommer" and view.holders == ("UDPO",)
    assert "Dr. Jonas Albers ist bis 18.12. nicht da; deine Frage liegt bei Miriam Sommer" in told(view, "de")
    assert "Dr. Jonas Albers is away until 12/18; your question is with Miriam Sommer" in told(view, "en")
    assert service.get("UDPO", view.id).id == view.id  # the deputy may see and act on it
    service.claim("UDPO", view.id)
    routed = [e for e in service.events("UDPO", view.id) if e.action == "routed"]
    assert routed[0].detail["stage"] == "deputy" and routed[0].detail["to"] == ["UDPO"]
    service.absences.back("ULEGAL")
    assert ask(service, "legal", "m2").holders == ("ULEGAL",)  # back: new ones go to him again


def test_a_data_leak_on_saturday_night_notifies_at_once_and_escalates_to_the_lead_once_across_replicas(
    reach_knowledge, make_service, settings, clock, notifier
):
    clock.set(SATURDAY_2300_BERLIN)
    first, second = build(make_service, settings), build(make_service, settings)  # two replicas, one database
    view = ask(first, "data_leak", "leak")
    assert notifier.kinds("notify") == [("UDPO", view.id)]  # at once, Saturday 23:00
    assert "sofort benachrichtigt, auch außerhalb der Arbeitszeit" in told(view, "de")
    assert "notified Miriam Sommer right away, even outside working hours" in told(view, "en")
    clock.advance(minutes=29)
    assert first.escalate_due(30) + second.escalate_due(30) == 0
    clock.advance(minutes=2)  # 23:31
    assert second.escalate_due(30) + first.escalate_due(30) == 1
    assert first.escalate_due(30) == 0  # same minute again: nothing more
    assert notifier.kinds("notify") == [("UDPO", view.id), ("UCOMM1", view.id), ("UCOMM2", view.id)]
    escalations = [e for e in first.events("UCOMM1", view.id) if e.action == "escalated"]
    assert len(escalations) == 1 and escalations[0].detail["stage"] == "lead"
    first.claim("UCOMM2", view.id)  # Jana Brandt takes it
    clock.advance(hours=2)
    assert first.escalate_due(30) + second.escalate_due(30) == 0


def test_a_claim_within_the_escalation_time_stops_the_escalation(
    reach_knowledge, make_service, settings, clock, notifier
):
    clock.set(SATURDAY_2300_BERLIN)
    service = build(make_service, settings)
    view = ask(service, "data_leak", "leak2")
    clock.advance(minutes=20)
    service.claim("UDPO", view.id)
    clock.advance(minutes=40)
    assert service.escalate_due(30) == 0
    assert notifier.kinds("notify") == [("UDPO", view.id)]
    assert "escalated" not in [e.action for e in service.events("UDPO", view.id)]


def test_a_non_urgent_question_on_friday_evening_says_monday(reach_knowledge, make_service, settings, clock):
    clock.set(FRIDAY_1930_BERLIN)
    service = build(make_service, settings)
    view = ask(service, "legal", "fri", reason="requested")
    assert not view.urgent
    assert "eine Antwort kannst du ab Montag, 8 Uhr erwarten" in told(view, "de")
    assert "you can expect an answer from Monday, 8:00" in told(view, "en")
    clock.set(WEDNESDAY_1000_BERLIN)
    assert "erwarten" not in told(ask(service, "legal", "wed", reason="requested"), "de")  # in hours: nothing


def test_a_press_handoff_tells_the_immediate_step_with_its_source(reach_knowledge, make_service, settings, clock):
    clock.set(WEDNESDAY_1000_BERLIN)
    service = build(make_service, settings)
    german = told(ask(service, "press", "p1", "de"), "de")
    assert "„Social-Media-Richtlinie“, Abschnitt „Presse- und Medienanfragen“" in german
    assert "> Jede Anfrage von Journalistinnen" in german and "Name, Medium und Frist" in german
    english = told(ask(service, "press", "p2", "en"), "en")
    assert "“Social Media Guideline”, section “Press and media inquiries”" in english
    assert "name, medium and deadline" in english
    requested = told(ask(service, "press", "p3", "de", reason="requested"), "de")
    assert "Presse- und Medienanfragen" not in requested  # only sensitive handoffs carry the step


def test_a_role_with_nobody_present_and_no_deputy_falls_back_and_never_to_nobody(
    reach_knowledge, make_service, settings, clock, notifier
):
    clock.set(WEDNESDAY_1000_BERLIN)
    service = build(make_service, settings)
    service.absences.set_away("USEC")
    view = ask(service, "security", "s1")
    assert view.holders == ("UCOMM1", "UCOMM2")  # no deputy: the lead role
    for uid in ("UCOMM1", "UCOMM2"):
        service.absences.set_away(uid)
    everyone_away = ask(service, "security", "s2")
    assert everyone_away.holders == ("USEC",)  # all away: still in front of the role's own person
    assert service.reach.single_person_roles() == ["data_protection", "security"]


def test_handing_over_a_claimed_handoff_to_the_deputy(reach_knowledge, make_service, settings, clock, notifier):
    clock.set(WEDNESDAY_1000_BERLIN)
    service = build(make_service, settings)
    view = ask(service, "legal", "h1")
    english = ask(service, "legal", "h2", language="en")
    service.claim("ULEGAL", view.id)
    service.absences.set_away("ULEGAL", until=date(2026, 11, 30))
    assert [h.id for h in service.held_by("ULEGAL")] == [view.id, english.id]
    assert service.hand_over("ULEGAL") == [view.id, english.id]
    moved = service.get("UDPO", view.id)
    assert moved.status == "open" and moved.claimed_by is None and "UDPO" in moved.holders
    assert moved.contact_name == "Miriam Sommer"  # the employee's App Home / `lotse handoffs` show her now
    assert ("UDPO", view.id) in notifier.kinds("notify")
    assert notifier.told == [
        (
            view.id,
            f"Kurzer Stand zu deiner Frage (#{view.id}): Dr. Jonas Albers ist bis 30.11. nicht da; "
            "deine Frage liegt bei Miriam Sommer.",
        ),
        (
            english.id,
            f"An update on your question (#{english.id}): Dr. Jonas Albers is away until 11/30; "
            "your question is with Miriam Sommer.",
        ),
    ]
    assert "asker_told" in [e.action for e in service.events("UDPO", view.id)]
    assert service.hand_over("ULEGAL") == [] and len(notifier.told) == 2  # a second click moves nothing twice
    assert service.held_by("ULEGAL") == []


def test_an_unclaimed_data_leak_goes_on_stage_by_stage_and_then_stops_repeating(
    reach_knowledge, make_service, settings, clock, notifier
):
    """The whole night with the job every minute on two replicas: the owner at once, the lead after 30 minutes,
    then everyone holding it twice more at 2-hour intervals, then quiet (the working-hours reminders take over)."""
    clock.set(SATURDAY_2300_BERLIN)
    first, second = build(make_service, settings), build(make_service, settings)
    view = ask(first, "data_leak", "night")
    for _minute in range(10 * 60):  # Saturday 23:00 → Sunday 09:00
        clock.advance(minutes=1)
        first.escalate_due(30)
        second.escalate_due(30)
    per_person = {uid: notifier.kinds("notify").count((uid, view.id)) for uid in ("UDPO", "UCOMM1", "UCOMM2")}
    assert per_person == {"UDPO": 3, "UCOMM1": 3, "UCOMM2": 3}  # 1 + 2 repeats each, never more
    events = first.events("UCOMM1", view.id)
    steps = [
        (e.at.astimezone(BERLIN).strftime("%a %H:%M"), e.detail["stage"]) for e in events if e.action == "escalated"
    ]
    assert steps == [("Sat 23:30", "lead"), ("Sun 01:30", "again"), ("Sun 03:30", "again")]
    [stopped] = [e for e in events if e.action == "escalation_stopped"]
    assert stopped.at.astimezone(BERLIN).strftime("%a %H:%M") == "Sun 05:30"
    first.claim("UCOMM1", view.id)
    assert first.get("UCOMM1", view.id).status == "claimed"


def test_a_hand_over_restarts_the_escalation_clock_from_the_new_people(
    reach_knowledge, make_service, settings, clock, notifier
):
    clock.set(SATURDAY_2300_BERLIN)
    service = build(make_service, settings)
    view = ask(service, "data_leak", "over")
    clock.advance(minutes=10)
    service.absences.set_away("UDPO")
    service.hand_over("UDPO")  # to the lead at 23:10
    clock.advance(minutes=31)
    assert service.escalate_due(30) == 0  # 23:41: nobody new on the way; a repeat waits 2 hours
    clock.advance(minutes=90)
    assert service.escalate_due(30) == 1  # 01:11: the lead is notified again
    assert notifier.kinds("notify").count(("UCOMM1", view.id)) == 2
    assert notifier.kinds("notify").count(("UDPO", view.id)) == 1  # away: not notified again


def test_two_replicas_escalating_at_the_same_moment_escalate_once(
    reach_knowledge, make_service, settings, clock, notifier
):
    """No job lock here: the locked conditional change alone keeps it to one (BEGIN IMMEDIATE / SELECT … FOR UPDATE)."""
    import threading

    clock.set(SATURDAY_2300_BERLIN)
    replicas = [build(make_service, settings) for _ in range(2)]
    view = ask(replicas[0], "data_leak", "race")
    clock.advance(minutes=31)
    barrier, counts = threading.Barrier(2), []

    def run(service: HandoffService) -> None:
        barrier.wait()
        counts.append(service.escalate_due(30))

    threads = [threading.Thread(target=run, args=(service,)) for service in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(counts) == [0, 1]
    assert notifier.kinds("notify") == [("UDPO", view.id), ("UCOMM1", view.id), ("UCOMM2", view.id)]
