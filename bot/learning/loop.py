"""The learning loop: a contact person's answer marked "Zur FAQ hinzufügen" becomes an FAQ entry right away.

    install_learning_loop(lotse)   # once, in the composition root

`HandoffService.answer(actor, id, text, add_to_faq=True)` calls the hook after the answer is stored and
delivered. The hook writes the question and answer to knowledge/faq/learned.<lang>.yaml (editor: the contact
person's name, the date, the handoff id), records the entry on the handoff (`faq_entry_id`, audit event
`faq_added`) and asks the background re-indexer (bot/learning/reindex.py) to ingest again (incremental: only
that file is embedded again). The file is on disk when `answer()` returns; the ingest runs off the request path
(a Slack modal must be acknowledged within 3 s), so the entry becomes searchable a few seconds later. Callers
that need it searchable at once (the CLI, tests, shutdown) call `wait_for_reindex(service)`. From then on the
next employee who asks the same in other words gets the answer from Lotse, citing the new entry.

Sensitive handoffs and post approvals are never turned into FAQ entries: they concern one person's situation
or one draft, and their text must not become searchable knowledge. Adapters should ask `faq_refusal(view)`
before offering the option; the hook refuses again (and logs) if it is asked anyway.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import register, t
from bot.learning.faq_writer import FaqWriter, LearnedEntry
from bot.learning.reindex import Reindexer

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse
    from bot.handoff.service import HandoffService
    from bot.handoff.views import HandoffView

log = logging.getLogger(__name__)
NEVER_FAQ = ("sensitive", "post_approval")

register({
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
})


class FaqRefused(ValueError):
    """This handoff may not become an FAQ entry; the message is German / English."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"{t(key, 'de')} / {t(key, 'en')}")


def faq_refusal(view: "HandoffView", language: str | None = None) -> str | None:
    """Why `view` cannot be added to the FAQ (in `language`, or German / English), or None if it can."""
    if view.reason in NEVER_FAQ:
        key = f"faq_refused_{view.reason}"
    elif view.text_purged or not (view.question or "").strip():
        key = "faq_refused_purged"
    else:
        return None
    return t(key, language) if language else f"{t(key, 'de')} / {t(key, 'en')}"


class LearningLoop:
    def __init__(self, lotse: "Lotse", *, reindexer: Reindexer | None = None) -> None:
        self.lotse = lotse
        settings = lotse.settings
        self.writer = FaqWriter(settings.knowledge_dir, lock_dir=settings.data_dir)
        self.reindexer = reindexer or Reindexer(self.reindex)

    def __call__(self, view: "HandoffView", text: str, add_to_faq: bool) -> None:
        """The `HandoffService.on_answer` hook."""
        if not add_to_faq:
            return
        try:
            self.add(view, text)
        except FaqRefused as refused:
            log.warning("handoff %s: not added to the FAQ (%s)", view.id, refused.key)

    def add(self, view: "HandoffView", text: str) -> LearnedEntry:
        refusal = faq_refusal(view)
        if refusal is not None:
            reason = view.reason if view.reason in NEVER_FAQ else "purged"
            raise FaqRefused(f"faq_refused_{reason}")
        lotse = self.lotse
        day = lotse.clock.now().astimezone(ZoneInfo(lotse.settings.timezone)).date()
        entry = self.writer.add(language=view.language, question=view.question or "", answer=text,
                                editor=self.editor_name(view), day=day, source_handoff=view.id)
        self.reindexer.request()  # on the worker thread; the entry is on disk already
        self._record(view.id, entry)
        log.info("handoff %s added to the FAQ as %s", view.id, entry.id)
        return entry

    def reindex(self) -> None:
        """One ingest of the knowledge folder (the re-indexer's job; synchronous)."""
        from ingest.indexer import ingest

        report = ingest([self.lotse.settings.knowledge_dir], self.lotse.index)
        if report.errors:
            paths = sorted({str(error.get("path", "?")) for error in report.errors})
            log.warning("re-index after an FAQ entry: %d error(s) in %s", len(report.errors), ", ".join(paths))

    def editor_name(self, view: "HandoffView") -> str:
        contacts = self.lotse.contacts
        actor = view.answered_by or view.claimed_by or ""
        roles = contacts.roles_of(actor) if actor else []
        return contacts.get(roles[0]).name if roles else view.contact_name

    def _record(self, handoff_id: int, entry: LearnedEntry) -> None:
        from bot.store.models import Handoff, HandoffEvent

        with self.lotse.store.session() as session:
            row = session.get(Handoff, handoff_id)
            if row is None:
                return
            row.faq_entry_id = entry.id
            session.add(HandoffEvent(handoff_id=handoff_id, at=self.lotse.clock.now(), actor="lotse",
                                     action="faq_added", detail={"entry_id": entry.id, "file": entry.path.name,
                                                                 "updated": not entry.created}))


def wait_for_reindex(service: "HandoffService", timeout: float | None = None) -> bool:
    """Block until FAQ entries added through `service` are indexed; False if `timeout` passed first."""
    loops = [hook for hook in service.on_answer if isinstance(hook, LearningLoop)]
    return all(loop.reindexer.wait_idle(timeout) for loop in loops)


def install_learning_loop(lotse: "Lotse") -> LearningLoop:
    """Append the hook to `lotse.handoffs.on_answer` (once; calling again is a no-op)."""
    hooks = lotse.handoffs.on_answer
    for hook in hooks:
        if isinstance(hook, LearningLoop):
            return hook
    loop = LearningLoop(lotse)
    hooks.append(loop)
    return loop
