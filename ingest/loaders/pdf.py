"""PDF: the text of each page in reading order (pypdf's layout mode), cut into sections at numbered headings
("1.2 Vertrauliche Informationen"); without them, at short lines set wholly in a bold font ("Purpose", "Scope" in
a Word export); without either, a page is a section, named by its number.

Running headers and footers, page numbers, hyphenation at line ends, tables and footnotes are handled in
ingest/loaders/layout.py. A PDF whose pages carry no text at all is a scan: `ScannedPdf` names it as such.
"""

from __future__ import annotations

import io
import logging
import re
from collections import defaultdict
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import clean_text, language_of
from ingest.loaders.layout import (
    MAX_HEADING_WORDS,
    Heading,
    drop_running_lines,
    heading_of,
    join_hyphenated,
    paragraphs,
    place_footnotes,
)

logging.getLogger("pypdf").setLevel(logging.ERROR)
log = logging.getLogger(__name__)


class ScannedPdf(LoadError):
    """A PDF of images only: nothing to read without text recognition (OCR)."""

    def __init__(self, pages: int) -> None:
        super().__init__(f"scanned PDF: {pages} page(s) are images without text (no text layer, OCR needed)")
        self.pages = pages


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    pages, meta_title, bold = _read(data)
    if not any(line.strip() for page in pages for line in page):
        raise ScannedPdf(len(pages))
    empty = [n for n, page in enumerate(pages, 1) if not any(line.strip() for line in page)]
    if empty:
        log.warning("%s: page(s) %s have no text (scanned?)", path.name, ", ".join(map(str, empty)))
    pages = [place_footnotes(page) for page in drop_running_lines(pages)]
    lines = join_hyphenated([line for page in pages for line in [*page, ""]])
    title = str(meta_title or _first_line(lines) or path.stem)
    sections = _by_headings(title, lines) or _by_bold_lines(title, lines, bold) or _by_pages(title, pages)
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, {}, " ".join(s.text for s in sections)[:3000]),
        kind="document",
        source_path=str(path),
        sections=sections,
    )


def _read(data: bytes) -> tuple[list[list[str]], str | None, set[str]]:
    if not data.startswith(b"%PDF"):
        raise LoadError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("PDF is encrypted")
        pages = [clean_text(_page_text(page)).split("\n") for page in reader.pages]
        bold = {key for page in reader.pages for key in _bold_lines(page)}
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"corrupt PDF ({exc.__class__.__name__})") from exc
    return [[line.rstrip() for line in page] for page in pages], meta_title, bold


def _page_text(page: object) -> str:
    """Reading order by position (tables keep their rows on one line); the plain mode where layout fails."""
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except Exception:  # pypdf's layout mode gives up on some fonts
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _first_line(lines: list[str]) -> str:
    first = next((line.strip() for line in lines if line.strip()), "")
    return first if len(first) <= 120 and heading_of(first, None) is None else ""


def _by_headings(title: str, lines: list[str]) -> list[Section]:
    """Sections at numbered headings in order; [] when the document has fewer than two."""
    sections: list[Section] = []
    trail: list[Heading] = []
    body: list[str] = []
    last: Heading | None = None

    def flush() -> None:
        text = paragraphs(body)
        if text:
            path = (title, *(h.title for h in trail))
            sections.append(Section(path, text, trail[-1].title if trail else title))
        body.clear()

    for line in lines:
        heading = heading_of(line, last)
        if heading is None:
            if not (not sections and not trail and line.strip() == title):  # the title line itself
                body.append(line)
            continue
        flush()
        trail = [h for h in trail if h.level < heading.level] + [heading]
        last = heading
    flush()
    return sections if last is not None and sum(1 for s in sections if len(s.path) > 1) >= 2 else []


def _by_pages(title: str, pages: list[list[str]]) -> list[Section]:
    texts = [paragraphs(join_hyphenated(page)) for page in pages]
    return [Section((title, f"Seite {n}"), text, f"Seite {n}") for n, text in enumerate(texts, 1) if text]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _bold_lines(page: object) -> set[str]:
    """The lines of a page set wholly in a bold font, as comparison keys (whitespace removed, case folded)."""
    runs: dict[float, list[tuple[str, bool]]] = defaultdict(list)

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if text.strip():
            name = str((font or {}).get("/BaseFont", ""))
            runs[round(tm[5] * cm[3] + cm[5], 0)].append((text, "bold" in name.casefold()))

    try:
        page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    except Exception:  # a font pypdf cannot read: no bold headings on this page
        return set()
    return {_key("".join(t for t, _ in line)) for line in runs.values() if all(b for _, b in line)}


def _bold_heading(line: str, bold: set[str], title: str) -> bool:
    text = " ".join(line.split())
    return (
        bool(text)
        and _key(text) in bold
        and _key(text) != _key(title)
        and len(text.split()) <= MAX_HEADING_WORDS
        and text[-1] not in ".,;:"
        and text[0].isupper()
    )


def _by_bold_lines(title: str, lines: list[str], bold: set[str]) -> list[Section]:
    """Sections at bold short lines, all on one level; [] when the document has fewer than two."""
    sections: list[Section] = []
    heading: str | None = None
    body: list[str] = []
    for line in [*lines, "§end"]:
        if line != "§end" and not _bold_heading(line, bold, title):
            if heading is not None or " ".join(line.split()) != title:
                body.append(line)
            continue
        text = paragraphs(body)
        if text:
            sections.append(Section((title, heading) if heading else (title,), text, heading or title))
        heading, body = " ".join(line.split()), []
    return sections if sum(1 for s in sections if len(s.path) > 1) >= 2 else []
