"""The handoff lifecycle as contact people and employees experience it: who did what, when, and who may."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.handoff.errors import EmptyAnswer, HandoffNotFound, InvalidTransition, PermissionDenied
from bot.handoff.service import HandoffRequest, HandoffService
from bot.store.models import Handoff

PASSAGES = [{"document": "leitfaden", "section": "3.2 Kundennamen", "text": "Kunden nur mit Freigabe.", "score": 0.71}]


def request(message_id: str | None = "M1", **overrides: object) -> HandoffRequest:
    values: dict[str, object] = dict(
        platform="slack",
        source_message_id=message_id,
        asker_id="UEMP",
        asker_channel="D1",
        asker_thread="111.222",
        language="de",
        reason="sensitive",
        category="crisis",
        question="Darf ich über den Auftrag von Brandt Automotive posten?",
        context=PASSAGES,
    )
    values.update(overrides)
    return HandoffRequest(**values)  # type: ignore[arg-type]


def actions(service: HandoffService, handoff_id: int) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in service.events("UCOMM1", handoff_id)]


def test_open_stores_everything_and_notifies_every_routed_contact(make_service, notifier, clock):
    service = make_service()
    view, created = service.open(request())
    assert created and view.status == "open"
    assert view.contact_role == "communications" and view.contact_name == "Katrin Vogt"
    assert view.question.startswith("Darf ich") and view.asker_thread == "111.222"
    assert view.context[0].section == "3.2 Kundennamen" and view.created_at == clock.now()
    assert notifier.kinds("notify") == [("UCOMM1", view.id), ("UCOMM2", view.id)]
    assert actions(service, view.id) == [("lotse", "opened"), ("lotse", "notified"), ("lotse", "notified")]
    assert not view.notify_failed


def test_routing_by_category_explicit_role_and_fallback(make_service, notifier):
    service = make_service()
    legal, _ = service.open(request("A", category="legal"))
    unknown, _ = service.open(request("B", category="no_such_category"))
    explicit, _ = service.open(request("C", category=None, contact_role="data_protection"))
    bogus, _ = service.open(request("D", category=None, contact_role="marketing"))
    assert legal.contact_role == "legal" and ("ULEGAL", legal.id) in notifier.kinds("notify")
    assert unknown.contact_role == "communications"
    assert explicit.contact_role == "data_protection"
    assert bogus.contact_role == "communications"
    # data_protection has no configured user ids: the fallback role's people are notified instead
    assert ("UCOMM1", explicit.id) in notifier.kinds("notify")


def test_same_message_twice_returns_the_existing_handoff(make_service, notifier):
    service = make_service()
    first, created_first = service.open(request())
    again, created_again = service.open(request(question="retried delivery"))
    assert created_first and not created_again
    assert again.id == first.id and again.question == first.question
    assert len(notifier.kinds("notify")) == 2  # no second round of notifications


def test_eight_threads_opening_the_same_message_create_exactly_one_handoff(make_service, notifier):
    service = make_service()
    barrier = threading.Barrier(8)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            view, created = service.open(request("RACE"))
            results.append((view.id, created))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({hid for hid, _ in results}) == 1 and len(results) == 8
    assert sum(created for _, created in results) == 1
    with service._store.session() as session:
        assert session.scalar(select(func.count(Handoff.id))) == 1
    assert len(notifier.kinds("notify")) == 2


def test_full_lifecycle_records_who_and_when(make_service, notifier, clock):
    service = make_service()
    view, _ = service.open(request())
    clock.advance(minutes=30)
    claimed = service.claim("UCOMM1", view.id)
    assert (claimed.status, claimed.claimed_by, claimed.claimed_at) == ("claimed", "UCOMM1", clock.now())
    clock.advance(minutes=30)
    answered = service.answer("UCOMM2", view.id, "  Bitte nicht ohne Freigabe posten.  ")
    assert answered.status == "answered" and answered.answer == "Bitte nicht ohne Freigabe posten."
    assert answered.answered_by == "UCOMM2" and answered.answered_at == clock.now()
    assert answered.first_response_at == clock.now() and answered.claimed_by == "UCOMM1"
    assert notifier.answers == [(view.id, "Bitte nicht ohne Freigabe posten.")]
    clock.advance(minutes=5)
    resolved = service.resolve("UEMP", view.id)
    assert (resolved.status, resolved.resolved_by, resolved.resolved_at) == ("resolved", "UEMP", clock.now())
    events = service.events("UEMP", view.id)
    assert [(e.actor, e.action) for e in events][-3:] == [
        ("UCOMM1", "claimed"),
        ("UCOMM2", "answered"),
        ("UEMP", "resolved"),
    ]
    assert events[-1].at == clock.now() and events[-3].at == clock.now() - timedelta(minutes=35)


def test_answer_without_claim_claims_it_and_stores_the_faq_wish(make_service, clock):
    service = make_service()
    view, _ = service.open(request())
    calls: list[tuple[int, str, bool]] = []
    service.on_answer.append(lambda v, text, faq: calls.append((v.id, text, faq)))
    answered = service.answer("UCOMM1", view.id, "Ja, mit #NordwerkTeam.", add_to_faq=True)
    assert answered.claimed_by == "UCOMM1" and answered.claimed_at == clock.now()
    assert calls == [(view.id, "Ja, mit #NordwerkTeam.", True)]
    assert ("UCOMM1", "faq_requested") in actions(service, view.id)


def test_a_failing_answer_hook_never_loses_the_answer(make_service):
    service = make_service()
    view, _ = service.open(request())

    def broken(*_: object) -> None:
        raise RuntimeError("faq store down")

    service.on_answer.append(broken)
    answered = service.answer("UCOMM1", view.id, "Antwort")
    assert answered.status == "answered" and service.get("UEMP", view.id).answer == "Antwort"


def test_reopen_by_the_asker_notifies_again_and_keeps_first_response(make_service, notifier, clock):
    service = make_service()
    view, _ = service.open(request())
    first = service.answer("UCOMM1", view.id, "Erste Antwort").first_response_at
    service.resolve("UEMP", view.id)
    clock.advance(hours=1)
    reopened = service.reopen("UEMP", view.id)
    assert reopened.status == "open" and reopened.reopen_count == 1
    assert reopened.resolved_by is None and reopened.claimed_by is None
    assert len(notifier.kinds("notify")) == 4
    again = service.answer("UCOMM2", view.id, "Zweite Antwort")
    assert again.first_response_at == first and again.answered_at == clock.now()
    assert ("UEMP", "reopened") in actions(service, view.id)


@pytest.mark.parametrize(
    "steps, action",
    [
        (["answer", "resolve"], lambda s, i: s.resolve("UCOMM1", i)),
        (["answer"], lambda s, i: s.answer("UCOMM1", i, "noch eine")),
        (["answer", "resolve"], lambda s, i: s.claim("UCOMM1", i)),
        ([], lambda s, i: s.reopen("UCOMM1", i)),
        (["claim"], lambda s, i: s.claim("UCOMM1", i)),
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(make_service, steps, action: Callable):
    service = make_service()
    view, _ = service.open(request())
    for step in steps:
        {
            "answer": lambda: service.answer("UCOMM1", view.id, "Antwort"),
            "resolve": lambda: service.resolve("UCOMM1", view.id),
            "claim": lambda: service.claim("UCOMM1", view.id),
        }[step]()
    before, events_before = service.get("UCOMM1", view.id), actions(service, view.id)
    with pytest.raises(InvalidTransition, match=f"handoff {view.id}"):
        action(service, view.id)
    assert service.get("UCOMM1", view.id) == before and actions(service, view.id) == events_before


def test_another_contact_can_take_over_a_claimed_handoff(make_service):
    service = make_service()
    view, _ = service.open(request())
    service.claim("UCOMM1", view.id)
    assert service.claim("UCOMM2", view.id).claimed_by == "UCOMM2"


def test_empty_answer_is_refused(make_service):
    service = make_service()
    view, _ = service.open(request())
    with pytest.raises(EmptyAnswer):
        service.answer("UCOMM1", view.id, "   ")
    assert service.get("UCOMM1", view.id).status == "open"


def test_employees_are_refused_contact_actions_and_nothing_changes(make_service, notifier):
    service = make_service()
    view, _ = service.open(request())
    other, _ = service.open(request("M2", asker_id="UOTHER"))
    before, events_before = service.get("UCOMM1", view.id), actions(service, view.id)
    for attempt in (
        lambda: service.claim("UEMP", view.id),
        lambda: service.answer("UEMP", view.id, "selbst beantwortet"),
        lambda: service.get("UOTHER", view.id),
        lambda: service.resolve("UOTHER", view.id),
        lambda: service.events("UOTHER", view.id),
    ):
        with pytest.raises(PermissionDenied, match="Keine Berechtigung: .* / Not permitted: ") as refused:
            attempt()
        assert refused.value.key in ("handoff.error.not_a_contact", "handoff.error.not_a_party")
    assert service.get("UCOMM1", view.id) == before and actions(service, view.id) == events_before
    assert notifier.answers == []
    assert [v.id for v in service.list_for("UEMP")] == [view.id]
    assert [v.id for v in service.list_for("UCOMM2")] == [view.id, other.id]
    assert isinstance(PermissionDenied("handoff.error.contacts_only"), PermissionError)


def test_unknown_handoff_is_reported(make_service):
    service = make_service()
    with pytest.raises(HandoffNotFound, match="42"):
        service.get("UCOMM1", 42)


def test_list_filters_by_status(make_service):
    service = make_service()
    a, _ = service.open(request("A"))
    b, _ = service.open(request("B"))
    service.answer("UCOMM1", b.id, "fertig")
    assert [v.id for v in service.list_for("UCOMM1", ["open", "claimed"])] == [a.id]
    assert [v.id for v in service.list_for("UCOMM1")] == [a.id, b.id]


def test_notifier_failure_keeps_the_handoff_open_and_marked(make_service, notifier):
    notifier.fail_for = {"*"}
    service = make_service()
    view, created = service.open(request())
    assert created and view.status == "open" and view.notify_failed
    assert "platform_unavailable" in view.notify_error
    assert [a for _, a in actions(service, view.id)].count("notify_failed") == 2
    notifier.fail_for = set()
    assert service.answer("UCOMM1", view.id, "Trotzdem beantwortet").status == "answered"


def test_one_reachable_contact_is_enough(make_service, notifier):
    notifier.fail_for = {"UCOMM1"}
    service = make_service()
    view, _ = service.open(request())
    assert not view.notify_failed and notifier.kinds("notify") == [("UCOMM2", view.id)]


def test_no_configured_contact_ids_marks_the_handoff(make_service, settings):
    settings.contact_ids = {}
    service = make_service()
    view, _ = service.open(request())
    assert view.status == "open" and view.notify_failed and "LOTSE_CONTACT_IDS" in view.notify_error


def test_failed_answer_delivery_keeps_the_answer(make_service, notifier):
    service = make_service()
    view, _ = service.open(request())
    notifier.fail_for = {"UEMP"}
    answered = service.answer("UCOMM1", view.id, "Antwort")
    assert answered.status == "answered" and answered.answer == "Antwort"
    assert answered.notify_failed and "deliver_answer" in answered.notify_error
    assert ("lotse", "deliver_failed") in actions(service, view.id)


def test_restart_sees_the_open_handoff_and_can_answer_it(make_service, notifier):
    first = make_service()
    view, _ = first.open(request())
    first._store.dispose()
    second = make_service()  # new Store, new service: like a restarted process
    assert [v.id for v in second.list_for("UCOMM1", ["open"])] == [view.id]
    assert second.answer("UCOMM2", view.id, "Nach dem Neustart").status == "answered"
    assert second.open(request())[1] is False


def test_view_converts_to_the_reply_reference(make_service):
    service = make_service()
    view, created = service.open(request())
    ref = view.to_ref(created)
    assert (ref.id, ref.contact_name, ref.status, ref.created) == (view.id, "Katrin Vogt", "open", True)
    assert view.to_json()["context"][0]["document"] == "leitfaden"
