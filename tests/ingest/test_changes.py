"""`lotse ingest` says what changed: sections added, changed and removed by title, and pointers left dangling."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli

GUIDE = """---
id: probe-richtlinie
title: Probe-Richtlinie
language: de
kind: guideline
---
# Probe-Richtlinie
## Kundenprojekte und Kundennamen
Kundennamen nennst du nur, wenn der Kunde einer veröffentlichten Referenz zugestimmt hat.
## Fotos aus der Halle
Fotos aus der Fertigung nur nach Freigabe durch die Kommunikation.
## Messen
Vom Messestand darfst du posten, wenn keine Prototypen zu sehen sind.
"""

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

QUESTIONS = """kind: questions
document: probe-richtlinie
language: de
sections:
  "Fotos aus der Halle":
    - Darf ich ein Foto von der neuen Fräsmaschine posten?
"""


def _ingest(knowledge: Path, data: Path) -> str:
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "--knowledge-dir", str(knowledge), "ingest"])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_names_changed_sections_and_dangling_pointers(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    (knowledge / "faq").mkdir()
    (knowledge / "questions").mkdir()
    guide = knowledge / "documents" / "probe.de.md"
    guide.write_text(GUIDE, encoding="utf-8")
    (knowledge / "faq" / "faq.de.yaml").write_text(FAQ, encoding="utf-8")
    (knowledge / "questions" / "probe-richtlinie.yaml").write_text(QUESTIONS, encoding="utf-8")
    data = tmp_path / "data"
    first = _ingest(knowledge, data)
    assert "Erster Aufbau / first build" in first and "Zeigen jetzt ins Leere" not in first

    edited = (
        GUIDE.replace(
            "## Kundenprojekte und Kundennamen\nKundennamen nennst du nur", "## Referenzen\nKunden nennst du nur"
        )
        .replace("## Fotos aus der Halle", "## Bilder aus der Fertigung")
        .replace("wenn keine Prototypen", "wenn keine Prototypen oder Zeichnungen")
        + "## Recruiting\nStellenanzeigen von der Karriereseite darfst du teilen.\n"
    )
    guide.write_text(edited, encoding="utf-8")
    second = _ingest(knowledge, data)
    added = second.split("sections added")[1].split("sections changed")[0]
    assert "Probe-Richtlinie › Recruiting" in added and "Probe-Richtlinie › Referenzen" in added
    changed = second.split("sections changed")[1].split("sections removed")[0]
    assert "Probe-Richtlinie › Messen" in changed and "Recruiting" not in changed
    removed = second.split("sections removed")[1].split("Zeigen jetzt ins Leere")[0]
    assert "Kundenprojekte und Kundennamen" in removed and "Fotos aus der Halle" in removed
    dangling = second.split("Zeigen jetzt ins Leere")[1]
    assert "probe-faq-001" in dangling  # its `see:` matched only the removed heading
    assert "Fotos aus der Halle" in dangling  # the question view's section is gone

    third = _ingest(knowledge, data)
    assert "sections added" not in third and "sections removed" not in third  # nothing changed, nothing said
