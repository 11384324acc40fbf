"""Sections to chunks the embedding model sees whole.

A section that fits (heading path + text within the model's word-piece window) is one chunk; a longer one is
cut with langchain's recursive splitter, measured in the model's own word pieces, each piece keeping the
heading path so it stays findable and citable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.document import LoadedDocument, Section
from ingest.generated_views import ViewOverrides, views_for_passage
from ingest.rules import blocks, rule_units, table_rows

SEPARATOR = " › "
_SPECIAL_TOKEN_MARGIN = 4


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    title: str
    section: str  # "Social-Media-Richtlinie › Vertrauliche Informationen"
    anchor: str
    language: str
    kind: str
    source_path: str
    text: str  # the passage as cited
    position: int
    passage: str = ""  # a generated view: the chunk id of the passage it points at
    origin: str = ""  # a generated view: which rule wrote it (heading, question, rule, translated, edited)

    @property
    def embed_text(self) -> str:
        """What the model and the lexical index see: heading path plus passage (a question view: itself)."""
        return self.text if self.kind == "questions" else f"{self.section}\n{self.text}"


def _piece_splitter(count_tokens: Callable[[str], int], budget: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=max(budget, 32),
        chunk_overlap=min(24, budget // 6),
        length_function=count_tokens,
        separators=["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""],
        keep_separator="end",
    )


def chunk_section(section: Section, count_tokens: Callable[[str], int], max_tokens: int, max_chars: int) -> list[str]:
    """The section as passages: whole if it fits, else one passage per rule (lists), per row (tables) or per piece."""
    heading = SEPARATOR.join(section.path)
    budget = max_tokens - count_tokens(heading) - _SPECIAL_TOKEN_MARGIN
    text = section.text.strip()
    if count_tokens(text) <= budget and len(text) <= max_chars:
        return [text]  # a section that fits stays whole: cutting short lists cost answers (docs/retrieval.md)
    units = rule_units(text) or _prose_and_rows(text)
    pieces: list[str] = []
    for unit in units:
        if count_tokens(unit) <= budget and len(unit) <= max_chars * 1.5:
            pieces.append(unit)
        else:
            pieces.extend(_cut(unit, count_tokens, budget, max_chars))
    return [p for p in pieces if p]


def _prose_and_rows(text: str) -> list[str]:
    """A long section without rule lists: tables become rows (with their header), the rest stays as it is."""
    found = blocks(text)
    if not any(b.kind == "table" for b in found):
        return [text]
    units: list[str] = []
    for block in found:
        units.extend(table_rows(block.text) if block.kind == "table" else [block.text])
    return units


def _cut(text: str, count_tokens: Callable[[str], int], budget: int, max_chars: int) -> list[str]:
    by_tokens = _piece_splitter(count_tokens, budget).split_text(text)
    pieces: list[str] = []
    for piece in by_tokens:  # also keep pieces readable in length for citations
        if len(piece) <= max_chars * 1.5:
            pieces.append(piece.strip())
        else:
            pieces.extend(p.strip() for p in _piece_splitter(len, max_chars).split_text(piece))
    return pieces


def chunk_document(
    document: LoadedDocument,
    count_tokens: Callable[[str], int],
    max_tokens: int,
    max_chars: int,
    views: ViewOverrides | None = None,
) -> list[Chunk]:
    """Passages (and the document's own views); with `views`, also the generated question views."""
    chunks: list[Chunk] = []
    for section in document.sections:
        pieces = [section.text.strip()] if section.view else chunk_section(section, count_tokens, max_tokens, max_chars)
        for text in pieces:
            position = len(chunks)
            digest = hashlib.sha1(f"{document.doc_id}|{position}|{text}".encode()).hexdigest()[:16]
            chunks.append(
                Chunk(
                    chunk_id=f"{document.doc_id}:{digest}",
                    doc_id=document.doc_id,
                    title=document.title,
                    section=SEPARATOR.join(section.path),
                    anchor=section.anchor or section.path[-1],
                    language=document.language,
                    kind="questions" if section.view else document.kind,
                    source_path=document.source_path,
                    text=text,
                    position=position,
                )
            )
    if views is not None and document.kind not in ("faq", "questions"):
        chunks.extend(generated_views(chunks, views))
    return chunks


def generated_views(passages: list[Chunk], overrides: ViewOverrides) -> list[Chunk]:
    """Question views written from the passages (ingest/generated_views.py), after the company's overrides."""
    views: list[Chunk] = []
    seen_sections: set[str] = set()
    position = len(passages)
    for chunk in passages:
        if chunk.kind == "questions":
            continue
        first = chunk.section not in seen_sections
        seen_sections.add(chunk.section)
        path = tuple(chunk.section.split(SEPARATOR))
        for view in overrides.apply(chunk.section, views_for_passage(path, chunk.text, chunk.language, first)):
            digest = hashlib.sha1(f"{chunk.chunk_id}|{view.question}".encode()).hexdigest()[:16]
            views.append(
                replace(
                    chunk,
                    chunk_id=f"{chunk.doc_id}:v{digest}",
                    language=view.language,
                    kind="questions",
                    text=view.question,
                    position=position,
                    passage=chunk.chunk_id,
                    origin=view.origin,
                )
            )
            position += 1
    return views
