"""The learned-FAQ file: created when missing, valid FAQ format for ingest, ids, updates, atomic writes."""

from __future__ import annotations

from datetime import date

import yaml

from bot.learning.faq_writer import FaqWriter
from ingest.loaders.faq import is_faq, load_faq


def test_creates_the_file_in_faq_format(tmp_path):
    writer = FaqWriter(tmp_path / "knowledge", lock_dir=tmp_path / "data")
    entry = writer.add(
        language="de",
        question="Darf ich  auf Mastodon posten?",
        answer="Ja, privat.",
        editor="Katrin Vogt",
        day=date(2026, 11, 18),
        source_handoff=7,
    )
    path = tmp_path / "knowledge" / "faq" / "learned.de.yaml"
    assert entry.path == path and entry.id == "faq-learned-de-001" and entry.created
    content = yaml.safe_load(path.read_text())
    assert content["kind"] == "faq" and content["id"] == "faq-learned-de" and content["language"] == "de"
    assert content["title"]
    assert content["entries"] == [
        {
            "id": "faq-learned-de-001",
            "question": "Darf ich auf Mastodon posten?",
            "alternatives": [],
            "answer": "Ja, privat.",
            "editor": "Katrin Vogt",
            "date": "2026-11-18",
            "source_handoff": 7,
        }
    ]
    assert is_faq(path)
    document = load_faq(path, path.read_bytes())
    assert document.doc_id == "faq-learned-de" and document.sections[0].anchor == "faq-learned-de-001"
    assert [p.name for p in path.parent.iterdir() if not p.name.startswith(".")] == ["learned.de.yaml"]


def test_ids_count_up_and_the_same_handoff_updates(tmp_path):
    writer = FaqWriter(tmp_path)
    kwargs = dict(language="en", editor="A", day=date(2026, 11, 18))
    assert writer.add(question="Q1?", answer="A1", source_handoff=1, **kwargs).id == "faq-learned-en-001"
    assert writer.add(question="Q2?", answer="A2", source_handoff=2, **kwargs).id == "faq-learned-en-002"
    again = writer.add(question="Q1?", answer="A1, revised", source_handoff=1, **kwargs)
    assert again.id == "faq-learned-en-001" and not again.created
    entries = yaml.safe_load(writer.path_for("en").read_text())["entries"]
    assert [(e["id"], e["answer"]) for e in entries] == [
        ("faq-learned-en-001", "A1, revised"),
        ("faq-learned-en-002", "A2"),
    ]


def test_keeps_hand_edits(tmp_path):
    writer = FaqWriter(tmp_path)
    path = writer.path_for("de")
    path.parent.mkdir(parents=True)
    path.write_text(
        "kind: faq\nid: faq-learned-de\ntitle: Eigene\nlanguage: de\nentries:\n"
        '  - id: faq-learned-de-004\n    question: Alt?\n    alternatives: ["Früher?"]\n    answer: Ja.\n'
    )
    entry = writer.add(
        language="de", question="Neu?", answer="Nein.", editor="B", day=date(2026, 1, 2), source_handoff=None
    )
    content = yaml.safe_load(path.read_text())
    assert entry.id == "faq-learned-de-005" and content["title"] == "Eigene"
    assert content["entries"][0]["alternatives"] == ["Früher?"]
