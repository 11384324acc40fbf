"""Word documents: paragraphs, sections at "Heading 1–3" styles (python-docx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import clean_text, language_of, squeeze


def _heading_level(style_name: str) -> int | None:
    name = style_name.lower()
    if name == "title":
        return 0
    for prefix in ("heading ", "überschrift "):
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


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

    for paragraph in document.paragraphs:
        level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
        text = paragraph.text.strip()
        if level is None:
            buffer.append(text)
            continue
        flush()
        if level == 0:
            title = text or title
            headings = []
        else:
            headings = headings[: level - 1] + [text]
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
