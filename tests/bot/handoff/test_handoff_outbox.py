"""Notifications and answer deliveries through the outbox: retried with backoff, marked delivered or failed, taken
over when the sending process died, sent once even with several senders."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.handoff.delivery import DELIVER, NOTIFY
from bot.handoff.errors import InvalidTransition
from bot.inbox.outbox import Outbox, OutboxPolicy
from bot.store.models import Handoff
from tests.bot.handoff.test_handoff_lifecycle import actions, request


def lines(service, handoff_id: int) -> list[tuple[str, str, str, int]]:
    return [(d.kind, d.recipient, d.status, d.attempts) for d in service.deliveries.summary(handoff_id)]


def test_a_failed_notification_is_retried_with_backoff_and_the_mark_cleared(make_service, notifier, clock):
    notifier.fail_for = {"*"}
    service = make_service()
    view, _ = service.open(request())
    assert service.get("UCOMM1", view.id).notify_failed
    assert service.deliveries.send_due() == 0  # not due before the backoff
    clock.advance(seconds=5)
    assert service.deliveries.send_due() == 2  # the retry fails again
    assert notifier.kinds("notify") == []
    notifier.fail_for = set()
    clock.advance(seconds=9)
    assert service.deliveries.send_due() == 0  # second backoff is 10 s
    clock.advance(seconds=1)
    assert service.deliveries.send_due() == 2
    assert notifier.kinds("notify") == [("UCOMM1", view.id), ("UCOMM2", view.id)]
    again = service.get("UCOMM1", view.id)
    assert not again.notify_failed and again.notify_error is None
    assert lines(service, view.id) == [(NOTIFY, "UCOMM1", "delivered", 3), (NOTIFY, "UCOMM2", "delivered", 3)]
    assert [a for _, a in actions(service, view.id)].count("notified") == 2


def test_after_the_last_attempt_the_message_is_failed_and_the_handoff_stays_marked(
    make_service, notifier, clock, settings
):
    settings.outbox_max_attempts = 2
    service = make_service()
    view, _ = service.open(request())
    notifier.fail_for = {"UEMP"}
    service.answer("UCOMM1", view.id, "Bitte nicht posten.")
    clock.advance(seconds=5)
    assert service.deliveries.send_due() == 1
    clock.advance(hours=2)
    assert service.deliveries.send_due() == 0
    [deliver] = [d for d in service.deliveries.summary(view.id) if d.kind == DELIVER]
    assert (deliver.status, deliver.attempts) == ("failed", 2) and "platform_unavailable" in deliver.error
    stored = service.get("UEMP", view.id)
    assert stored.status == "answered" and stored.notify_failed and stored.notify_error.startswith("deliver_answer")
    finals = [e for e in service.events("UCOMM1", view.id) if e.action == "deliver_failed"]
    assert [e.detail.get("final", False) for e in finals] == [False, True]


def test_a_message_whose_sender_died_is_sent_by_another_after_the_lease(make_service, notifier, clock, settings):
    service = make_service()
    view, _ = service.open(request(contact_role="legal", category=None))
    dead = Outbox(service.deliveries.outbox._store, OutboxPolicy(owner="dead-process", lease=timedelta(minutes=5)))
    with dead._store.session() as session:  # noqa: SLF001 - recorded by a process that died before sending
        row = session.get(Handoff, view.id)
        dead.record(session, view.id, DELIVER, [row.asker_id], clock.now())
        row.status, row.answer = "answered", "Antwort aus dem abgestürzten Prozess"
    restarted = make_service()
    assert restarted.deliveries.send_due() == 0  # the lease still runs
    clock.advance(minutes=5, seconds=1)
    assert restarted.deliveries.send_due() == 1
    assert notifier.answers == [(view.id, "Antwort aus dem abgestürzten Prozess")]
    assert restarted.deliveries.send_due() == 0


def test_several_senders_send_every_message_exactly_once(make_service, notifier, clock):
    service = make_service()
    ids = [service.open(request(f"M{n}"))[0].id for n in range(10)]
    notifier.sent.clear()
    dead = Outbox(service.deliveries.outbox._store, OutboxPolicy(owner="dead", lease=timedelta(seconds=1)))
    with dead._store.session() as session:  # noqa: SLF001
        for handoff_id in ids:
            dead.record(session, handoff_id, NOTIFY, ["UCOMM1", "UCOMM2"], clock.now())
    clock.advance(seconds=2)
    senders = [make_service() for _ in range(4)]
    threads = [threading.Thread(target=lambda s=s: [s.deliveries.send_due(3) for _ in range(10)]) for s in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(notifier.kinds("notify")) == sorted((uid, h) for h in ids for uid in ("UCOMM1", "UCOMM2"))


def test_no_change_no_message(make_service, notifier):
    service = make_service()
    view, _ = service.open(request())
    service.resolve("UCOMM1", view.id)
    try:
        service.answer("UCOMM1", view.id, "zu spät")
    except InvalidTransition:
        pass
    assert [k for k, *_ in lines(service, view.id)] == [NOTIFY, NOTIFY]  # no delivery without the answer
    with service.deliveries.outbox._store.session() as session:  # noqa: SLF001
        assert session.scalars(select(Handoff.answer)).all() == [None]


def test_a_message_pruned_while_it_was_being_sent_is_not_a_crash(make_service, notifier, clock):
    """Retention (or an operator) may delete a handoff's outbox rows while a sender is inside the platform call;
    the sender then has no row to mark. It used to raise AttributeError on None; it must carry on with the rest."""
    from sqlalchemy import delete

    from bot.store.models import OutboxMessage

    service = make_service()
    notifier.fail_for = {"*"}
    view, _ = service.open(request())  # both notifications fail and wait for their retry
    deleted: list[int] = []

    class PruningNotifier(type(notifier)):
        def notify_contact(self, user_id: str, handoff: object) -> None:
            if not deleted:  # the first retry finds its row gone when it comes back from the platform
                with service._store.session() as session:
                    session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == user_id))
                deleted.append(1)
            super().notify_contact(user_id, handoff)

    pruning = PruningNotifier()
    service = make_service(pruning)
    clock.advance(seconds=5)
    assert service.deliveries.send_due() == 2  # no exception; both attempted
    assert pruning.kinds("notify") == [("UCOMM1", view.id), ("UCOMM2", view.id)]
    assert lines(service, view.id) == [(NOTIFY, "UCOMM2", "delivered", 2)]  # the pruned one left no line
