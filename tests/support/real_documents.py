"""Documents as communication teams really have them, built here (no internet): a three-page German guideline PDF
with a running header and footer and page numbers, numbered headings, a table, a footnote and hyphenated line
ends; a Word guideline with heading styles, numbered headings and a table; a scanned PDF (pages that are images).
"""

from __future__ import annotations

from pathlib import Path

TITLE = "Social-Media-Richtlinie der Probe Werkzeug GmbH"
HEADER = "Probe Werkzeug GmbH · Social-Media-Richtlinie · Stand 03/2026"
FOOTER = "Intern – nur für Beschäftigte"
# (level, number, heading, paragraphs); a paragraph given as a list of lines is set line by line, as a
# typesetter would break it, so "Mitarbei-" / "ter" end up on two lines of the PDF.
SECTIONS: list[tuple[int, str, str, list[str | list[str]]]] = [
    (
        1,
        "1",
        "Geltungsbereich",
        [
            "Diese Richtlinie gilt für alle Beschäftigten der Probe Werkzeug GmbH, die privat oder dienstlich in "
            "sozialen Netzwerken wie LinkedIn, Instagram, Xing oder TikTok unterwegs sind.",
        ],
    ),
    (
        1,
        "2",
        "Grundsätze",
        [
            "Wer sich über die Firma äußert, spricht für sich selbst und nicht im Namen des Unternehmens. Bleib "
            "sachlich, freundlich und ehrlich.",
        ],
    ),
    (
        2,
        "2.1",
        "Kennzeichnung als Mitarbeiter",
        [
            [
                "Wenn du über unsere Produkte schreibst, mache kenntlich, dass du als Mitarbei-",
                "ter der Probe Werkzeug GmbH sprichst, etwa mit dem Hashtag #TeamProbe. Eine Emp-",
                "fehlung ohne diesen Hinweis gilt als Schleichwerbung.",
            ],
        ],
    ),
    (
        2,
        "2.2",
        "Fotos vom Arbeitsplatz",
        [
            "Fotos aus der Werkstatt darfst du posten, wenn niemand ohne Einwilligung zu sehen ist und keine "
            "Bildschirme, Zeichnungen oder Kundenteile im Bild sind.",
        ],
    ),
    (
        1,
        "3",
        "Vertraulichkeit",
        [
            "Was intern ist, bleibt intern. Im Zweifel frag die Unternehmenskommunikation, bevor du etwas postest.",
        ],
    ),
    (
        2,
        "3.1",
        "Vertrauliche Informationen",
        [
            "Vertraulich sind insbesondere Kundennamen, Stückzahlen, Preise, Liefertermine und Baupläne[FN]. Nenne "
            "sie nicht, auch nicht in Andeutungen.",
        ],
    ),
    (2, "3.2", "Zahlen und Termine", ["TABLE"]),
    (
        1,
        "4",
        "Ansprechpersonen",
        [
            "Fragen zu dieser Richtlinie beantwortet die Unternehmenskommunikation: Anna Beispiel, "
            "kommunikation@probe.example, Telefon 0521 123456-10.",
        ],
    ),
]
TABLE = [
    ["Information", "Darf ich posten?", "Wer gibt frei?"],
    ["Umsatzzahlen", "Nein", "Geschäftsführung"],
    ["Messetermine", "Ja, sobald veröffentlicht", "Marketing"],
    ["Produktneuheiten", "Erst nach der Pressemitteilung", "Unternehmenskommunikation"],
]
FOOTNOTE = "Baupläne umfassen auch Skizzen, CAD-Daten und Fotos von Zeichnungen."
HEADINGS = [f"{number} {title}" for _, number, title, _ in SECTIONS]


def guideline_pdf(path: Path) -> Path:
    """Three pages of A4 with a running header, a footer with "Seite n von 3", and the content above."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages = _pages()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(TITLE)
    width, height = A4
    for number, lines in enumerate(pages, 1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(56, height - 40, HEADER)
        pdf.drawString(56, 40, FOOTER)
        pdf.drawRightString(width - 56, 40, f"Seite {number} von {len(pages)}")
        y = height - 90
        for font, size, text in lines:
            if font == "table":
                y = _table(pdf, y)
            elif font == "footnote":  # at the foot of the page, above the footer
                pdf.setFont("Helvetica", size)
                pdf.drawString(56, 70, text)
            else:
                pdf.setFont(font, size)
                pdf.drawString(56, y, text)
                y -= size + 6
        pdf.showPage()
    pdf.save()
    return path


def _pages() -> list[list[tuple[str, int, str]]]:
    """The content as lines per page: (font, size, text); the title on page 1, a page break after 2.2 and 3.1."""
    pages: list[list[tuple[str, int, str]]] = [[("Helvetica-Bold", 16, TITLE)]]
    for level, number, title, paragraphs in SECTIONS:
        if number in ("3", "4"):
            pages.append([])
        pages[-1].append(("Helvetica-Bold", 13 if level == 1 else 11, f"{number} {title}"))
        for paragraph in paragraphs:
            if paragraph == "TABLE":
                pages[-1].append(("table", 0, ""))
                continue
            lines = paragraph if isinstance(paragraph, list) else _wrap(str(paragraph))
            for line in lines:
                marker = "[FN]" in line
                pages[-1].append(("Helvetica", 10, line.replace("[FN]", "¹")))
                if marker:
                    pages[-1].append(("footnote", 7, f"¹ {FOOTNOTE}"))
    return pages


def _wrap(text: str, width: int = 95) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _table(pdf, y: float) -> float:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(TABLE, colWidths=[130, 170, 150])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
            ]
        )
    )
    _, height = table.wrapOn(pdf, 450, 300)
    table.drawOn(pdf, 56, y - height)
    return y - height - 16


def guideline_docx(path: Path) -> Path:
    """Word: Title style, "Heading 1/2" with typed numbers, one numbered heading set by hand (bold Normal), a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_paragraph(TITLE, style="Title")
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].footer.paragraphs[0].text = FOOTER
    for level, number, title, paragraphs in SECTIONS:
        if number == "4":  # set by hand: bold Normal text, as many real documents do
            document.add_paragraph().add_run(f"{number} {title}").bold = True
        else:
            document.add_paragraph(f"{number} {title}", style=f"Heading {level}")
        for paragraph in paragraphs:
            if paragraph == "TABLE":
                table = document.add_table(rows=0, cols=3)
                for row in TABLE:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = text
                continue
            text = " ".join(paragraph) if isinstance(paragraph, list) else str(paragraph)
            for broken, whole in (("Mitarbei- ter", "Mitarbeiter"), ("Emp- fehlung", "Empfehlung"), ("[FN]", "")):
                text = text.replace(broken, whole)
            document.add_paragraph(text)
    document.save(str(path))
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are pictures only (a scan without text recognition)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.setFillGray(0.85)
        pdf.rect(56, 300, 480, 400, fill=1, stroke=0)  # the grey of a scanned page, no text
        for row in range(20):
            pdf.setFillGray(0.3)
            pdf.rect(70, 680 - row * 18, 420 - (row % 3) * 60, 6, fill=1, stroke=0)  # lines of "print"
        pdf.showPage()
    pdf.save()
    return path
