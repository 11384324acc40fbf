"""The learning loop: a contact person's answer marked "Zur FAQ hinzufügen" becomes an FAQ entry right away.

    LearningLoop(writer, reindexer, contacts, store, clock, timezone)   # built by the composition root
    handoffs.on_answer.append(loop)

`HandoffService.answer(actor, id, text, add_to_faq=True)` calls the hook after the answer is stored and
delivered. The hook writes the question and answer to knowledge/faq/learned.<lang>.yaml (editor: the contact
person's name, the date, the handoff id), records the entry on the handoff (`faq_entry_id`, audit event
`faq_added`) and asks the background re-indexer (bot/learning/reindex.py) to ingest again (incremental: only
that file is embedded again). The file is on disk when `answer()` returns; the ingest runs off the request path
(a Slack modal must be acknowledged within 3 s), so the entry becomes searchable a few seconds later. Callers
that need it searchable at once (the CLI, tests, shutdown) call `wait_for_reindex(service)`. From then on the
next employee who asks the same in other words gets the answer from Lotse, citing the new entry.

Sensitive handoffs and post approvals are never turned into FAQ entries: they concern one person's situation
or one draft, and their text must not become searchable knowledge. Adapters should ask `faq_refusal_key(view)`
before offering the option; the hook refuses again (and logs) if it is asked anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.errors import LotseError
from bot.i18n import register
from bot.learning.faq_writer import FaqWriter, LearnedEntry
from bot.learning.reindex import Reindexer

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from bot.clock import Clock
    from bot.contacts import ContactDirectory
    from bot.handoff.service import HandoffService
    from bot.handoff.views import HandoffView
    from bot.store.db import Store
    from ingest.index_store import IndexStore

log = logging.getLogger(__name__)
NEVER_FAQ = ("sensitive", "post_approval")

register(
    {
        "faq_refused_sensitive": {
            "de": "Vertrauliche Anfragen können nicht zur FAQ hinzugefügt werden. Die Antwort wurde nur an die fragende Person geschickt.",
            "en": "Confidential handoffs cannot be added to the FAQ. The answer was sent only to the person who asked.",
        },
        "faq_refused_post_approval": {
            "de": "Freigaben von Beitragsentwürfen können nicht zur FAQ hinzugefügt werden.",
            "en": "Post approvals cannot be added to the FAQ.",
        },
        "faq_refused_purged": {
            "de": "Der Fragetext wurde bereits gelöscht (Aufbewahrungsfrist); die FAQ bleibt unverändert.",
            "en": "The question text has already been deleted (retention); the FAQ is unchanged.",
        },
        "faq_added": {
            "de": "Zur FAQ hinzugefügt ({entry}). Lotse beantwortet die Frage in wenigen Sekunden selbst (sobald der Index aktualisiert ist).",
            "en": "Added to the FAQ ({entry}). Lotse answers this question itself within seconds (once the index is updated).",
        },
    }
)


class FaqRefused(LotseError, ValueError):
    """This handoff may not become an FAQ entry (keys faq_refused_sensitive, …_post_approval, …_purged)."""


def faq_refusal_key(view: HandoffView) -> str | None:
    """The i18n key saying why `view` cannot be added to the FAQ, or None if it can."""
    if view.reason in NEVER_FAQ:
        return f"faq_refused_{view.reason}"
    if view.text_purged or not (view.question or "").strip():
        return "faq_refused_purged"
    return None


def faq_refusal(view: HandoffView, language: str | None = None) -> str | None:
    """Why `view` cannot be added to the FAQ (in `language`, or German / English), or None if it can."""
    key = faq_refusal_key(view)
    return None if key is None else FaqRefused(key).text(language)


class LearningLoop:
    """Turns answers marked for the FAQ into entries: writes the file, records it, asks for a re-index.

    Collaborators: the FAQ writer, the re-indexer (`Reindexer(reindex_knowledge)`), the contact directory
    (the editor's name), the store and the clock (the audit event), and the company's time zone (the date).
    """

    def __init__(
        self,
        writer: FaqWriter,
        reindexer: Reindexer,
        contacts: ContactDirectory,
        store: Store,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.writer = writer
        self.reindexer = reindexer
        self._contacts = contacts
        self._store = store
        self._clock = clock
        self._zone = ZoneInfo(timezone)

    def __call__(self, view: HandoffView, text: str, add_to_faq: bool) -> None:
        """The `HandoffService.on_answer` hook."""
        if not add_to_faq:
            return
        try:
            self.add(view, text)
        except FaqRefused as refused:
            log.warning("handoff %s: not added to the FAQ (%s)", view.id, refused.key)

    def add(self, view: HandoffView, text: str) -> LearnedEntry:
        key = faq_refusal_key(view)
        if key is not None:
            raise FaqRefused(key)
        day = self._clock.now().astimezone(self._zone).date()
        entry = self.writer.add(
            language=view.language,
            question=view.question or "",
            answer=text,
            editor=self.editor_name(view),
            day=day,
            source_handoff=view.id,
        )
        self.reindexer.request()  # on the worker thread; the entry is on disk already
        self._record(view.id, entry)
        log.info("handoff %s added to the FAQ as %s", view.id, entry.id)
        return entry

    def editor_name(self, view: HandoffView) -> str:
        contacts = self._contacts
        actor = view.answered_by or view.claimed_by or ""
        roles = contacts.roles_of(actor) if actor else []
        return contacts.get(roles[0]).name if roles else view.contact_name

    def _record(self, handoff_id: int, entry: LearnedEntry) -> None:
        from bot.store.models import Handoff, HandoffEvent

        with self._store.session() as session:
            row = session.get(Handoff, handoff_id)
            if row is None:
                return
            row.faq_entry_id = entry.id
            session.add(
                HandoffEvent(
                    handoff_id=handoff_id,
                    at=self._clock.now(),
                    actor="lotse",
                    action="faq_added",
                    detail={"entry_id": entry.id, "file": entry.path.name, "updated": not entry.created},
                )
            )


def reindex_knowledge(knowledge_dir: Path, index: Callable[[], IndexStore]) -> None:
    """One ingest of the knowledge folder (the re-indexer's job; synchronous; incremental by content hash)."""
    from ingest.indexer import ingest

    report = ingest([knowledge_dir], index())
    if report.errors:
        paths = sorted({str(error.get("path", "?")) for error in report.errors})
        log.warning("re-index after an FAQ entry: %d error(s) in %s", len(report.errors), ", ".join(paths))


def wait_for_reindex(service: HandoffService, timeout: float | None = None) -> bool:
    """Block until FAQ entries added through `service` are indexed; False if `timeout` passed first."""
    loops = [hook for hook in service.on_answer if isinstance(hook, LearningLoop)]
    return all(loop.reindexer.wait_idle(timeout) for loop in loops)


def install_learning_loop(lotse: Any) -> LearningLoop:
    """Make sure `lotse.handoffs` runs the composition root's loop (once; calling again is a no-op)."""
    hooks = lotse.handoffs.on_answer
    for hook in hooks:
        if isinstance(hook, LearningLoop):
            return hook
    loop: LearningLoop = lotse.learning_loop
    hooks.append(loop)
    return loop
