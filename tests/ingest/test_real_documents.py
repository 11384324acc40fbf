"""Guidelines as people have them: a 3-page PDF with running header and footer, page numbers, numbered headings, a
table, a footnote and hyphenated line ends; a Word file with heading styles, numbered headings and a table; a
scanned PDF, named as such by `lotse ingest` and `lotse doctor`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from ingest.loaders import load_file
from ingest.loaders.pdf import ScannedPdf
from tests.support import real_documents as docs

EXPECTED_PATHS = [
    ("Geltungsbereich",),
    ("Grundsätze",),
    ("Grundsätze", "Kennzeichnung als Mitarbeiter"),
    ("Grundsätze", "Fotos vom Arbeitsplatz"),
    ("Vertraulichkeit",),
    ("Vertraulichkeit", "Vertrauliche Informationen"),
    ("Vertraulichkeit", "Zahlen und Termine"),
    ("Ansprechpersonen",),
]
TABLE_ROWS = [
    "| Umsatzzahlen | Nein | Geschäftsführung |",
    "| Messetermine | Ja, sobald veröffentlicht | Marketing |",
    "| Produktneuheiten | Erst nach der Pressemitteilung | Unternehmenskommunikation |",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("real-documents")
    docs.guideline_pdf(folder / "richtlinie.pdf")
    docs.guideline_docx(folder / "richtlinie.docx")
    docs.scanned_pdf(folder / "scan.pdf")
    return folder


@pytest.mark.parametrize("name", ["richtlinie.pdf", "richtlinie.docx"])
def test_numbered_headings_become_sections_with_their_titles(folder: Path, name: str) -> None:
    document = load_file(folder / name)
    assert document.title == docs.TITLE and document.language == "de"
    assert [s.path[1:] for s in document.sections] == EXPECTED_PATHS
    assert all(s.path[0] == docs.TITLE for s in document.sections)
    text = "\n".join(s.text for s in document.sections)
    assert "Mitarbeiter der Probe Werkzeug GmbH" in text and "Eine Empfehlung ohne" in text  # joined, no "Mitarbei-"
    assert "Social-Media" not in text.replace("Social-Media-Richtlinie", "")  # nothing else glued at a hyphen
    table = next(s.text for s in document.sections if s.path[-1] == "Zahlen und Termine")
    assert table.split("\n")[0] == "| Information | Darf ich posten? | Wer gibt frei? |"
    assert all(row in table.split("\n") for row in TABLE_ROWS)  # each row on one line, cells in order


def test_pdf_running_header_footer_and_page_numbers_are_gone_and_the_footnote_sits_with_its_marker(
    folder: Path,
) -> None:
    sections = load_file(folder / "richtlinie.pdf").sections
    text = "\n".join(s.text for s in sections)
    for running in (docs.HEADER, docs.FOOTER, "Seite 1 von 3", "Seite 2", "Stand 03/2026"):
        assert running not in text
    confidential = next(s.text for s in sections if s.path[-1] == "Vertrauliche Informationen")
    assert "Baupläne¹" in confidential and f"¹ {docs.FOOTNOTE}" in confidential
    assert docs.FOOTNOTE not in next(s.text for s in sections if s.path[-1] == "Zahlen und Termine")


def test_a_scanned_pdf_is_named_as_such(folder: Path) -> None:
    with pytest.raises(ScannedPdf, match="scanned PDF: 2 page"):
        load_file(folder / "scan.pdf")


def test_ingest_and_doctor_name_the_scanned_pdf_and_the_table_row_is_found(folder: Path, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    for name in ("richtlinie.pdf", "scan.pdf"):
        (knowledge / "documents" / name).write_bytes((folder / name).read_bytes())
    base = ["--data-dir", str(tmp_path / "data"), "--knowledge-dir", str(knowledge)]
    ingested = CliRunner().invoke(cli, [*base, "ingest"])
    assert ingested.exit_code == 0, ingested.output
    assert "scan.pdf: eingescanntes PDF ohne Text – bitte mit Texterkennung (OCR) speichern" in ingested.output
    assert "a scanned PDF without text" in ingested.output

    doctor = CliRunner().invoke(cli, [*base, "doctor", "--json", "--no-model"])
    [scanned] = [f for f in json.loads(doctor.output)["findings"] if f["check"] == "scanned_pdf"]
    assert "scan.pdf" in scanned["problem"] and "eingescanntes PDF" in scanned["problem"] and "OCR" in scanned["fix"]
    english = CliRunner().invoke(cli, [*base, "doctor", "--json", "--no-model", "--lang", "en"])
    assert any(
        f["problem"].startswith("documents/scan.pdf is a scanned PDF") for f in json.loads(english.output)["findings"]
    )

    from bot.app import Lotse
    from bot.settings import Settings

    lotse = Lotse(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge))
    hit = lotse.retriever.search("Darf ich Umsatzzahlen posten?", "de", k=1).hits[0]
    assert (
        hit.chunk.section.endswith("Zahlen und Termine")
        and "| Umsatzzahlen | Nein | Geschäftsführung |" in hit.chunk.text
    )
