"""Resolving a rule's guideline reference to the passage a finding quotes.

First the search index (`IndexStore.find_section`, after `lotse ingest`); if the index is missing or does
not know the section, the Markdown heading is read straight from knowledge/documents, so a finding always
quotes the guideline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.postcheck.verdict import GuidelineQuote

log = logging.getLogger(__name__)
MAX_QUOTE = 700


def _shorten(text: str, limit: int = MAX_QUOTE) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return (cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + " …").strip()


class GuidelineResolver:
    def __init__(self, knowledge_dir: Path, index: Any = None) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self._index = index
        self._cache: dict[tuple[str, str], GuidelineQuote | None] = {}
        self._documents: dict[str, Any] | None = None

    def _index_store(self) -> Any:
        index = self._index
        if index is not None and callable(index) and not hasattr(index, "find_section"):
            try:
                index = self._index = index()
            except Exception as exc:  # noqa: BLE001 - an index that cannot open is a fallback case
                log.info("post check: index unavailable (%s); quoting from the documents", exc)
                index = self._index = None
        return index

    def _from_index(self, document: str, section: str) -> GuidelineQuote | None:
        index = self._index_store()
        if index is None:
            return None
        try:
            chunk = index.find_section(document, section)
        except Exception as exc:  # noqa: BLE001 - missing or broken index: fall back to the files
            log.info("post check: index lookup failed (%s); quoting from the documents", exc)
            self._index = None
            return None
        if chunk is None or not getattr(chunk, "text", "").strip():
            return None
        title = str(getattr(chunk, "metadata", {}).get("title", "")) if hasattr(chunk, "metadata") else ""
        return GuidelineQuote(document, section, _shorten(chunk.text), title)

    def _load_documents(self) -> dict[str, Any]:
        if self._documents is None:
            self._documents = {}
            try:
                from ingest.loaders import load_file
            except ImportError:  # pragma: no cover
                return self._documents
            folder = self.knowledge_dir / "documents"
            for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
                try:
                    doc = load_file(path)
                except Exception as exc:  # noqa: BLE001
                    log.warning("post check: cannot read %s: %s", path, exc)
                    continue
                self._documents[doc.doc_id] = doc
        return self._documents

    def _from_files(self, document: str, section: str) -> GuidelineQuote | None:
        doc = self._load_documents().get(document)
        if doc is None:
            return None
        wanted = section.strip().lower()
        for sec in doc.sections:
            if sec.path and (sec.path[-1].strip().lower() == wanted or " › ".join(sec.path).lower() == wanted):
                return GuidelineQuote(document, section, _shorten(sec.text), doc.title)
        return None

    def resolve(self, document: str, section: str, use_index: bool = True) -> GuidelineQuote | None:
        key = (document, section)
        if key not in self._cache:
            quote = self._from_index(document, section) if use_index else None
            self._cache[key] = quote or self._from_files(document, section)
        return self._cache[key]

    def exists(self, document: str, section: str) -> bool:
        return self._from_files(document, section) is not None or self.resolve(document, section) is not None


def as_callable(value: Any, attribute: str) -> Callable[[], Any] | None:
    """Accept an object, a zero-argument factory returning it, or None."""
    if value is None:
        return None
    if hasattr(value, attribute):
        return lambda: value
    if callable(value):
        cache: dict[str, Any] = {}

        def get() -> Any:
            if "v" not in cache:
                cache["v"] = value()
            return cache["v"]

        return get
    raise TypeError(f"expected an object with .{attribute} or a factory, got {type(value).__name__}")
