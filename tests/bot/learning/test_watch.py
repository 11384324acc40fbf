"""While `lotse serve` runs, a changed document is indexed without a restart (the scheduler's watch job)."""

from __future__ import annotations

from pathlib import Path

from bot.app import Lotse
from bot.learning.watch import pick_up_changes
from bot.settings import Settings
from ingest.indexer import ingest

GUIDE = """---
id: probe-richtlinie
title: Probe-Richtlinie
language: de
---
# Probe-Richtlinie
## Messen
Vom Messestand darfst du posten, wenn keine Prototypen zu sehen sind.
"""


def test_a_changed_document_is_picked_up_and_answered_from(tmp_path: Path, embedder) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    guide = knowledge / "documents" / "probe.de.md"
    guide.write_text(GUIDE, encoding="utf-8")
    lotse = Lotse(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge))
    lotse.__dict__["embedder"] = embedder
    ingest([knowledge], lotse.index)
    assert pick_up_changes(lotse) is None  # nothing changed: no ingest

    before = lotse.retriever.search("Stellenanzeigen teilen Karriereseite", "de", k=1)  # the running server's view
    assert "Recruiting" not in before.hits[0].chunk.section
    guide.write_text(GUIDE + "## Recruiting\nStellenanzeigen von der Karriereseite darfst du teilen.\n", "utf-8")
    changes = pick_up_changes(lotse)
    assert changes is not None and [s.heading for s in changes.added] == ["Recruiting"]
    after = lotse.retriever.search("Stellenanzeigen teilen Karriereseite", "de", k=1)  # same retriever, no restart
    assert after.hits[0].chunk.section.endswith("Recruiting")
