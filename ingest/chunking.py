"""Sections to chunks the embedding model sees whole.

A section that fits (heading path + text within the model's word-piece window) is one chunk; a longer one is
cut with langchain's recursive splitter, measured in the model's own word pieces, each piece keeping the
heading path so it stays findable and citable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.document import LoadedDocument, Section

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
    heading = SEPARATOR.join(section.path)
    budget = max_tokens - count_tokens(heading) - _SPECIAL_TOKEN_MARGIN
    text = section.text.strip()
    if count_tokens(text) <= budget and len(text) <= max_chars:
        return [text]
    by_tokens = _piece_splitter(count_tokens, budget).split_text(text)
    pieces: list[str] = []
    for piece in by_tokens:  # also keep pieces readable in length for citations
        if len(piece) <= max_chars * 1.5:
            pieces.append(piece.strip())
        else:
            pieces.extend(p.strip() for p in _piece_splitter(len, max_chars).split_text(piece))
    return [p for p in pieces if p]


def chunk_document(
    document: LoadedDocument, count_tokens: Callable[[str], int], max_tokens: int, max_chars: int
) -> list[Chunk]:
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
    return chunks
