"""PDF: the text of each page in reading order (pypdf's layout mode), cut into sections at numbered headings
("1.2 Vertrauliche Informationen"); without numbered headings, a page is a section, named by its number.

Running headers and footers, page numbers, hyphenation at line ends, tables and footnotes are handled in
ingest/loaders/layout.py. A PDF whose pages carry no text at all is a scan: `ScannedPdf` names it as such.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import clean_text, language_of
from ingest.loaders.layout import (
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
    pages, meta_title = _read(data)
    if not any(line.strip() for page in pages for line in page):
        raise ScannedPdf(len(pages))
    empty = [n for n, page in enumerate(pages, 1) if not any(line.strip() for line in page)]
    if empty:
        log.warning("%s: page(s) %s have no text (scanned?)", path.name, ", ".join(map(str, empty)))
    pages = [place_footnotes(page) for page in drop_running_lines(pages)]
    lines = join_hyphenated([line for page in pages for line in [*page, ""]])
    title = str(meta_title or _first_line(lines) or path.stem)
    sections = _by_headings(title, lines) or _by_pages(title, pages)
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, {}, " ".join(s.text for s in sections)[:3000]),
        kind="document",
        source_path=str(path),
        sections=sections,
    )


def _read(data: bytes) -> tuple[list[list[str]], str | None]:
    if not data.startswith(b"%PDF"):
        raise LoadError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("PDF is encrypted")
        pages = [clean_text(_page_text(page)).split("\n") for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"corrupt PDF ({exc.__class__.__name__})") from exc
    return [[line.rstrip() for line in page] for page in pages], meta_title


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
