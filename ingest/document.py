"""What a loader produces: a document with its sections, before chunking."""

from __future__ import annotations

from dataclasses import dataclass, field

LOADER_VERSION = "6"  # bump when loaders or chunking change, so every document is re-indexed


class LoadError(Exception):
    """A file that cannot be read; the message says why, in plain words."""


@dataclass(frozen=True)
class Section:
    path: tuple[str, ...]  # heading titles from the document title down, e.g. ("Richtlinie", "Tabuthemen")
    text: str
    anchor: str = ""  # stable id: the last heading, or an FAQ entry id
    view: bool = False  # a typical question pointing at the section `anchor`, not a citable passage


@dataclass
class LoadedDocument:
    doc_id: str
    title: str
    language: str
    kind: str
    source_path: str
    sections: list[Section] = field(default_factory=list)
    content_hash: str = ""
