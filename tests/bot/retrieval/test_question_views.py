"""Typical questions (knowledge/questions) lead to their section without ever being cited themselves."""

from __future__ import annotations

from pathlib import Path

from bot.app import Lotse
from bot.settings import Settings
from ingest.indexer import ingest

GUIDE = """---
id: g
title: Richtlinie
language: de
---
# Richtlinie
## Arbeitszeit
Private Nutzung sozialer Medien ist während der Arbeitszeit nur in den Pausen erlaubt.
## Pressearbeit
Anfragen von Medien gehen an die Unternehmenskommunikation.
"""

QUESTIONS = """kind: questions
document: g
language: de
sections:
  "Arbeitszeit":
    - Kann ich beim Mittagessen kurz auf Insta schauen?
  "Gibt es nicht":
    - Eine Frage zu einem umbenannten Abschnitt
"""


def _lotse(tmp_path: Path) -> tuple[Lotse, object]:
    folder = tmp_path / "k"
    (folder / "questions").mkdir(parents=True)
    (folder / "g.md").write_text(GUIDE, encoding="utf-8")
    (folder / "questions" / "g.yaml").write_text(QUESTIONS, encoding="utf-8")
    lotse = Lotse(Settings(data_dir=tmp_path / "d", knowledge_dir=folder))
    return lotse, ingest([folder], lotse.index)


def test_a_typical_question_finds_its_section_and_only_passages_are_cited(tmp_path: Path, embedder) -> None:
    lotse, _ = _lotse(tmp_path)
    result = lotse.retriever.search("Darf ich beim Mittagessen auf Insta schauen?", "de", k=3)
    assert result.best.chunk.section == "Richtlinie › Arbeitszeit"
    assert result.best.dense_rank == 0
    assert all(not h.chunk.is_view for h in result.hits)
    assert lotse.index.find_section("g", "Arbeitszeit").text.startswith("Private Nutzung")


def test_questions_for_a_missing_section_are_reported(tmp_path: Path, embedder) -> None:
    _, report = _lotse(tmp_path)
    assert any("Gibt es nicht" in e["reason"] and e["path"].endswith("g.yaml") for e in report.errors)
