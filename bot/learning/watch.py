"""While `lotse serve` runs: a changed document in the knowledge folder is indexed without a restart.

Every LOTSE_KNOWLEDGE_WATCH_SECONDS (30) the folder's files are compared with the index (content hashes, no model needed); when one
was added, changed or removed, an incremental ingest runs (the same as `lotse ingest`, under its lock) and the
log says what changed by section title. Questions see the new index at once (the retriever follows the
manifest). The communications contacts get a note in Slack or Teams (bot/learning/notes.py): once per change,
whichever replica ingested it first, through the durable outbox.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.slack.scheduler import register_job
from ingest.changes import SectionChanges, Snapshot, compare, dangling_pointers, snapshot, stale_files

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


def pick_up_changes(lotse: Lotse) -> SectionChanges | None:
    """Ingest the knowledge folder if a file changed since the index was built; what changed, else None."""
    from ingest.indexer import ingest

    folder = lotse.settings.knowledge_dir
    if not lotse.index.manifest().get("collection") or not stale_files(lotse.index, folder):
        return None  # no index yet (`lotse ingest` first) or nothing changed
    before = snapshot(lotse.index)
    report = ingest([folder], lotse.index)
    after = snapshot(lotse.index)
    changes = compare(before, after)
    changes.dangling = dangling_pointers(lotse.index, folder, before)
    announce(lotse, changes, before, after, send=True)
    log.info(
        "knowledge updated without restart: %d section(s) added, %d changed, %d removed%s",
        len(changes.added),
        len(changes.changed),
        len(changes.removed),
        f"; {len(changes.dangling)} pointer(s) now lead nowhere" if changes.dangling else "",
    )
    for error in report.errors:
        log.warning("knowledge update: %s: %s", error.get("path"), error.get("reason"))
    return changes


def announce(lotse: Lotse, changes: SectionChanges, before: Snapshot, after: Snapshot, *, send: bool) -> None:
    """The note to the contact people (never for the first build); a failure is logged, the ingest stands."""
    if not before:
        return
    from bot.learning.notes import change_key

    try:
        lotse.knowledge_notes.announce(changes, change_key(before, after), send=send)
    except Exception:
        log.exception("could not record the note about the knowledge change")


@register_job
def knowledge_watch(scheduler: Any, lotse: Lotse) -> None:
    def run() -> None:
        try:
            pick_up_changes(lotse)
        except Exception:
            log.exception("knowledge watch failed")

    scheduler.add_job(
        run,
        "interval",
        seconds=lotse.settings.knowledge_watch_seconds,
        id="knowledge_watch",
        replace_existing=True,
        max_instances=1,
        coalesce=True,
    )
