"""Word documents: paragraphs and tables in document order, sections at "Heading 1–3" styles and at numbered
headings set by hand (a bold paragraph "2.1 Fotos vom Arbeitsplatz"); typed numbers are taken off the heading
("1.2 Vertrauliche Informationen" → "Vertrauliche Informationen"), the number gives the depth where no style does.
Running headers and footers are separate parts of the file and never read; tables become Markdown rows."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import clean_text, language_of, squeeze
from ingest.loaders.layout import MAX_HEADING_WORDS, NUMBERED


def _heading_level(style_name: str) -> int | None:
    name = style_name.lower()
    if name == "title":
        return 0
    for prefix in ("heading ", "überschrift "):
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


def _blocks(document: Document) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in the order they stand in the body."""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(cell.text.split()) for cell in row.cells))  # merged cells repeat
        rows.append("| " + " | ".join(cells) + " |")
    if len(rows) > 1:
        rows.insert(1, "|" + "---|" * (rows[0].count(" | ") + 1))
    return "\n".join(rows)


def _split_number(text: str) -> tuple[tuple[int, ...] | None, str]:
    """ "1.2 Vertrauliche Informationen" → ((1, 2), "Vertrauliche Informationen"); other text unchanged."""
    match = NUMBERED.match(text)
    if match is None or len(match["title"].split()) > MAX_HEADING_WORDS or match["title"].rstrip()[-1] in ".,;:":
        return None, text
    return tuple(int(part) for part in match["num"].split(".")), match["title"].strip()


def _hand_numbered(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def load_docx(path: Path, data: bytes) -> LoadedDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"corrupt or not a Word document ({exc.__class__.__name__})") from exc
    title = (document.core_properties.title or "").strip() or path.stem
    headings: list[str] = []
    sections: list[Section] = []
    buffer: list[str] = []

    def flush() -> None:
        text = squeeze(clean_text("\n".join(buffer)))
        if text:
            sections.append(Section((title, *headings), text, headings[-1] if headings else title))
        buffer.clear()

    for block in _blocks(document):
        if isinstance(block, Table):
            buffer += ["", _table_text(block), ""]
            continue
        text = block.text.strip()
        level = _heading_level(block.style.name if block.style is not None else "")
        number, name = _split_number(text)
        if level is None and (number is None or not _hand_numbered(block)):
            buffer.append(text)
            continue
        flush()
        if level == 0:
            title, headings = text or title, []
            continue
        depth = level if level is not None else len(number or (1,))
        headings = headings[: depth - 1] + [name]
    flush()
    sample = " ".join(s.text for s in sections)[:3000]
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, {}, sample),
        kind="document",
        source_path=str(path),
        sections=sections,
    )
