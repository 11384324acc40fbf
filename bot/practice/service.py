"""The weekly practice: who takes part, which scenario they get, their first choice, and the team's figures.

Transport-agnostic: the terminal chat, Slack and Teams call `Practice` and render what it returns. Nobody's
answers are ever shown per person; `summary()` gives counts per topic with a minimum of answers.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import bot.practice.texts  # noqa: F401  (registers the practice.* texts)
from bot.clock import Clock
from bot.errors import LotseError
from bot.i18n import register, t
from bot.practice.catalog import Catalog
from bot.practice.rotation import QUARTER_DAYS, RECENT_DAYS, choose
from bot.practice.scenarios import LETTERS, Scenario
from bot.report.period import Week
from bot.store.db import Store
from bot.store.models import Exchange, Handoff, PracticeAssignment, PracticeParticipant

Record = Callable[[Session, PracticeAssignment], object]
PAUSE_AFTER_UNANSWERED = 3  # a person who left three exercises in a row unanswered (on leave?) gets a pause

register(
    {
        "practice.error.not_found": {
            "de": "Diese Übung gibt es nicht (mehr).",
            "en": "This exercise does not exist (any more).",
        },
        "practice.error.not_yours": {
            "de": "Diese Übung gehört jemand anderem.",
            "en": "This exercise belongs to someone else.",
        },
        "practice.error.bad_choice": {"de": "Bitte A, B oder C.", "en": "Please A, B or C."},
    }
)


class PracticeRefused(LotseError):
    pass


@dataclass(frozen=True)
class Person:
    platform: str
    user_id: str
    language: str


@dataclass(frozen=True)
class Assignment:
    id: int
    person: Person
    week: str
    scenario: Scenario
    sent: bool
    answered: bool
    created: bool  # False: the person already had this one (a retried send, a second replica)


@dataclass(frozen=True)
class Switch:
    """What the opt-in / opt-out switch shows (Slack App Home, the Teams card): its texts and where a tap leads."""

    on: bool
    title: str
    what: str
    state: str
    button: str
    to: str  # "on" | "off": what a tap on the button does


@dataclass(frozen=True)
class Outcome:
    assignment_id: int
    scenario: Scenario
    choice: int
    right: bool
    first: bool  # the first tap counts; a later one only shows the explanation again


@dataclass
class TopicFigure:
    topic: str
    answers: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.answers if self.answers else 0.0


@dataclass
class PracticeSummary:
    participants: int = 0  # people who got an exercise in the week
    answered: int = 0  # of them, how many answered
    topics: list[TopicFigure] = field(default_factory=list)  # topics with enough answers, most often wrong first
    hidden_topics: int = 0  # topics with answers, but fewer than the minimum
    min_answers: int = 5
    window_weeks: int = 4

    def to_dict(self) -> dict[str, Any]:
        return {
            "participants": self.participants,
            "answered": self.answered,
            "topics": [{"topic": f.topic, "answers": f.answers, "right_share": round(f.share, 3)} for f in self.topics],
            "hidden_topics": self.hidden_topics,
            "min_answers": self.min_answers,
            "window_weeks": self.window_weeks,
        }


def parse_choice(text: str) -> int | None:
    value = (text or "").strip().upper().rstrip(").")
    if value in LETTERS:
        return LETTERS.index(value)
    if value in ("1", "2", "3"):
        return int(value) - 1
    return None


class Practice:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        catalog: Callable[[], Catalog],
        *,
        for_everyone: bool = False,
        timezone: str = "Europe/Berlin",
        default_language: str = "de",
    ) -> None:
        self.store = store
        self.clock = clock
        self._catalog = catalog
        self.for_everyone = for_everyone
        self.timezone = timezone
        self.default_language = default_language

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

    # --- taking part ----------------------------------------------------------------------------------------
    def takes_part(self, platform: str, user_id: str) -> bool:
        with self.store.session() as session:
            row = session.scalars(select(PracticeParticipant).filter_by(platform=platform, user_id=user_id)).first()
            return row.status == "in" if row is not None else self.for_everyone

    def opt_in(self, platform: str, user_id: str, language: str) -> str:
        self._set(platform, user_id, "in", language)
        return t("practice.opted_in", language)

    def opt_out(self, platform: str, user_id: str, language: str | None = None) -> str:
        language = language or self.language_of(platform, user_id)
        self._set(platform, user_id, "out", language)
        return t("practice.opted_out", language)

    def switch_view(self, platform: str, user_id: str, language: str) -> Switch:
        on = self.takes_part(platform, user_id)
        state = "practice.switch.off"
        if on:
            state = "practice.switch.paused" if self._paused(platform, user_id) else "practice.switch.on"
        return Switch(
            on=on,
            title=t("practice.switch.title", language),
            what=t("practice.switch.what", language),
            state=t(state, language),
            button=t("practice.switch.leave" if on else "practice.switch.join", language),
            to="off" if on else "on",
        )

    def switch(self, platform: str, user_id: str, to: str, language: str) -> str:
        """A tap on the switch: "on" opts in, anything else opts out; returns what to tell the person."""
        if to == "on":
            return self.opt_in(platform, user_id, language)
        return self.opt_out(platform, user_id, language)

    def _set(self, platform: str, user_id: str, status: str, language: str) -> None:
        now = self.clock.now()
        for _attempt in range(2):  # two taps at once: the second updates the first one's row
            try:
                with self.store.session() as session:
                    row = session.scalars(
                        select(PracticeParticipant).filter_by(platform=platform, user_id=user_id)
                    ).first()
                    if row is None:
                        session.add(
                            PracticeParticipant(
                                platform=platform, user_id=user_id, status=status, language=language, updated_at=now
                            )
                        )
                    else:
                        row.status, row.language, row.updated_at = status, language, now
                return
            except IntegrityError:
                continue

    def language_of(self, platform: str, user_id: str) -> str:
        with self.store.session() as session:
            row = session.scalars(select(PracticeParticipant).filter_by(platform=platform, user_id=user_id)).first()
            if row is not None:
                return row.language
            last = session.scalars(
                select(Exchange.language)
                .filter_by(platform=platform, asker_id=user_id)
                .order_by(Exchange.created_at.desc())
                .limit(1)
            ).first()
        return last or self.default_language

    def recipients(self, platforms: Iterable[str]) -> list[Person]:
        """Who gets this week's exercise: who opted in, and with the company switch everyone Lotse knows who did
        not opt out; minus people who left the last three unanswered (a pause until they answer or ask for one)."""
        platforms = list(platforms)
        with self.store.session() as session:
            rows = session.scalars(select(PracticeParticipant).where(PracticeParticipant.platform.in_(platforms))).all()
            choice = {(r.platform, r.user_id): r for r in rows}
            people = {key: r.language for key, r in choice.items() if r.status == "in"}
            known = (
                session.execute(
                    select(Exchange.platform, Exchange.asker_id)
                    .where(Exchange.platform.in_(platforms))
                    .group_by(Exchange.platform, Exchange.asker_id)
                ).all()
                if self.for_everyone
                else []
            )
        for platform, user_id in known:  # outside the session: language_of opens its own
            if (platform, user_id) not in choice:
                people[(platform, user_id)] = self.language_of(platform, user_id)
        return [Person(p, u, lang) for (p, u), lang in sorted(people.items()) if not self._paused(p, u)]

    def _paused(self, platform: str, user_id: str) -> bool:
        with self.store.session() as session:
            last = session.scalars(
                select(PracticeAssignment)
                .filter_by(platform=platform, user_id=user_id)
                .where(PracticeAssignment.sent_at.is_not(None))
                .order_by(PracticeAssignment.created_at.desc())
                .limit(PAUSE_AFTER_UNANSWERED)
            ).all()
        if len(last) < PAUSE_AFTER_UNANSWERED or any(a.first_choice is not None for a in last):
            return False
        return not self._spoke_since(platform, user_id, max(a.sent_at for a in last if a.sent_at is not None))

    def _spoke_since(self, platform: str, user_id: str, since: datetime) -> bool:
        """Whether the person was in touch after `since`: asked Lotse something or switched practice (on) again."""
        with self.store.session() as session:
            asked = session.scalars(
                select(Exchange.id)
                .filter_by(platform=platform, asker_id=user_id)
                .where(Exchange.created_at > since)
                .limit(1)
            ).first()
            switched = session.scalars(
                select(PracticeParticipant.id)
                .filter_by(platform=platform, user_id=user_id, status="in")
                .where(PracticeParticipant.updated_at > since)
            ).first()
        return asked is not None or switched is not None

    # --- getting an exercise --------------------------------------------------------------------------------
    def week_label(self, moment: datetime | None = None) -> str:
        return Week.containing(moment or self.clock.now(), self.timezone).label

    def weekly(self, person: Person, week: str | None = None, record: Record | None = None) -> Assignment | None:
        """This (or `week`'s) exercise of a person: made once (across replicas: a unique row per person and week);
        a second call returns the same one with `created=False`. None: nothing left they have not seen. `record`
        adds its outbox message in the same transaction (bot/practice/delivery.py)."""
        return self._assign(person, week or self.week_label(), record)

    def assignment(self, assignment_id: int) -> Assignment | None:
        with self.store.session() as session:
            row = session.get(PracticeAssignment, assignment_id)
        scenario = self.catalog.get(row.scenario_id) if row is not None else None
        return self._assignment(row, scenario, created=False) if row is not None and scenario is not None else None

    def got_one_since(self, person: Person, since: datetime, other_than: str) -> bool:
        """Whether the person got an exercise (week `other_than` aside) made since `since`: at most one a week."""
        with self.store.session() as session:
            return (
                session.scalars(
                    select(PracticeAssignment.id)
                    .filter_by(platform=person.platform, user_id=person.user_id)
                    .where(PracticeAssignment.created_at >= since, PracticeAssignment.week != other_than)
                    .limit(1)
                ).first()
                is not None
            )

    def now(self, person: Person) -> Assignment | None:
        """An exercise right now (`/training jetzt`): this week's if it is still unanswered, else an extra one."""
        week = self.week_label()
        with self.store.session() as session:
            rows = session.scalars(
                select(PracticeAssignment)
                .filter_by(platform=person.platform, user_id=person.user_id)
                .where(PracticeAssignment.week.startswith(week))
            ).all()
            open_one = next((r for r in rows if r.first_choice is None), None)
            used = {r.week for r in rows}
        if open_one is not None:
            scenario = self.catalog.get(open_one.scenario_id)
            if scenario is not None:
                self.mark_sent(open_one.id)
                return self._assignment(open_one, scenario, created=False)
        for suffix in ["", *string.ascii_lowercase[1:]]:
            if week + suffix not in used:
                made = self._assign(person, week + suffix)
                if made is not None:
                    self.mark_sent(made.id)
                return made
        return None

    def _assign(self, person: Person, week: str, record: Record | None = None) -> Assignment | None:
        existing = self._existing(person, week)
        if existing is not None:
            return existing
        catalog = self.catalog
        pool = catalog.for_language(person.language) or catalog.scenarios
        scenario = choose(pool, self._seen(person), self._recent_counts(), seed=f"{person.user_id}|{week}")
        if scenario is None:
            return None
        row = PracticeAssignment(
            platform=person.platform,
            user_id=person.user_id,
            week=week,
            scenario_id=scenario.id,
            topic=scenario.topic,
            language=scenario.language,
            created_at=self.clock.now(),
        )
        try:
            with self.store.session() as session:
                session.add(row)
                if record is not None:
                    session.flush()
                    record(session, row)
        except IntegrityError:  # another replica made it first
            return self._existing(person, week)
        return self._assignment(row, scenario, created=True)

    def _existing(self, person: Person, week: str) -> Assignment | None:
        with self.store.session() as session:
            row = session.scalars(
                select(PracticeAssignment).filter_by(platform=person.platform, user_id=person.user_id, week=week)
            ).first()
        if row is None:
            return None
        scenario = self.catalog.get(row.scenario_id)
        return self._assignment(row, scenario, created=False) if scenario is not None else None

    def _assignment(self, row: PracticeAssignment, scenario: Scenario, *, created: bool) -> Assignment:
        person = Person(row.platform, row.user_id, row.language)
        return Assignment(
            row.id, person, row.week, scenario, row.sent_at is not None, row.first_choice is not None, created
        )

    def _seen(self, person: Person) -> set[str]:
        since = self.clock.now() - timedelta(days=QUARTER_DAYS)
        with self.store.session() as session:
            return set(
                session.scalars(
                    select(PracticeAssignment.scenario_id)
                    .filter_by(platform=person.platform, user_id=person.user_id)
                    .where(PracticeAssignment.created_at >= since)
                ).all()
            )

    def _recent_counts(self) -> Counter[str]:
        """How often recent questions and handoffs were about a category or a section (the rotation's weights)."""
        since = self.clock.now() - timedelta(days=RECENT_DAYS)
        counts: Counter[str] = Counter()
        with self.store.session() as session:
            for category, section in session.execute(
                select(Exchange.category, Exchange.top_section).where(Exchange.created_at >= since)
            ).all():
                for key in (category, section):
                    if key:
                        counts[key] += 1
            for (category,) in session.execute(
                select(Handoff.category).where(Handoff.created_at >= since, Handoff.category.is_not(None))
            ).all():
                if category:
                    counts[category] += 2  # a handoff says more than a question
        return counts

    def mark_sent(self, assignment_id: int) -> None:
        with self.store.session() as session:
            row = session.get(PracticeAssignment, assignment_id)
            if row is not None and row.sent_at is None:
                row.sent_at = self.clock.now()

    # --- answering ------------------------------------------------------------------------------------------
    def answer(self, assignment_id: int, user_id: str, choice: int) -> Outcome:
        if choice not in (0, 1, 2):
            raise PracticeRefused("practice.error.bad_choice")
        with self.store.session() as session:
            row = session.get(PracticeAssignment, assignment_id)
            if row is None:
                raise PracticeRefused("practice.error.not_found")
            if row.user_id != user_id:
                raise PracticeRefused("practice.error.not_yours")
            scenario = self.catalog.get(row.scenario_id)
            if scenario is None:
                raise PracticeRefused("practice.error.not_found")
            first = row.first_choice is None
            if first:
                row.first_choice, row.right, row.answered_at = choice, choice == scenario.right, self.clock.now()
                if row.sent_at is None:
                    row.sent_at = row.answered_at
        return Outcome(assignment_id, scenario, choice, choice == scenario.right, first)

    # --- the team's figures ---------------------------------------------------------------------------------
    def summary(self, week: Week, min_answers: int = 5, window_weeks: int = 4) -> PracticeSummary:
        """Participation in `week`; per topic the share of right first choices over the last `window_weeks`
        weeks up to it, topics with fewer than `min_answers` answers left out. Never anything per person."""
        start = week.start - timedelta(weeks=window_weeks - 1)
        with self.store.session() as session:
            sent = session.execute(
                select(PracticeAssignment.platform, PracticeAssignment.user_id, PracticeAssignment.first_choice).where(
                    PracticeAssignment.sent_at >= week.start, PracticeAssignment.sent_at < week.end
                )
            ).all()
            answers = session.execute(
                select(PracticeAssignment.topic, PracticeAssignment.right).where(
                    PracticeAssignment.answered_at >= start,
                    PracticeAssignment.answered_at < week.end,
                    PracticeAssignment.right.is_not(None),
                )
            ).all()
        people = {(p, u) for p, u, _c in sent}
        answered = {(p, u) for p, u, c in sent if c is not None}
        per_topic: dict[str, TopicFigure] = {}
        for topic, right in answers:
            figure = per_topic.setdefault(topic, TopicFigure(topic, 0, 0))
            figure.answers += 1
            figure.right += 1 if right else 0
        shown = [f for f in per_topic.values() if f.answers >= min_answers]
        shown.sort(key=lambda f: (f.share, -f.answers, f.topic))
        return PracticeSummary(
            participants=len(people),
            answered=len(answered),
            topics=shown,
            hidden_topics=len(per_topic) - len(shown),
            min_answers=min_answers,
            window_weeks=window_weeks,
        )
