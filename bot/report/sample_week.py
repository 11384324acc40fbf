"""A realistic week of Lotse activity with a controlled clock, and its own bookkeeping.

Used by the tests (every report figure is checked against the bookkeeping kept here, not re-queried) and to
produce the sample report:  python -m bot.report.sample_week --out docs/

Activity goes through the real core: `ExchangeLog.record` with constructed `Reply` objects,
`HandoffService.open/claim/answer/resolve/reopen`, `ExchangeLog.set_feedback` and `record_post_check`, each at
its own moment on a `FixedClock`.
"""

from __future__ import annotations

import argparse
import inspect
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.models import Asker, Conversation, HandoffRef, Outcome, Passage, Reply
from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse
    from bot.clock import FixedClock

DOC_DE, TITLE_DE = "social-media-richtlinie-de", "Social-Media-Richtlinie"
DOC_EN, TITLE_EN = "social-media-guideline-en", "Social Media Guideline"


def _de(*path: str) -> str:
    return " › ".join((TITLE_DE, *path))


def _en(*path: str) -> str:
    return " › ".join((TITLE_EN, *path))


# (question, language, document, section) — what employees typically ask, with the section Lotse cites.
ANSWERED = [
    ("Darf ich Fotos aus der Werkhalle auf Instagram posten?", "de", DOC_DE, _de("Fotos am Arbeitsplatz")),
    (
        "Kann ich ein Bild von unserer neuen Fräsmaschine teilen?",
        "de",
        DOC_DE,
        _de("Fotos am Arbeitsplatz", "Maschinen, Zeichnungen und Bildschirme"),
    ),
    (
        "Darf ich ein Foto mit meinen Kollegen beim Sommerfest posten?",
        "de",
        DOC_DE,
        _de("Datenschutz und Fotos von Personen", "Einwilligung von Kolleginnen und Kollegen"),
    ),
    (
        "Muss ich kennzeichnen, dass ich bei Nordwerk arbeite, wenn ich über unsere Produkte schreibe?",
        "de",
        DOC_DE,
        _de("Transparenz und Offenlegung"),
    ),
    (
        "Darf ich den Umsatz vom letzten Quartal erwähnen?",
        "de",
        DOC_DE,
        _de("Vertrauliche Informationen", "Unveröffentlichte Zahlen"),
    ),
    (
        "Darf ich schreiben, für welchen Kunden wir gerade bauen?",
        "de",
        DOC_DE,
        _de("Vertrauliche Informationen", "Kundenprojekte und Kundennamen"),
    ),
    (
        "Wie reagiere ich auf einen negativen Kommentar über Nordwerk?",
        "de",
        DOC_DE,
        _de("Negative Kommentare und Kritik"),
    ),
    ("Darf ich die Stellenanzeige auf LinkedIn teilen?", "de", DOC_DE, _de("Stellenanzeigen und Recruiting")),
    ("Darf ich während der Arbeitszeit auf LinkedIn posten?", "de", DOC_DE, _de("Private Nutzung und Arbeitszeit")),
    (
        "Darf ich das Nordwerk-Logo in meinem Profil verwenden?",
        "de",
        DOC_DE,
        _de("Urheberrecht und Bildrechte", "Logos und Marken"),
    ),
    (
        "Mein Account wurde gehackt, was tun?",
        "de",
        DOC_DE,
        _de("Private Geräte und Kontosicherheit", "Gehacktes Konto oder gefälschtes Profil"),
    ),
    ("Darf ich Fotos vom Messestand posten?", "de", DOC_DE, _de("Messen und Veranstaltungen")),
    (
        "Darf ich unsere Maschine mit der vom Wettbewerber vergleichen?",
        "de",
        DOC_DE,
        _de("Laienwerbung und Wettbewerbsrecht", "Vergleiche mit Wettbewerbern"),
    ),
    ("May I share photos from the shop floor?", "en", DOC_EN, _en("Photos at the workplace")),
    (
        "Can I mention our quarterly figures on LinkedIn?",
        "en",
        DOC_EN,
        _en("Confidential information", "Unpublished figures"),
    ),
    ("Do I have to disclose that I work for Nordwerk?", "en", DOC_EN, _en("Transparency and disclosure")),
    (
        "How should I answer a troll in the comments?",
        "en",
        DOC_EN,
        _en("Negative comments and criticism", "Trolls and provocations"),
    ),
]
WEIGHTS = [14, 6, 9, 5, 6, 7, 5, 8, 4, 4, 2, 6, 3, 5, 3, 3, 2]

# Questions the guideline does not cover: Lotse is unsure and hands them off (low confidence).
GAP_TOPICS = [
    (
        DOC_DE,
        _de("Urheberrecht und Bildrechte"),
        [
            ("Darf ich KI-generierte Bilder in meinen LinkedIn-Beiträgen verwenden?", "de"),
            ("Darf ich KI-Bilder in meinen Beiträgen verwenden?", "de"),
            ("Sind KI-generierte Bilder von unseren Maschinen in Beiträgen erlaubt?", "de"),
            ("May I use AI-generated images in my LinkedIn posts?", "en"),
            ("Darf ich Bilder aus einem KI-Bildgenerator in Beiträgen verwenden?", "de"),
            ("Kann ich KI-generierte Bilder im Beitrag über unsere Maschinen verwenden?", "de"),
        ],
    ),
    (
        DOC_DE,
        _de("Messen und Veranstaltungen"),
        [
            ("Darf ich vom Messestand einen Livestream auf Instagram machen?", "de"),
            ("Darf ich vom Messestand live auf TikTok streamen?", "de"),
            ("Kann ich einen Livestream vom Messestand auf LinkedIn starten?", "de"),
            ("May I livestream from our trade fair booth on Instagram?", "en"),
            ("Ist ein Livestream vom Messestand erlaubt?", "de"),
        ],
    ),
    (
        DOC_DE,
        _de("Für Nordwerk sprechen oder privat posten"),
        [
            ("Was darf ich nach meinem Austritt noch über Nordwerk posten?", "de"),
            ("Darf ich nach dem Ende meines Arbeitsvertrags noch über Nordwerk-Projekte posten?", "de"),
            ("Was darf ich als ehemaliger Mitarbeiter über Nordwerk posten?", "de"),
            ("What may I still post about Nordwerk after I leave the company?", "en"),
        ],
    ),
]
OUT_OF_SCOPE = [
    ("Wie beantrage ich Urlaub?", "de"),
    ("Was gibt es heute in der Kantine?", "de"),
    ("Wie lautet das WLAN-Passwort?", "de"),
    ("How do I request time off?", "en"),
]
SENSITIVE = [  # (question, category) — counted in the report, never quoted
    ("Eine Journalistin vom Westfalen-Blatt will mich zum Stellenabbau in Halle 3 interviewen.", "press"),
    ("Ein Kollege wird in unserer WhatsApp-Gruppe gemobbt, darf ich Screenshots posten?", "harassment"),
    ("Ein Kunde droht mit Anwalt wegen meines Kommentars auf Xing.", "legal"),
    ("Ich habe versehentlich die Preisliste 2027 in einer Facebook-Gruppe geteilt.", "data_leak"),
    ("Jemand hat ein gefälschtes Profil von unserem Geschäftsführer angelegt.", "security"),
    ("Ich weiß von der Übernahme durch Hartmann AG, darf ich Aktien kaufen und darüber posten?", "insider"),
]
REQUESTED = [
    ("Kann ich bitte mit einem echten Menschen sprechen?", "de"),
    ("I'd like to talk to a person about my post.", "en"),
]
DRAFTS = {
    "ok": "Stolz auf unser Team beim Tag der offenen Tür! #Nordwerk",
    "revise": "Unsere neue Maschine ist die beste der Welt, besser als alles von der Konkurrenz!",
    "approval": "Wir stellen auf der EMO unseren neuen Prototyp vor – mehr bald!",
}

# --- bookkeeping -------------------------------------------------------------------------------------


@dataclass
class ExchangeRecord:
    at: datetime
    asker: str
    question: str
    language: str
    outcome: str
    reason: str | None = None
    category: str | None = None
    document: str | None = None
    section: str | None = None
    exchange_id: int | None = None
    feedback: str | None = None
    feedback_at: datetime | None = None


@dataclass
class HandoffRecord:
    created_at: datetime
    reason: str
    question: str
    id: int | None = None
    actions: list[tuple[datetime, str]] = field(default_factory=list)  # lifecycle actions as performed

    @property
    def first_response_at(self) -> datetime | None:
        return next((at for at, action in self.actions if action == "answered"), None)


@dataclass
class Bookkeeping:
    exchanges: list[ExchangeRecord] = field(default_factory=list)
    handoffs: list[HandoffRecord] = field(default_factory=list)
    post_checks: list[tuple[datetime, str]] = field(default_factory=list)
    user_ids: set[str] = field(default_factory=set)  # employees and contact people that acted

    @property
    def sensitive_texts(self) -> list[str]:
        return [x.question for x in self.exchanges if x.reason == "sensitive"]

    @property
    def gap_texts(self) -> set[str]:
        return {
            x.question
            for x in self.exchanges
            if x.reason != "sensitive" and (x.reason == "low_confidence" or x.feedback == "not_helpful")
        }


# --- the generator -----------------------------------------------------------------------------------
class WeekGenerator:
    """Schedules a week's actions on a timeline and performs them in time order on the FixedClock."""

    def __init__(self, lotse: Lotse, clock: FixedClock, seed: int = 47, book: Bookkeeping | None = None) -> None:
        from bot.store.exchanges import ExchangeLog

        self.lotse, self.clock = lotse, clock
        self.random = random.Random(seed)
        self.log = ExchangeLog(lotse.store, clock)
        self.book = book or Bookkeeping()
        self.zone = ZoneInfo(lotse.settings.timezone)
        self._timeline: list[tuple[datetime, int, Callable[[], None]]] = []
        self._seq = 0
        self._messages = 0
        self._pass_reason = "reason" in inspect.signature(self.log.record).parameters

    # scheduling
    def at(self, moment: datetime, action: Callable[[], None]) -> None:
        self._seq += 1
        self._timeline.append((moment, self._seq, action))

    def run(self) -> Bookkeeping:
        while self._timeline:
            self._timeline.sort(key=lambda item: (item[0], item[1]))
            moment, _seq, action = self._timeline.pop(0)
            if moment > self.clock.now():
                self.clock.set(moment)
            action()
        return self.book

    def local(self, day: date, hour: float) -> datetime:
        minutes = int(hour * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.zone).astimezone(UTC)

    def moment_on(self, day: date) -> datetime:
        weekend = day.weekday() >= 5
        hour = self.random.uniform(10, 18) if weekend else min(self.random.gauss(11.5, 2.6), 19.5)
        return self.local(day, max(7.0, hour)) + timedelta(seconds=self.random.randint(0, 59))

    # the week
    def plan_week(self, week: Week, scale: float = 1.0) -> None:
        per_day = [52, 48, 46, 44, 36, 4, 2]
        days = week.days()
        kinds: list[str] = []
        total = int(sum(per_day) * scale)
        kinds += ["low_confidence"] * int(20 * scale) + ["sensitive"] * int(6 * scale) + ["requested"] * int(4 * scale)
        kinds += ["out_of_scope"] * int(18 * scale)
        kinds += ["answered"] * (total - len(kinds))
        self.random.shuffle(kinds)
        weekday_share = [p / sum(per_day) for p in per_day]
        for kind in kinds:
            day = self.random.choices(days, weights=weekday_share)[0]
            if kind not in ("answered", "out_of_scope") and day.weekday() >= 5:
                day = days[self.random.randint(0, 4)]
            self.at(self.moment_on(day), partial(self.ask, kind))
        checks = ["ok"] * int(14 * scale) + ["revise"] * int(8 * scale) + ["approval"] * max(1, int(3 * scale))
        for verdict in checks:
            day = days[self.random.randint(0, 4)]
            self.at(self.moment_on(day), partial(self.post_check, verdict))

    # actions
    def _asker(self) -> str:
        return f"U0EMP{self.random.randint(1, 64):03d}"

    def ask(self, kind: str) -> None:
        r = self.random
        asker = self._asker()
        document = section = category = None
        if kind == "answered":
            question, language, document, section = r.choices(ANSWERED, weights=WEIGHTS)[0]
        elif kind == "low_confidence":
            document, section, texts = r.choices(GAP_TOPICS, weights=[6, 5, 4])[0]
            question, language = r.choice(texts)
        elif kind == "sensitive":
            question, category = r.choice(SENSITIVE)
            language, document, section = "de", DOC_DE, _de("Presse- und Medienanfragen")
        elif kind == "requested":
            question, language = r.choice(REQUESTED)
        else:
            question, language = r.choice(OUT_OF_SCOPE)
        outcome: Outcome = "answered" if kind == "answered" else "out_of_scope" if kind == "out_of_scope" else "handoff"
        reason = kind if outcome == "handoff" else None
        sources = (
            [
                Passage(
                    document=document or "",
                    title=TITLE_DE if language == "de" else TITLE_EN,
                    section=section,
                    text="…",
                    score=0.03,
                    language=language,
                )
            ]
            if section
            else []
        )
        ref = (
            HandoffRef(id=0, reason=reason, category=category, contact_role="communications", contact_name="")
            if reason
            else None
        )
        reply = Reply(
            question=question,
            language=language,
            outcome=outcome,
            answer="" if ref else "…",
            sources=sources,
            handoff=ref,
            confidence=r.uniform(0.2, 0.9),
            category=category,
        )
        self._messages += 1
        conversation = Conversation(platform="slack", channel_id="D" + asker[1:], message_id=f"M{self._messages:05d}")
        extra = {"reason": reason} if self._pass_reason else {}
        exchange_id = self.log.record(reply, Asker(asker, "slack"), conversation, **extra)
        record = ExchangeRecord(
            at=self.clock.now(),
            asker=asker,
            question=question,
            language=language,
            outcome=outcome,
            reason=reason,
            category=category,
            document=document,
            section=section,
            exchange_id=exchange_id,
        )
        self.book.exchanges.append(record)
        self.book.user_ids.add(asker)
        if reason:
            self.open_handoff(reason, question, language, category, asker, conversation, exchange_id)
        elif outcome == "answered" and r.random() < 0.4:
            helpful = r.random() < 0.78
            self.at(self.clock.now() + timedelta(minutes=r.randint(1, 40)), lambda: self.feedback(record, helpful))
        if reason == "sensitive" and r.random() < 0.5:  # unhappy that Lotse did not answer; still never quoted
            self.at(self.clock.now() + timedelta(minutes=r.randint(1, 10)), lambda: self.feedback(record, False))

    def feedback(self, record: ExchangeRecord, helpful: bool) -> None:
        if record.exchange_id is None:  # recording failed; nothing to rate
            return
        self.log.set_feedback(record.exchange_id, record.asker, helpful)
        record.feedback, record.feedback_at = ("helpful" if helpful else "not_helpful"), self.clock.now()

    def post_check(self, verdict: str) -> None:
        author = self._asker()
        self.book.user_ids.add(author)
        handoff_id = None
        if verdict == "approval":
            handoff_id = self.open_handoff(
                "post_approval",
                DRAFTS[verdict],
                "de",
                None,
                author,
                Conversation(
                    platform="slack", channel_id="D" + author[1:], message_id=f"P{len(self.book.post_checks):05d}"
                ),
                None,
            )
        self.log.record_post_check(
            author,
            "slack",
            "de",
            verdict,
            0 if verdict == "ok" else 2,
            [] if verdict == "ok" else ["superlatives"],
            DRAFTS[verdict],
            handoff_id,
        )
        self.book.post_checks.append((self.clock.now(), verdict))

    def open_handoff(
        self,
        reason: str,
        question: str,
        language: str,
        category: str | None,
        asker: str,
        conversation: Conversation,
        exchange_id: int | None,
    ) -> int:
        from bot.handoff.service import HandoffRequest

        request = HandoffRequest(
            platform="slack",
            source_message_id=conversation.message_id,
            asker_id=asker,
            asker_channel=conversation.channel_id,
            language=language,
            reason=reason,
            question=question,
            category=category,
            exchange_id=exchange_id,
            draft=question if reason == "post_approval" else None,
        )
        view, _created = self.lotse.handoffs.open(request)
        record = HandoffRecord(created_at=self.clock.now(), reason=reason, question=question, id=view.id)
        record.actions.append((self.clock.now(), "opened"))
        self.book.handoffs.append(record)
        contact = (self.lotse.contacts.user_ids_for(view.contact_role) or ("UCOMMS1",))[0]
        self.book.user_ids.add(contact)
        self.plan_lifecycle(record, contact)
        return view.id

    def plan_lifecycle(self, record: HandoffRecord, contact: str) -> None:
        r = self.random
        fate = r.choices(
            ["resolved", "answered", "direct", "claimed", "open", "late", "reopened"], weights=[9, 5, 3, 2, 2, 3, 1]
        )[0]
        start = record.created_at
        claim = start + timedelta(minutes=r.randint(10, 180))
        answer = claim + timedelta(minutes=r.randint(15, 300))
        if fate == "late":
            answer = start + timedelta(days=2, hours=r.randint(1, 6))
        resolve = answer + timedelta(hours=r.uniform(1, 30))

        def act(action: str, call: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                call()
                record.actions.append((self.clock.now(), action))

            return run

        service, hid = self.lotse.handoffs, record.id
        if hid is None:  # the handoff was not opened; nobody acts on it
            return
        text = "Danke für die Frage – das klären wir so: bitte vorher kurz mit der Kommunikation abstimmen."
        if fate in ("resolved", "answered", "claimed", "late", "reopened"):
            self.at(claim, act("claimed", lambda: service.claim(contact, hid)))
        if fate in ("resolved", "answered", "direct", "late", "reopened"):
            self.at(answer, act("answered", lambda: service.answer(contact, hid, text)))
        if fate in ("resolved", "late", "reopened"):
            self.at(resolve, act("resolved", lambda: service.resolve(contact, hid)))
        if fate == "reopened":
            reopen = resolve + timedelta(hours=r.uniform(1, 5))
            self.at(reopen, act("reopened", lambda: service.reopen(contact, hid)))
            self.at(reopen + timedelta(hours=2), act("answered", lambda: service.answer(contact, hid, text)))


def generate(lotse: Lotse, clock: FixedClock, week: Week, *, seed: int = 47, with_previous: bool = True) -> Bookkeeping:
    """The previous week (smaller) and `week`, performed on `clock`; the clock ends after the last action."""
    generator = WeekGenerator(lotse, clock, seed)
    if with_previous:
        generator.plan_week(week.previous(), scale=0.7)
    generator.plan_week(week)
    clock.set(week.previous().start if with_previous else week.start)
    return generator.run()


# --- the sample report -------------------------------------------------------------------------------
SAMPLE_WEEK = "2026-W46"


def write_sample(out_dir: Path, language: str = "de") -> list[Path]:
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.report.build import build_report
    from bot.report.formats import write
    from bot.settings import Settings
    from ingest.indexer import ingest

    repo = Path(__file__).resolve().parents[2]
    week = Week.parse(SAMPLE_WEEK)
    with tempfile.TemporaryDirectory() as tmp:
        contacts = {
            "communications": ["UCOMMS1"],
            "legal": ["ULEGAL1"],
            "data_protection": ["UDPO1"],
            "hr": ["UHR1"],
            "security": ["USEC1"],
        }
        settings = Settings(
            data_dir=Path(tmp) / "data",
            knowledge_dir=repo / "knowledge",
            database_url=f"sqlite:///{Path(tmp) / 'sample.db'}",
            contact_ids=contacts,
        )
        clock = FixedClock(week.start)
        lotse = Lotse(settings, clock=clock)
        ingest([settings.knowledge_dir], lotse.index)
        generate(lotse, clock, week)
        clock.set(max(clock.now(), week.end + timedelta(hours=7)))  # Monday 08:00 Berlin
        report = build_report(lotse, week, language)
        files = write(report, "md", out_dir / "sample-report.md")
        lotse.store.dispose()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a sample week and write its report.")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    args = parser.parse_args()
    for path in write_sample(args.out, args.lang):
        print(path)


if __name__ == "__main__":
    main()
