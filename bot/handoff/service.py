"""The handoff lifecycle: open → (claimed) → answered → resolved, reopen; permissions, audit log, SLA.

Every change happens in one transaction together with its audit event and the messages it causes (outbox,
bot/handoff/delivery.py); they are sent right after the commit and retried until delivered or failed, so neither
a failing chat platform nor a crash can lose a notification (a handoff nobody was told about is `notify_failed`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.contacts import ContactDirectory
from bot.handoff.absences import Absences, Away
from bot.handoff.business_hours import WorkingTime, add_business_hours, business_hours_between
from bot.handoff.delivery import DELIVER, NOTIFY, TELL_ASKER, Deliveries
from bot.handoff.errors import EmptyAnswer, HandoffNotFound, InvalidTransition, PermissionDenied
from bot.handoff.first_step import FirstSteps
from bot.handoff.notifier import Notifier
from bot.handoff.reach import Reach, ReachPolicy, Stage, pack, unpack
from bot.handoff.retention import SYSTEM_ACTOR, purge_expired
from bot.handoff.views import HandoffEventView, HandoffView, Passage
from bot.handoff.visibility import Visibility
from bot.inbox.outbox import Outbox, OutboxPolicy
from bot.inbox.owner import INSTANCE
from bot.settings import Settings
from bot.store.db import Store
from bot.store.models import HANDOFF_REASONS, Handoff, HandoffEvent
from bot.text_input import scrub

log = logging.getLogger(__name__)

ACTIVE = ("open", "claimed")
AnswerHook = Callable[[HandoffView, str, bool], None]
Mutation = Callable[[Handoff, datetime], None]
Record = Callable[[Session, Handoff, datetime], None]


@dataclass(frozen=True, kw_only=True)
class HandoffRequest:
    platform: str
    source_message_id: str | None
    asker_id: str
    language: str
    reason: str
    question: str
    asker_channel: str | None = None
    asker_thread: str | None = None
    category: str | None = None
    contact_role: str | None = None  # None: routed by category
    context: Sequence[Passage | Mapping[str, Any]] = field(default_factory=tuple)  # Passages (or their JSON)
    draft: str | None = None
    exchange_id: int | None = None


class HandoffService:
    def __init__(
        self,
        store: Store,
        contacts: ContactDirectory,
        notifier: Notifier,
        clock: Clock,
        settings: Settings,
        *,
        absences: Absences | None = None,
        reach_policy: ReachPolicy | None = None,
    ) -> None:
        self._store = store
        self._contacts = contacts
        self._notifier = notifier
        self._clock = clock
        self._settings = settings
        self._working = WorkingTime.from_settings(settings)
        self._routing: dict[str, str] = {}
        self._visibility = Visibility(contacts)  # need-to-know: bot/handoff/visibility.py
        self.absences = absences or Absences(store, clock, settings.timezone)
        self.policy = reach_policy or ReachPolicy.load(settings.knowledge_dir)
        self.reach = Reach(contacts)  # owner → deputy → lead → fallback, past who is away
        self._first_steps = FirstSteps(settings.knowledge_dir, self.policy)
        self.on_answer: list[AnswerHook] = []
        policy = OutboxPolicy(
            owner=INSTANCE,
            lease=timedelta(seconds=settings.lease_seconds),
            max_attempts=settings.outbox_max_attempts,
            backoff=timedelta(seconds=settings.outbox_backoff_seconds),
            max_hold=timedelta(seconds=settings.lease_max_hold_seconds),
        )
        self.deliveries = Deliveries(store, Outbox(store, policy), notifier, clock, self._to_view, self._note_of)

    def _note_of(self, summary: dict[str, Any], user_id: str) -> Any:
        """A knowledge note (bot/learning/notes.py) in the language the contact person reads."""
        from bot.learning.notes import compose

        return compose(summary, self._contacts.language_of(user_id, self._settings.default_language))

    # --- routing ---------------------------------------------------------------------------------
    def set_routing(self, mapping: Mapping[str, str]) -> None:
        """Category → contact role (from the triage configuration)."""
        self._routing = dict(mapping)

    def route(self, category: str | None) -> str:
        return self._known_role(self._routing.get(category or ""))

    def _known_role(self, role: str | None) -> str:
        return role if role and self._contacts.has_role(role) else self._contacts.fallback_role

    # --- opening ---------------------------------------------------------------------------------
    def open(self, request: HandoffRequest) -> tuple[HandoffView, bool]:
        """Open a handoff; the same (platform, source_message_id) returns the existing one, created=False."""
        if request.reason not in HANDOFF_REASONS:
            raise ValueError(f"unknown handoff reason {request.reason!r}")
        existing = self._find_source(request.platform, request.source_message_id)
        if existing is not None:
            return existing, False
        try:
            handoff_id = self._insert(request)
        except IntegrityError:
            existing = self._find_source(request.platform, request.source_message_id)
            if existing is None:
                raise
            return existing, False
        log.info("handoff %s opened (reason=%s)", handoff_id, request.reason)
        self._notify_contacts(handoff_id)
        return self._load_view(handoff_id), True

    def _insert(self, request: HandoffRequest) -> int:
        role = self._known_role(request.contact_role) if request.contact_role else self.route(request.category)
        now = self._clock.now()
        with self._store.session() as session:
            row = Handoff(
                created_at=now,
                platform=request.platform,
                source_message_id=request.source_message_id,
                asker_id=request.asker_id,
                asker_channel=request.asker_channel,
                asker_thread=request.asker_thread,
                language=request.language,
                reason=request.reason,
                category=request.category,
                contact_role=role,
                question=request.question,
                context=[_passage_json(p) for p in request.context],
                draft=request.draft,
                exchange_id=request.exchange_id,
                status="open",
                reopen_count=0,
                notify_failed=False,
                urgent=self.policy.is_urgent(request.category, request.reason),
                reach=self._waiting_facts(request, now),
            )
            session.add(row)
            session.flush()
            _event(session, row.id, now, SYSTEM_ACTOR, "opened", {"reason": request.reason, "role": role})
            self._record_notifications(session, row, now)
            return row.id

    def _waiting_facts(self, request: HandoffRequest, now: datetime) -> dict[str, Any]:
        """When an answer can be expected and the immediate step, as the asker is told (bot/handoff/waiting.py)."""
        opening = add_business_hours(now, 0, self._working)  # now, inside working hours; else the next opening
        facts: dict[str, Any] = {"timezone": self._working.timezone, "out_of_hours": opening > now}
        if opening > now and not self.policy.is_urgent(request.category, request.reason):
            facts["expected_at"] = opening.isoformat()
        if request.reason == "sensitive":
            step = self._first_steps.passage(request.category, request.language)
            if step is not None:
                facts["first_step"] = step.to_json() | {"title": step.title}
        return facts

    def _find_source(self, platform: str, source_message_id: str | None) -> HandoffView | None:
        if not source_message_id:
            return None
        with self._store.session() as session:
            query = select(Handoff).filter_by(platform=platform, source_message_id=source_message_id)
            row = session.scalars(query).first()
            return self._to_view(row) if row is not None else None

    # --- reading ---------------------------------------------------------------------------------
    def list_for(self, actor_id: str, statuses: Iterable[str] | None = None) -> list[HandoffView]:
        """Contact people see the handoffs of their roles (leads all); employees only their own."""
        query = self._visibility.restrict(select(Handoff).order_by(Handoff.created_at, Handoff.id), actor_id)
        if statuses is not None:
            query = query.where(Handoff.status.in_(list(statuses)))
        with self._store.session() as session:
            return [self._to_view(row) for row in session.scalars(query)]

    def get(self, actor_id: str, handoff_id: int) -> HandoffView:
        with self._store.session() as session:
            row = _load(session, handoff_id)
            self._require_party(actor_id, row)
            return self._to_view(row)

    def get_as_contact(self, actor_id: str, handoff_id: int) -> HandoffView:
        """The handoff for one of its contact people (the rule for answering it; the asker alone may not)."""
        self._require_contact(actor_id)
        with self._store.session() as session:
            row = _load(session, handoff_id)
            self._require_party(actor_id, row, askers_allowed=False)
            return self._to_view(row)

    def events(self, actor_id: str, handoff_id: int) -> list[HandoffEventView]:
        """The audit trail of one handoff, oldest first."""
        with self._store.session() as session:
            self._require_party(actor_id, _load(session, handoff_id))
            query = select(HandoffEvent).filter_by(handoff_id=handoff_id).order_by(HandoffEvent.id)
            return [
                HandoffEventView(at=e.at, actor=e.actor, action=e.action, detail=dict(e.detail or {}))
                for e in session.scalars(query)
            ]

    # --- lifecycle -------------------------------------------------------------------------------
    def claim(self, actor_id: str, handoff_id: int) -> HandoffView:
        self._require_contact(actor_id)

        def apply(row: Handoff, now: datetime) -> None:
            if row.claimed_by == actor_id:
                raise InvalidTransition("handoff.error.already_claimed", id=row.id)
            row.status, row.claimed_by, row.claimed_at = "claimed", actor_id, now

        return self._change(actor_id, handoff_id, "claimed", ACTIVE, apply)

    def answer(self, actor_id: str, handoff_id: int, text: str, add_to_faq: bool = False) -> HandoffView:
        """Store the answer and bring it to the employee; the answer is kept even if delivery fails."""
        self._require_contact(actor_id)
        text = scrub(text).strip()  # no NUL byte or lone surrogate in the database
        if not text:
            raise EmptyAnswer()

        def apply(row: Handoff, now: datetime) -> None:
            if row.claimed_by is None:
                row.claimed_by, row.claimed_at = actor_id, now
            row.status, row.answer, row.answered_by, row.answered_at = "answered", text, actor_id, now
            row.first_response_at = row.first_response_at or now

        extra: list[tuple[str, dict[str, Any]]] = [("faq_requested", {})] if add_to_faq else []
        view = self._change(
            actor_id,
            handoff_id,
            "answered",
            ACTIVE,
            apply,
            {"chars": len(text), "faq": add_to_faq},
            extra,
            record=self.deliveries.record_delivery,
        )
        self._deliver(view, text)
        self._run_answer_hooks(view, text, add_to_faq)
        return self._load_view(handoff_id)

    def resolve(self, actor_id: str, handoff_id: int) -> HandoffView:
        def apply(row: Handoff, now: datetime) -> None:
            row.status, row.resolved_by, row.resolved_at = "resolved", actor_id, now

        return self._change(
            actor_id, handoff_id, "resolved", ("open", "claimed", "answered"), apply, askers_allowed=True
        )

    def reopen(self, actor_id: str, handoff_id: int) -> HandoffView:
        def apply(row: Handoff, now: datetime) -> None:
            row.status, row.reopened_at, row.reopen_count = "open", now, row.reopen_count + 1
            row.claimed_by = row.claimed_at = row.resolved_by = row.resolved_at = None
            row.last_reminder_at = None

        self._change(
            actor_id,
            handoff_id,
            "reopened",
            ("answered", "resolved"),
            apply,
            askers_allowed=True,
            record=self._record_notifications,
        )
        self._notify_contacts(handoff_id)
        return self._load_view(handoff_id)

    # --- SLA -------------------------------------------------------------------------------------
    def overdue(self, now: datetime | None = None) -> list[HandoffView]:
        """Open or claimed handoffs waiting longer than the SLA in business hours."""
        now = now or self._clock.now()
        earliest = now - timedelta(hours=self._settings.sla_business_hours)
        query = select(Handoff).where(Handoff.status.in_(ACTIVE), Handoff.created_at <= earliest)
        with self._store.session() as session:
            rows = [row for row in session.scalars(query.order_by(Handoff.id)) if self._is_overdue(row, now)]
            return [self._to_view(row, now) for row in rows]

    def send_reminders(self, now: datetime | None = None) -> int:
        """Remind contact people of overdue handoffs, at most once per SLA interval; returns how many."""
        now = now or self._clock.now()
        due = [view for view in self.overdue(now) if self._reminder_due(view, now)]
        return sum(1 for view in due if self._remind(view, now))

    def _reminder_due(self, view: HandoffView, now: datetime) -> bool:
        last = view.last_reminder_at
        return last is None or business_hours_between(last, now, self._working) >= self._sla

    def _remind(self, view: HandoffView, now: datetime) -> bool:
        waiting = business_hours_between(_sla_start(view), now, self._working)
        absent = self.absences.absent_ids(now)
        recipients = [uid for uid in view.holders if uid not in absent] or list(
            self._contacts.user_ids_for(view.contact_role)
        )
        if view.claimed_by and view.claimed_by not in recipients:
            recipients.append(view.claimed_by)
        sent, failed = _send_each(recipients, lambda uid: self._notifier.remind(uid, view, waiting))
        with self._store.session() as session:
            row = _load(session, view.id)
            if sent:
                row.last_reminder_at = now
                _event(
                    session,
                    row.id,
                    now,
                    SYSTEM_ACTOR,
                    "reminded",
                    {"recipients": sent, "business_hours": round(waiting, 2)},
                )
            for uid, error in failed:
                _event(session, row.id, now, SYSTEM_ACTOR, "notify_failed", {"user_id": uid, "error": error})
        return bool(sent)

    def _is_overdue(self, row: Handoff, now: datetime) -> bool:
        if row.status not in ACTIVE:
            return False
        start = row.reopened_at or row.created_at
        return business_hours_between(start, now, self._working) >= self._sla

    @property
    def _sla(self) -> float:
        return self._settings.sla_business_hours

    # --- retention -------------------------------------------------------------------------------
    def purge_expired(self, now: datetime | None = None) -> int:
        return purge_expired(self._store, now or self._clock.now(), self._settings.retention_days)

    # --- internals -------------------------------------------------------------------------------
    def _change(
        self,
        actor_id: str,
        handoff_id: int,
        action: str,
        allowed: Sequence[str],
        apply: Mutation,
        detail: dict[str, Any] | None = None,
        extra_events: Sequence[tuple[str, dict[str, Any]]] = (),
        askers_allowed: bool = False,
        record: Record | None = None,
    ) -> HandoffView:
        """Apply one transition with its audit event(s) in a single transaction, or change nothing."""
        now = self._clock.now()
        with self._store.session() as session:
            row = _load(session, handoff_id, lock=True)
            self._require_party(actor_id, row, askers_allowed)
            if row.status not in allowed:
                raise InvalidTransition(id=row.id, status=row.status, action=action)
            apply(row, now)
            _event(session, row.id, now, actor_id, action, detail or {})
            for extra_action, extra_detail in extra_events:
                _event(session, row.id, now, actor_id, extra_action, extra_detail)
            if record is not None:  # the messages this change causes, in the same transaction
                record(session, row, now)
            session.flush()
            return self._to_view(row, now)

    def _record_notifications(self, session: Session, row: Handoff, now: datetime) -> None:
        """Route past who is away (owner → deputy → lead → fallback) and record who had it from now on."""
        absent = self.absences.absent_in(session, now)
        stage = self.reach.first(row.contact_role, absent)
        recipients = list(stage.user_ids) if stage is not None else []
        row.holders, row.escalation_level, row.escalated_at = pack(recipients), 0, now
        row.reach = {k: v for k, v in self._route_facts(row, stage, absent).items() if k != "repeats"}
        if stage is None or stage.kind != "owner":  # the role's own people is what "opened" says already
            detail = {"stage": stage.kind if stage else "", "to": recipients, "absent": sorted(absent)}
            _event(session, row.id, now, SYSTEM_ACTOR, "routed", detail)
        self.deliveries.record_notifications(session, row, recipients, now)

    def _route_facts(self, row: Handoff, stage: Stage | None, absent: Mapping[str, Away]) -> dict[str, Any]:
        owners = [uid for uid in self._contacts.own_ids(row.contact_role) if uid in absent]
        away = [
            {"user": uid, "name": self._contacts.name_of(uid), "until": _iso(absent[uid].until_day)} for uid in owners
        ]
        holder = self._contacts.names_of(stage.user_ids) if stage is not None else ""
        return dict(row.reach or {}) | {"stage": stage.kind if stage else "", "holder_name": holder, "absent": away}

    # --- escalation (urgent categories) and hand-over (absences) -----------------------------------
    def escalate_due(
        self,
        minutes: float,
        now: datetime | None = None,
        *,
        repeat_minutes: float | None = None,
        repeats: int | None = None,
    ) -> int:
        """Pass every urgent handoff unclaimed for `minutes` since it last reached someone on to the next people
        (deputy, then lead, then fallback), through the outbox. Each step notifies only the people it adds. When
        everyone on the way holds it, those present are notified again every `repeat_minutes`, at most `repeats`
        times (LOTSE_ESCALATION_REPEAT_MINUTES / LOTSE_ESCALATION_REPEATS); after that the working-hours
        reminders take over. Each step is one locked, conditional change, so several replicas running this at
        once escalate it once; a claim stops it."""
        now = now or self._clock.now()
        repeat_minutes = self._settings.escalation_repeat_minutes if repeat_minutes is None else repeat_minutes
        repeats = self._settings.escalation_repeats if repeats is None else repeats
        cutoff = now - timedelta(minutes=minutes)
        query = select(Handoff.id).where(
            Handoff.status == "open", Handoff.urgent.is_(True), Handoff.escalated_at <= cutoff
        )
        with self._store.session() as session:
            due = list(session.scalars(query.order_by(Handoff.id)))
        steps = _EscalationSteps(minutes, repeat_minutes, repeats)
        escalated = [handoff_id for handoff_id in due if self._escalate(handoff_id, steps, now)]
        for handoff_id in escalated:
            self._notify_contacts(handoff_id)
        return len(escalated)

    def _escalate(self, handoff_id: int, steps: _EscalationSteps, now: datetime) -> bool:
        with self._store.session() as session:
            row = _load(session, handoff_id, lock=True)
            last = row.escalated_at
            if row.status != "open" or not row.urgent or last is None or last > now - steps.interval:
                return False  # claimed meanwhile, or another replica escalated it already
            absent = self.absences.absent_in(session, now)
            holders = unpack(row.holders)
            stage = self.reach.next_people(row.contact_role, absent, holders)
            reach = dict(row.reach or {})
            if stage is None:  # everyone on the way holds it: notify those present again, a few times only
                repeated = int(reach.get("repeats") or 0)
                if last > now - steps.repeat_interval:
                    return False
                if repeated >= steps.repeats:  # the next repeat would be due: none left
                    row.escalated_at = None  # off the escalation list until a hand-over or reopen puts it back
                    stopped = {"level": row.escalation_level, "repeats": repeated}
                    _event(session, row.id, now, SYSTEM_ACTOR, "escalation_stopped", stopped)
                    return False
                present = tuple(uid for uid in holders if uid not in absent) or holders
                stage = Stage("again", present, row.contact_role)
                row.reach = reach | {"repeats": repeated + 1}
            row.holders = pack(list(dict.fromkeys(holders + stage.user_ids)))
            row.escalation_level, row.escalated_at = row.escalation_level + 1, now
            detail = {"level": row.escalation_level, "stage": stage.kind, "to": list(stage.user_ids)}
            _event(session, row.id, now, SYSTEM_ACTOR, "escalated", detail | {"after_minutes": steps.minutes})
            self.deliveries.record_notifications(session, row, list(stage.user_ids), now)
            return True

    def hand_over(self, user_id: str) -> list[int]:
        """The absent user's active handoffs go to the next present people: those they claimed (released), and
        open ones nobody else present holds. The new people are notified and each employee is told who has their
        question now (both through the outbox). Returns the ids handed over."""
        now = self._clock.now()
        query = select(Handoff.id).where(
            Handoff.status.in_(ACTIVE),
            or_(Handoff.claimed_by == user_id, Handoff.holders.contains(f"|{user_id}|", autoescape=True)),
        )
        with self._store.session() as session:
            candidates = list(session.scalars(query.order_by(Handoff.id)))
        moved = [handoff_id for handoff_id in candidates if self._hand_over(handoff_id, user_id, now)]
        for handoff_id in moved:
            self._notify_contacts(handoff_id)
            self.deliveries.send_now(handoff_id, TELL_ASKER)
        return moved

    def held_by(self, user_id: str) -> list[HandoffView]:
        """The active handoffs `user_id` would hand over: claimed by them, or open and held by nobody else present."""
        now = self._clock.now()
        query = select(Handoff).where(
            Handoff.status.in_(ACTIVE),
            or_(Handoff.claimed_by == user_id, Handoff.holders.contains(f"|{user_id}|", autoescape=True)),
        )
        with self._store.session() as session:
            absent = self.absences.absent_in(session, now)
            rows = [
                row
                for row in session.scalars(query.order_by(Handoff.id))
                if row.claimed_by == user_id
                or not [uid for uid in unpack(row.holders) if uid not in absent and uid != user_id]
            ]
            return [self._to_view(row, now) for row in rows]

    def _hand_over(self, handoff_id: int, user_id: str, now: datetime) -> bool:
        with self._store.session() as session:
            row = _load(session, handoff_id, lock=True)
            absent = dict(self.absences.absent_in(session, now))
            away = absent.get(user_id) or Away(user_id, None)
            absent[user_id] = away
            holders = unpack(row.holders)
            others = [uid for uid in holders if uid not in absent]
            if row.status not in ACTIVE or (row.claimed_by != user_id and others):
                return False
            stage = self.reach.first(row.contact_role, absent)
            if stage is None or user_id in stage.user_ids:
                return False
            if row.claimed_by == user_id:
                row.status, row.claimed_by, row.claimed_at = "open", None, None
            row.holders = pack(list(dict.fromkeys(holders + stage.user_ids)))
            row.escalated_at = now  # an urgent one unclaimed by the new people escalates from here on
            to_name = self._contacts.names_of(stage.user_ids)
            moved = {"from": user_id, "name": self._contacts.name_of(user_id), "until": _iso(away.until_day)}
            reach = {k: v for k, v in (row.reach or {}).items() if k != "repeats"}
            row.reach = reach | {
                "handed_over_from": user_id,
                "handed_over": moved | {"to": list(stage.user_ids), "to_name": to_name},
                "stage": stage.kind,
                "holder_name": to_name,
            }
            detail = {"from": user_id, "to": list(stage.user_ids), "stage": stage.kind}
            _event(session, row.id, now, user_id, "handed_over", detail)
            self.deliveries.record_notifications(session, row, list(stage.user_ids), now)
            self.deliveries.record_asker_note(session, row, now)
            return True

    def _notify_contacts(self, handoff_id: int) -> None:
        """Send the notifications recorded with the change now; failures are retried by the outbox sender."""
        self.deliveries.send_now(handoff_id, NOTIFY)

    def _deliver(self, view: HandoffView, text: str) -> None:
        """Send the answer delivery recorded with the answer now; the answer is stored whatever happens."""
        self.deliveries.send_now(view.id, DELIVER)

    def _run_answer_hooks(self, view: HandoffView, text: str, add_to_faq: bool) -> None:
        for hook in list(self.on_answer):
            try:
                hook(view, text, add_to_faq)
            except Exception:
                log.exception("handoff %s: an on_answer hook failed", view.id)

    def _require_contact(self, actor_id: str) -> None:
        if not self._contacts.is_contact(actor_id):
            raise PermissionDenied("handoff.error.not_a_contact", user=actor_id)

    def _require_party(self, actor_id: str, row: Handoff, askers_allowed: bool = True) -> None:
        asker = row.asker_id if askers_allowed else None
        if not self._visibility.may_see(actor_id, asker, row.contact_role, unpack(row.holders)):  # need-to-know
            raise PermissionDenied("handoff.error.not_a_party", user=actor_id, id=row.id)

    def _load_view(self, handoff_id: int) -> HandoffView:
        with self._store.session() as session:
            return self._to_view(_load(session, handoff_id))

    def _to_view(self, row: Handoff, now: datetime | None = None) -> HandoffView:
        now = now or self._clock.now()
        return HandoffView(
            id=row.id,
            status=row.status,
            reason=row.reason,
            category=row.category,
            contact_role=row.contact_role,
            contact_name=_holder_name(row) or self._contacts.get(row.contact_role).name,
            language=row.language,
            platform=row.platform,
            source_message_id=row.source_message_id,
            asker_id=row.asker_id,
            asker_channel=row.asker_channel,
            asker_thread=row.asker_thread,
            question=row.question,
            context=tuple(Passage.from_json(p) for p in row.context or []),
            draft=row.draft,
            answer=row.answer,
            created_at=row.created_at,
            claimed_by=row.claimed_by,
            claimed_at=row.claimed_at,
            answered_by=row.answered_by,
            answered_at=row.answered_at,
            resolved_by=row.resolved_by,
            resolved_at=row.resolved_at,
            first_response_at=row.first_response_at,
            last_reminder_at=row.last_reminder_at,
            reopen_count=row.reopen_count,
            notify_failed=row.notify_failed,
            notify_error=row.notify_error,
            exchange_id=row.exchange_id,
            faq_entry_id=row.faq_entry_id,
            text_purged=row.text_purged_at is not None,
            overdue=self._is_overdue(row, now),
            reopened_at=row.reopened_at,
            holders=unpack(row.holders),
            urgent=bool(row.urgent),
            escalation_level=row.escalation_level or 0,
            reach=dict(row.reach or {}),
        )


# --- module helpers --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _EscalationSteps:
    minutes: float  # between the stages (owner → deputy → lead → fallback)
    repeat_minutes: float  # between the repeats once everyone on the way holds it
    repeats: int  # how many repeats at most

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    @property
    def repeat_interval(self) -> timedelta:
        return timedelta(minutes=max(self.minutes, self.repeat_minutes))


def _load(session: Session, handoff_id: int, lock: bool = False) -> Handoff:
    if not isinstance(handoff_id, int) or not 0 < handoff_id < 2**63:  # beyond any database integer: no OverflowError
        raise HandoffNotFound(handoff_id)
    query = select(Handoff).where(Handoff.id == handoff_id)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise HandoffNotFound(handoff_id)
    return row


def _event(session: Session, handoff_id: int, at: datetime, actor: str, action: str, detail: dict[str, Any]) -> None:
    session.add(HandoffEvent(handoff_id=handoff_id, at=at, actor=actor, action=action, detail=detail))


def _send_each(recipients: Iterable[str], send: Callable[[str], None]) -> tuple[list[str], list[tuple[str, str]]]:
    sent: list[str] = []
    failed: list[tuple[str, str]] = []
    for uid in recipients:
        try:
            send(uid)
            sent.append(uid)
        except Exception as exc:
            log.warning("notifying %s failed (%s)", uid, type(exc).__name__)
            failed.append((uid, _error_text(exc)))
    return sent, failed


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _sla_start(view: HandoffView) -> datetime:
    return view.reopened_at or view.created_at


def _holder_name(row: Handoff) -> str:
    """Who has it, when that is not the role's own people (a deputy, the lead, the fallback)."""
    reach = row.reach or {}
    return str(reach.get("holder_name") or "") if reach.get("stage") not in ("owner", "absent_owner", "") else ""


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _passage_json(passage: Passage | Mapping[str, Any]) -> dict[str, Any]:
    return (passage if isinstance(passage, Passage) else Passage.from_json(passage)).to_json()
