"""One loader per file format; `load_file` picks by extension."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ingest.document import LOADER_VERSION, LoadedDocument, LoadError
from ingest.loaders.docx import load_docx
from ingest.loaders.faq import load_faq, yaml_kind
from ingest.loaders.html import load_html
from ingest.loaders.markdown import load_markdown
from ingest.loaders.pdf import load_pdf
from ingest.loaders.questions import load_questions
from ingest.loaders.text import load_text

Loader = Callable[[Path, bytes], LoadedDocument]

LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".yaml": lambda path, data: _load_yaml(path, data),
    ".yml": lambda path, data: _load_yaml(path, data),
}
YAML_KINDS = ("faq", "questions", "unreadable")


def _load_yaml(path: Path, data: bytes) -> LoadedDocument:
    return load_questions(path, data) if yaml_kind(path) == "questions" else load_faq(path, data)


MAX_FILE_BYTES = 50 * 1024 * 1024


def supported(path: Path) -> bool:
    """Whether ingest should try this file (YAML only when it declares `kind: faq`)."""
    suffix = path.suffix.lower()
    if suffix not in LOADERS:
        return False
    if suffix in (".yaml", ".yml"):
        return yaml_kind(path) in YAML_KINDS
    return True


def file_hash(data: bytes, salt: str = "") -> str:
    """The file's identity for incremental ingest: its bytes, the loader version and `salt` (the view settings)."""
    return hashlib.sha256(f"{LOADER_VERSION}{salt}".encode() + b"\0" + data).hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise LoadError("file is empty")
    if size > MAX_FILE_BYTES:
        raise LoadError(f"file is too large ({size // (1024 * 1024)} MiB, limit {MAX_FILE_BYTES // (1024 * 1024)} MiB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc


def load_file(path: Path, data: bytes | None = None) -> LoadedDocument:
    """Load one file; raises LoadError with a reason a person understands."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(f"unsupported file type {path.suffix or '(none)'}")
    data = read_bytes(path) if data is None else data
    document = loader(path, data)
    document.sections = [s for s in document.sections if s.text.strip()]
    if not document.sections:
        raise LoadError("no readable text in file")
    document.content_hash = file_hash(data)
    return document
