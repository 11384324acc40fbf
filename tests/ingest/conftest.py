"""Fixtures for ingest tests: small folders of real files in every supported format."""

from __future__ import annotations

from pathlib import Path

import pytest

GUIDE_DE = """---
id: mini-richtlinie
title: Mini-Richtlinie
language: de
kind: guideline
---
# Mini-Richtlinie
Kurze Einleitung.
## Vertrauliche Informationen
Veröffentliche keine Umsatzzahlen, Auftragseingänge oder Quartalsergebnisse, bevor die Geschäftsführung sie bekannt gegeben hat.
## Fotos von Kolleginnen und Kollegen
Fotos von Kolleginnen und Kollegen nur mit deren Einwilligung posten. <b>Keine</b> Bilder von Bildschirmen.
"""

GUIDE_EN = """---
id: mini-guideline
title: Mini guideline
language: en
---
# Mini guideline
## Confidential information
Never publish revenue figures or order intake before management has announced them.
"""

FAQ = """kind: faq
id: mini-faq
title: Mini FAQ
language: de
entries:
  - id: mini-faq-001
    question: Darf ich über Messen posten?
    alternatives: ["Kann ich Fotos vom Messestand teilen?"]
    answer: Ja, Fotos vom eigenen Messestand sind willkommen, solange keine Kundengespräche zu sehen sind.
"""


def write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Pressearbeit")
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Krisenleitfaden"
    document.add_heading("Krisenleitfaden", level=0)
    document.add_heading("Shitstorm", level=1)
    document.add_paragraph(
        "Bei einem Shitstorm kommentierst du nicht selbst, sondern informierst sofort die Kommunikation."
    )
    document.add_heading("Presseanfragen", level=1)
    document.add_paragraph("Journalisten verweist du freundlich an die Pressestelle.")
    document.save(str(path))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "mini.de.md").write_text(GUIDE_DE, encoding="utf-8")
    (folder / "mini.en.md").write_text(GUIDE_EN, encoding="utf-8")
    (folder / "faq.de.yaml").write_text(FAQ, encoding="utf-8")
    (folder / "notiz.txt").write_text(
        "Hashtags\n\nNutze #NordwerkTeam, wenn du über deine Arbeit postest.", encoding="utf-8"
    )
    (folder / "seite.html").write_text(
        "<html lang='de'><head><title>Netiquette</title><script>alert(1)</script></head><body>"
        "<h1>Netiquette</h1><h2>Kritik</h2><p>Bleib sachlich und lösche keine Kritik.</p></body></html>",
        encoding="utf-8",
    )
    write_pdf(
        folder / "presse.pdf",
        ["Presseanfragen beantwortet nur die Unternehmenskommunikation.", "Gib keine Interviews ohne Abstimmung."],
    )
    write_docx(folder / "krise.docx")
    (folder / "settings.yaml").write_text("not: a faq\n", encoding="utf-8")  # config YAML is skipped
    return folder


@pytest.fixture
def small_lotse(tmp_path, embedder):
    from bot.app import Lotse
    from bot.settings import Settings

    return Lotse(
        Settings(
            data_dir=tmp_path / "data",
            knowledge_dir=tmp_path / "knowledge",
            database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        )
    )
