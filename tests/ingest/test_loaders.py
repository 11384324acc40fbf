"""Every supported format loads into titled sections; unreadable files say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import LoadError
from ingest.loaders import load_file, supported


def test_markdown_sections_keep_heading_path_language_and_strip_html(corpus: Path) -> None:
    document = load_file(corpus / "mini.de.md")
    assert document.doc_id == "mini-richtlinie"
    assert document.language == "de" and document.kind == "guideline"
    paths = [s.path for s in document.sections]
    assert ("Mini-Richtlinie", "Vertrauliche Informationen") in paths
    photos = next(s for s in document.sections if s.anchor == "Fotos von Kolleginnen und Kollegen")
    assert "<b>" not in photos.text and "Keine Bilder" in photos.text


def test_faq_entries_become_one_section_each_with_their_id(corpus: Path) -> None:
    document = load_file(corpus / "faq.de.yaml")
    assert document.kind == "faq"
    [entry] = [s for s in document.sections if not s.view]
    assert entry.anchor == "mini-faq-001"
    assert "Messestand" in entry.text and "Antwort:" in entry.text
    views = [s for s in document.sections if s.view]  # the question and each phrasing, pointing at the entry
    assert [v.text for v in views] == ["Darf ich über Messen posten?", "Kann ich Fotos vom Messestand teilen?"]
    assert {v.anchor for v in views} == {"mini-faq-001"}


def test_html_drops_scripts_and_splits_at_headings(corpus: Path) -> None:
    document = load_file(corpus / "seite.html")
    assert document.title == "Netiquette"
    assert all("alert" not in s.text for s in document.sections)
    assert any(s.anchor == "Kritik" and "sachlich" in s.text for s in document.sections)


def test_pdf_text_is_extracted_per_page(corpus: Path) -> None:
    document = load_file(corpus / "presse.pdf")
    assert document.sections[0].anchor == "Seite 1"
    assert "Unternehmenskommunikation" in document.sections[0].text


def test_docx_headings_become_sections(corpus: Path) -> None:
    document = load_file(corpus / "krise.docx")
    anchors = {s.anchor: s.text for s in document.sections}
    assert "informierst sofort" in anchors["Shitstorm"]
    assert "Pressestelle" in anchors["Presseanfragen"]


def test_plain_text_in_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Größere Änderungen an Fotos bitte mit der Kommunikation abstimmen. ".encode("latin-1") * 3)
    assert "Größere Änderungen" in load_file(path).sections[0].text


def test_only_faq_yaml_is_picked_up(corpus: Path) -> None:
    assert supported(corpus / "faq.de.yaml")
    assert not supported(corpus / "settings.yaml")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("leer.md", b"", "empty"),
        ("kaputt.pdf", b"%PDF-1.4\n garbage \x00\x01 not a pdf", "PDF"),
        ("falsch.pdf", b"this is no pdf at all", "not a PDF"),
        ("binaer.txt", bytes(range(256)) * 20, "binary"),
        ("kaputt.docx", b"PK\x03\x04 not really a zip", "Word"),
        ("kaputt.yaml", b"kind: faq\nentries: [ {question: 'a'\n", "YAML"),
        ("ohne.yaml", b"kind: faq\nentries:\n  - question: Nur Frage\n", "answer"),
        ("front.md", b"---\n: [bad\n---\n# T\ntext", "front matter"),
    ],
)
def test_unreadable_files_raise_a_clear_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert reason.lower() in str(error.value).lower()
