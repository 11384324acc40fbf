"""Plain text: one section per file; the chunker cuts it at paragraphs."""

from __future__ import annotations

from pathlib import Path

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import decode_text, language_of, squeeze


def load_text(path: Path, data: bytes) -> LoadedDocument:
    text = squeeze(decode_text(data))
    if not text:
        raise LoadError("no readable text in file")
    title = path.stem
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, {}, text[:3000]),
        kind="document",
        source_path=str(path),
        sections=[Section((title,), text, title)],
    )
