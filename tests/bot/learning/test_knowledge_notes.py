"""When the knowledge changes, the communications contacts get one note in Slack (German or English), whichever
replica or `lotse ingest` noticed it, through the durable outbox: real index, real SQLite, local Slack API."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.app import Lotse
from bot.cli.main import cli
from bot.learning.notes import compose
from bot.learning.watch import pick_up_changes
from bot.settings import Settings
from bot.slack.app import make_client
from bot.slack.notifier import SlackNotifier
from ingest.indexer import ingest
from tests.support.fake_slack import FakeSlack

CONTACT = "UCOMMS1"
GUIDE = """---
id: probe-richtlinie
title: Probe-Richtlinie
language: de
---
# Probe-Richtlinie
## Kundenprojekte und Kundennamen
Kundennamen nennst du nur, wenn der Kunde einer veröffentlichten Referenz zugestimmt hat.
## Fotos aus der Halle
Fotos aus der Fertigung nur nach Freigabe durch die Kommunikation.
## Messen
Vom Messestand darfst du posten, wenn keine Prototypen zu sehen sind.
"""
EDITED = (
    GUIDE.split("## Kundenprojekte")[0]
    + """## Fotos aus der Halle
Fotos aus der Fertigung nur nach schriftlicher Freigabe durch die Kommunikation und ohne Kundenteile im Bild.
## Messen
Vom Messestand darfst du posten, wenn keine Prototypen und keine Preisschilder zu sehen sind.
## Recruiting
Stellenanzeigen von der Karriereseite darfst du teilen.
"""
)
FAQ = """kind: faq
id: probe-faq
title: Probe-FAQ
language: de
entries:
  - id: probe-faq-001
    question: Darf ich einen Kunden nennen?
    answer: Nur mit veröffentlichter Referenz.
    see: Probe-Richtlinie › Kundenprojekte
"""


def _folder(tmp_path: Path, language: str) -> Path:
    knowledge = tmp_path / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    (knowledge / "faq").mkdir()
    (knowledge / "documents" / "probe.de.md").write_text(GUIDE, encoding="utf-8")
    (knowledge / "faq" / "faq.de.yaml").write_text(FAQ, encoding="utf-8")
    (knowledge / "contacts.yaml").write_text(
        f"fallback: communications\ncontacts:\n  communications:\n    name: Anna Beispiel\n"
        f"    email: anna@probe.example\n    language: {language}\n",
        encoding="utf-8",
    )
    return knowledge


def _server(knowledge: Path, data: Path, slack: FakeSlack, embedder) -> Lotse:
    """One replica of `lotse serve`: the Slack notifier over the local Slack API, the shared data dir."""
    settings = Settings(
        data_dir=data,
        knowledge_dir=knowledge,
        contact_ids={"communications": [CONTACT]},
        slack_bot_token="xoxb-test-token",
        slack_api_url=slack.api_url,
    )
    lotse = Lotse(settings)
    lotse.__dict__["embedder"] = embedder
    lotse.notifier = SlackNotifier(
        make_client(settings), language_of=lambda user: lotse.contacts.language_of(user, "de")
    )
    return lotse


def _notes(slack: FakeSlack) -> list[str]:
    return [c.body["text"] for c in slack.calls("chat.postMessage") if c.body["channel"] == CONTACT]


@pytest.fixture
def slack():
    with FakeSlack() as fake:
        yield fake


def test_the_watch_sends_one_german_note_per_change_across_replicas_and_ticks(tmp_path, embedder, slack) -> None:
    knowledge, data = _folder(tmp_path, "de"), tmp_path / "data"
    first, second = _server(knowledge, data, slack, embedder), _server(knowledge, data, slack, embedder)
    ingest([knowledge], first.index)
    assert pick_up_changes(first) is None and _notes(slack) == []  # nothing changed, nothing said

    (knowledge / "documents" / "probe.de.md").write_text(EDITED, encoding="utf-8")
    changes = pick_up_changes(first)
    assert changes is not None
    [note] = _notes(slack)
    assert note.startswith("„Probe-Richtlinie“ wurde aktualisiert: 2 Abschnitte geändert, 1 neu, 1 entfernt.")
    assert "Neu: Recruiting" in note and "Entfernt: Kundenprojekte und Kundennamen" in note
    assert "Geändert: Fotos aus der Halle, Messen" in note
    assert "FAQ probe-faq-001 (faq.de.yaml) → „Probe-Richtlinie › Kundenprojekte“" in note
    [call] = slack.calls("chat.postMessage")
    assert "Recruiting" in json.dumps(call.json_field("blocks"), ensure_ascii=False)  # rendered as Block Kit

    assert pick_up_changes(first) is None  # the next 30-s tick: nothing stale
    assert pick_up_changes(second) is None  # another replica over the same index
    from bot.learning.notes import change_key
    from ingest.changes import snapshot

    # a replica that ingested the same change in parallel (same before/after): the unique key stops it
    before = {k: v for k, v in snapshot(first.index).items() if "Recruiting" not in k[1]}
    assert second.knowledge_notes.announce(changes, change_key(before, snapshot(first.index))) is not None
    assert len(_notes(slack)) == 2  # a different "before" is a different change …
    assert second.knowledge_notes.announce(changes, change_key(before, snapshot(first.index))) is None
    assert len(_notes(slack)) == 2  # … but the same one is announced once


def test_a_manual_ingest_is_announced_in_english_by_the_running_server_after_a_restart(
    tmp_path, embedder, slack
) -> None:
    knowledge, data = _folder(tmp_path, "en"), tmp_path / "data"
    env = {"LOTSE_CONTACT_IDS": json.dumps({"communications": [CONTACT]})}
    args = ["--data-dir", str(data), "--knowledge-dir", str(knowledge), "ingest"]
    assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    guide = knowledge / "documents" / "probe.de.md"
    guide.write_text(GUIDE.replace("keine Prototypen", "keine Prototypen und keine Preise"), encoding="utf-8")
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    assert _notes(slack) == []  # the CLI records the note; it has no Slack to send it with

    server = _server(knowledge, data, slack, embedder)  # a `lotse serve` started afterwards
    assert server.handoffs.deliveries.send_due() == 1
    assert _notes(slack) == [
        "“Probe-Richtlinie” was updated: 1 section changed, 0 new, 0 removed.\nChanged: Messen\n"
        "Lotse answers from the new version from now on. `lotse doctor` checks whether anything is missing."
    ]
    assert server.handoffs.deliveries.send_due() == 0 and len(_notes(slack)) == 1


def test_a_long_change_names_three_sections_and_counts_the_rest() -> None:
    summary = {
        "documents": ["Social-Media-Richtlinie", "FAQ"],
        "counts": {"changed": 5, "added": 0, "removed": 1},
        "sections": {"changed": ["A", "B", "C", "D", "E"], "added": [], "removed": ["Alt"]},
        "pointers": [{"file": "probe.yaml", "kind": "views", "ref": "Alt", "target": "probe"}],
    }
    de, en = compose(summary, "de"), compose(summary, "en")
    assert de.headline == (
        "Das Wissen von Lotse wurde aktualisiert (Social-Media-Richtlinie, FAQ): 5 Abschnitte geändert, 0 neu, 1 entfernt."
    )
    assert de.groups == (("Geändert", ("A", "B", "C", "und 2 weitere")), ("Entfernt", ("Alt",)))
    assert en.groups[0] == ("Changed", ("A", "B", "C", "and 2 more")) and en.pointers == (
        "Questions for “Alt” (probe.yaml)",
    )


def test_teams_renders_the_same_note_as_a_card() -> None:
    from bot.teams.cards import knowledge_note_card

    summary = {
        "documents": ["Probe-Richtlinie"],
        "counts": {"changed": 1, "added": 0, "removed": 0},
        "sections": {"changed": ["Messen"], "added": [], "removed": []},
        "pointers": [],
    }
    card = json.loads(knowledge_note_card(compose(summary, "en")).model_dump_json(by_alias=True, exclude_none=True))
    assert card["body"][0]["text"] == "“Probe-Richtlinie” was updated: 1 section changed, 0 new, 0 removed."
    assert card["body"][1]["facts"] == [{"title": "Changed", "value": "Messen"}]


@pytest.mark.slow
def test_a_running_lotse_serve_picks_up_a_changed_document_and_the_contact_gets_the_note(tmp_path, slack) -> None:
    """A real `lotse serve` process: the guideline is edited on disk, no restart, no command; the watch indexes it
    and the communications contact receives the note through the local Slack API."""
    from tests.support.serve_process import ServeProcess, base_env

    knowledge, data = _folder(tmp_path, "de"), tmp_path / "data"
    env = dict(
        base_env(slack.api_url, "test-secret"),
        LOTSE_CONTACT_IDS=json.dumps({"communications": [CONTACT]}),
        LOTSE_KNOWLEDGE_WATCH_SECONDS="1",
    )
    args = ["--data-dir", str(data), "--knowledge-dir", str(knowledge), "ingest"]
    assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    server = ServeProcess(data, tmp_path / "serve.log", env, knowledge=knowledge).start()
    try:
        (knowledge / "documents" / "probe.de.md").write_text(EDITED, encoding="utf-8")
        notes = _wait_for(lambda: _notes(slack), seconds=60)
    finally:
        server.stop()
    assert notes[0].startswith("„Probe-Richtlinie“ wurde aktualisiert: 2 Abschnitte geändert, 1 neu, 1 entfernt.")
    assert "Neu: Recruiting" in notes[0] and len(notes) == 1
    assert "knowledge updated without restart" in server.output()


def _wait_for(found: Callable[[], list[str]], seconds: float) -> list[str]:
    deadline = time.monotonic() + seconds
    while not (result := found()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return result
