"""A note to the contact people when the knowledge changes (issue 19): "„Social-Media-Richtlinie“ wurde
aktualisiert: 3 Abschnitte geändert, 1 neu, 0 entfernt", the section titles (a few, then "und N weitere") and
the FAQ entries and question views that now point at a removed section.

Whoever notices a change first (the watch of any `lotse serve` replica, or a `lotse ingest` run by hand) records it
once: a `KnowledgeChange` row keyed by the index before and after (a unique key, so a second replica that ingested
the same change, or the next 30-s tick, records nothing) and one outbox message per contact person in the same
transaction. The durable outbox sends it (retries, leases, a restart loses nothing). The note is composed in the
recipient's language when it is sent (`compose`); adapters only render a `KnowledgeNote`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from bot.handoff.delivery import KNOWLEDGE_NOTE, Deliveries
from bot.i18n import register, t
from bot.store.db import Store
from bot.store.models import KnowledgeChange
from ingest.changes import SEP, Section, SectionChanges, Snapshot

log = logging.getLogger(__name__)
LISTED = 3  # section titles named per kind of change; the rest are "und N weitere"
STORED = 20  # titles kept per kind in the database (the counts are exact)
KINDS = ("changed", "added", "removed")
NOTE_ROLE = "communications"

register(
    {
        "note.updated_one": {"de": "„{title}“ wurde aktualisiert: {counts}.", "en": "“{title}” was updated: {counts}."},
        "note.updated_many": {
            "de": "Das Wissen von Lotse wurde aktualisiert ({titles}): {counts}.",
            "en": "Lotse's knowledge was updated ({titles}): {counts}.",
        },
        "note.count.changed": {"de": "{n} Abschnitte geändert", "en": "{n} sections changed"},
        "note.count.changed_1": {"de": "1 Abschnitt geändert", "en": "1 section changed"},
        "note.count.added": {"de": "{n} neu", "en": "{n} new"},
        "note.count.removed": {"de": "{n} entfernt", "en": "{n} removed"},
        "note.group.changed": {"de": "Geändert", "en": "Changed"},
        "note.group.added": {"de": "Neu", "en": "New"},
        "note.group.removed": {"de": "Entfernt", "en": "Removed"},
        "note.more": {"de": "und {n} weitere", "en": "and {n} more"},
        "note.pointers": {
            "de": "Zeigen jetzt auf einen entfernten Abschnitt (bitte anpassen):",
            "en": "Now point at a removed section (please update):",
        },
        "note.pointer.faq": {"de": "FAQ {ref} ({file}) → „{target}“", "en": "FAQ {ref} ({file}) → “{target}”"},
        "note.pointer.views": {
            "de": "Fragen zu „{ref}“ ({file})",
            "en": "Questions for “{ref}” ({file})",
        },
        "note.footer": {
            "de": "Lotse antwortet ab sofort aus der neuen Fassung. `lotse doctor` prüft, ob noch etwas fehlt.",
            "en": "Lotse answers from the new version from now on. `lotse doctor` checks whether anything is missing.",
        },
    }
)


@dataclass(frozen=True)
class KnowledgeNote:
    """What a contact person reads; adapters render it (Block Kit, an Adaptive Card, plain text)."""

    language: str
    headline: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # ("Geändert", ("Messen", "Recruiting", "und 2 weitere"))
    pointers_label: str
    pointers: tuple[str, ...]
    footer: str

    def text(self) -> str:
        lines = [self.headline]
        lines += [f"{label}: {', '.join(titles)}" for label, titles in self.groups]
        if self.pointers:
            lines += [self.pointers_label, *(f"• {p}" for p in self.pointers)]
        return "\n".join([*lines, self.footer])


def change_key(before: Snapshot, after: Snapshot) -> str:
    """The identity of one change: the index's sections before and after, hashed (the same on every replica)."""

    def digest(snap: Snapshot) -> str:
        items = sorted((f"{doc}\0{path}", list(hashes)) for (doc, path), (_, hashes) in snap.items())
        return hashlib.sha256(json.dumps(items).encode()).hexdigest()

    return hashlib.sha256(f"{digest(before)}:{digest(after)}".encode()).hexdigest()


def summary_of(changes: SectionChanges) -> dict[str, Any]:
    """What the database keeps of a change: titles, counts per kind, the dangling pointers."""
    groups = {"changed": changes.changed, "added": changes.added, "removed": changes.removed}
    titles = list(dict.fromkeys(s.title for group in groups.values() for s in group))
    return {
        "documents": titles,
        "counts": {kind: len(group) for kind, group in groups.items()},
        "sections": {kind: [_heading(s) for s in group[:STORED]] for kind, group in groups.items()},
        "pointers": [vars(p) for p in changes.dangling[:STORED]],
    }


def _heading(section: Section) -> str:
    parts = section.path.split(SEP)
    return SEP.join(parts[1:]) if len(parts) > 1 else parts[0]


def compose(summary: dict[str, Any], language: str) -> KnowledgeNote:
    counts: dict[str, int] = summary.get("counts", {})
    titles: list[str] = summary.get("documents", [])
    changed = counts.get("changed", 0)
    count_text = ", ".join(
        [
            t("note.count.changed_1", language) if changed == 1 else t("note.count.changed", language, n=changed),
            t("note.count.added", language, n=counts.get("added", 0)),
            t("note.count.removed", language, n=counts.get("removed", 0)),
        ]
    )
    if len(titles) == 1:
        headline = t("note.updated_one", language, title=titles[0], counts=count_text)
    else:
        headline = t("note.updated_many", language, titles=", ".join(titles), counts=count_text)
    groups = tuple(
        (
            t(f"note.group.{kind}", language),
            _few(summary.get("sections", {}).get(kind, []), counts.get(kind, 0), language),
        )
        for kind in KINDS
        if counts.get(kind)
    )
    pointers = tuple(_pointer(p, language) for p in summary.get("pointers", []))
    return KnowledgeNote(language, headline, groups, t("note.pointers", language), pointers, t("note.footer", language))


def _few(titles: list[str], total: int, language: str) -> tuple[str, ...]:
    shown = titles[:LISTED]
    rest = total - len(shown)
    return tuple(shown) + ((t("note.more", language, n=rest),) if rest > 0 else ())


def _pointer(pointer: dict[str, str], language: str) -> str:
    kind = "faq" if pointer.get("kind") == "faq" else "views"
    return t(f"note.pointer.{kind}", language, **{k: pointer.get(k, "") for k in ("ref", "file", "target")})


class KnowledgeNotes:
    """Records a knowledge change once and sends the note to the communications contacts through the outbox."""

    def __init__(
        self,
        store: Store,
        deliveries: Deliveries,
        recipients: Callable[[], tuple[str, ...]],
        clock: Clock,
    ) -> None:
        self._store = store
        self._deliveries = deliveries
        self._recipients = recipients
        self._clock = clock

    def announce(self, changes: SectionChanges, key: str, *, send: bool = True) -> int | None:
        """Record the note for this change and send it now (`send=False`: leave it to a running server's outbox
        sender); the change's id, or None when there is nothing to say, nobody to tell, or it was announced."""
        if not (changes.added or changes.changed or changes.removed):
            return None
        recipients = list(dict.fromkeys(self._recipients()))
        if not recipients:
            log.warning("knowledge changed, but no %s contact has a Slack or Teams id to tell", NOTE_ROLE)
            return None
        now = self._clock.now()
        try:
            with self._store.session() as session:
                row = KnowledgeChange(change_key=key, created_at=now, summary=summary_of(changes))
                session.add(row)
                session.flush()
                change_id = row.id
                outbox = self._deliveries.outbox
                outbox.record(session, None, KNOWLEDGE_NOTE, recipients, now, change_id=change_id, leased=send)
        except IntegrityError:
            log.info("knowledge change already announced (another replica or run)")
            return None
        log.info("knowledge change %s: note to %d contact(s) recorded", change_id, len(recipients))
        if send:
            self._deliveries.send_now_change(change_id)
        return change_id
