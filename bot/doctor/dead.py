"""Dead knowledge: sections of the guideline that none of their question views (generated at ingest or written by
hand in knowledge/questions) finds among the first three passages. Nobody asking in those words gets them.

Cheap: the views are already in the index (no new text is generated), each is asked once through the real
retrieval with its own vector left out (a view always finds itself), at most `MAX_VIEWS` per section and
`SAMPLE` sections (spread evenly over the folder when there are more). A section without any view is asked for
by its title.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.doctor.findings import Finding, warning
from bot.settings import Settings
from ingest.index_store import StoredChunk

RANK = 3
SAMPLE = 80
MAX_VIEWS = 3
SKIPPED_KINDS = ("faq",)  # an FAQ entry is a question itself; its duplicates are the FAQ checks' business


def check_dead_sections(settings: Settings, model: Any) -> list[Finding]:
    from bot.app import Lotse

    lotse = Lotse(settings)
    lotse.__dict__["embedder"] = model
    try:
        chunks = lotse.index.chunks()
    except Exception:  # no usable index: check_index has said so
        return []
    sections = _sections(chunks)
    findings = []
    for key in _sample(sorted(sections)):
        document, path, views = sections[key]
        heading = path.split(" › ")[-1]
        asked = [(v.text, v.language, v.chunk_id) for v in views[:MAX_VIEWS]] or [
            (heading, "", "")
        ]  # no view: its title
        if not any(_finds(lotse, question, language, own, document, path) for question, language, own in asked):
            findings.append(warning("dead_section", section=heading, document=document, views=len(views)))
    return findings


def _sections(chunks: list[StoredChunk]) -> dict[tuple[str, str], tuple[str, str, list[StoredChunk]]]:
    """(document, anchor) → (document, section path, its views, hand-written first)."""
    views: dict[tuple[str, str], list[StoredChunk]] = defaultdict(list)
    for view in (c for c in chunks if c.is_view):
        views[(str(view.metadata.get("target", "")), str(view.metadata.get("anchor", "")))].append(view)
    sections: dict[tuple[str, str], tuple[str, str, list[StoredChunk]]] = {}
    for chunk in chunks:
        if chunk.is_view or str(chunk.metadata.get("kind", "")) in SKIPPED_KINDS:
            continue
        key = (chunk.document, str(chunk.metadata.get("anchor", "")))
        found = sorted(views.get(key, []), key=lambda v: bool(v.metadata.get("origin")))  # hand-written first
        sections.setdefault(key, (chunk.document, chunk.section, found))
    return sections


def _sample(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if len(keys) <= SAMPLE:
        return keys
    step = len(keys) / SAMPLE
    return [keys[int(i * step)] for i in range(SAMPLE)]


def _finds(lotse: Any, question: str, language: str, own: str, document: str, path: str) -> bool:
    """Does `question` (a view, its own vector left out) bring the section among the first RANK passages?"""
    result = lotse.retriever.search(question, language or "de", k=RANK, exclude=frozenset({own}))
    return any(hit.chunk.document == document and hit.chunk.section == path for hit in result.hits)
