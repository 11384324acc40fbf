"""PDF: text per page (pypdf); a page is a section, named by its number."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import clean_text, language_of, squeeze

logging.getLogger("pypdf").setLevel(logging.ERROR)


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    if not data.startswith(b"%PDF"):
        raise LoadError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("PDF is encrypted")
        pages = [squeeze(clean_text(page.extract_text() or "")) for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"corrupt PDF ({exc.__class__.__name__})") from exc
    if not any(pages):
        raise LoadError("PDF has no extractable text (scanned image?)")
    title = str(meta_title or path.stem)
    sections = [Section((title, f"Seite {n}"), text, f"Seite {n}") for n, text in enumerate(pages, 1) if text]
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, {}, " ".join(pages)[:3000]),
        kind="document",
        source_path=str(path),
        sections=sections,
    )
