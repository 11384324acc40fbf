"""What an ingest changed, in words: sections added, changed and removed (by title), and pointers left dangling.

A section is identified by its document and heading path; its content is the hashes of its chunks. Question
views (knowledge/questions) are not sections: they point at one (`target` + `anchor`), as an FAQ entry's `see:`
("Social-Media-Richtlinie › Kundenprojekte") does. After an ingest, pointers whose section is gone are named
so that whoever edited the guideline can fix the FAQ or the question file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.index_store import IndexStore, StoredChunk

SEP = " › "


@dataclass(frozen=True)
class Section:
    document: str
    title: str
    path: str  # "Title › Heading › Subheading"

    @property
    def heading(self) -> str:
        return self.path.split(SEP)[-1]


@dataclass(frozen=True)
class Pointer:
    """An FAQ entry's `see:` or a question view that points at a section that is gone."""

    file: str  # "faq.de.yaml"
    kind: str  # "faq" | "views"
    ref: str  # the FAQ entry's id (or question), or the heading the views were written for
    target: str  # the `see:` text, or the document the views belong to

    def __str__(self) -> str:
        if self.kind == "faq":
            return f"{self.file}: FAQ {self.ref} → „{self.target}“"
        return f"{self.file}: Fragen zu / questions for „{self.ref}“ ({self.target})"


@dataclass
class SectionChanges:
    added: list[Section] = field(default_factory=list)
    changed: list[Section] = field(default_factory=list)
    removed: list[Section] = field(default_factory=list)
    dangling: list[Pointer] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.dangling)

    def to_json(self) -> dict[str, Any]:
        def names(sections: list[Section]) -> list[str]:
            return [s.path for s in sections]

        return {
            "added": names(self.added),
            "changed": names(self.changed),
            "removed": names(self.removed),
            "dangling": [str(p) for p in self.dangling],
        }


Snapshot = dict[tuple[str, str], tuple[str, tuple[str, ...]]]  # (document, section path) → (title, chunk hashes)


def snapshot(index: IndexStore) -> Snapshot:
    """The index's sections and their content; empty when there is no usable index yet."""
    try:
        chunks = index.chunks() if index.manifest().get("collection") else []
    except Exception:  # an index of another model or a broken one: everything counts as new
        return {}
    return _sections(chunks)


def _sections(chunks: list[StoredChunk]) -> Snapshot:
    grouped: dict[tuple[str, str], tuple[str, list[tuple[int, str]]]] = {}
    for chunk in chunks:
        if chunk.is_view:
            continue
        key = (chunk.document, chunk.section)
        title = str(chunk.metadata.get("title", chunk.document))
        position = int(chunk.metadata.get("position", 0) or 0)
        grouped.setdefault(key, (title, []))[1].append((position, str(chunk.metadata.get("content_hash", ""))))
    return {key: (title, tuple(h for _, h in sorted(parts))) for key, (title, parts) in grouped.items()}


def stale_files(index: IndexStore, knowledge_dir: Path) -> list[str]:
    """Files of the folder that are new, changed or gone since the index was built (by content hash)."""
    from ingest.generated_views import ViewOverrides
    from ingest.loaders import file_hash, read_bytes
    from ingest.scan import scan

    indexed: dict[str, Any] = index.manifest().get("files", {})
    salt = ViewOverrides.load(knowledge_dir).digest  # the same identity the indexer stores (view settings included)
    files, _ = scan([knowledge_dir])
    stale = [str(p) for p in files if str(p) not in indexed]
    stale += [p for p in indexed if not Path(p).exists()]
    for path in files:
        entry = indexed.get(str(path))
        if entry is None:
            continue
        try:
            if entry.get("hash") != file_hash(read_bytes(path), salt):
                stale.append(str(path))
        except Exception:  # unreadable now: ingest reports it and keeps the last good version
            continue
    return stale


def compare(before: Snapshot, after: Snapshot) -> SectionChanges:
    changes = SectionChanges()
    for key in after.keys() - before.keys():
        changes.added.append(Section(key[0], after[key][0], key[1]))
    for key in before.keys() - after.keys():
        changes.removed.append(Section(key[0], before[key][0], key[1]))
    for key in after.keys() & before.keys():
        if after[key][1] != before[key][1]:
            changes.changed.append(Section(key[0], after[key][0], key[1]))
    for group in (changes.added, changes.changed, changes.removed):
        group.sort(key=lambda s: (s.document, s.path))
    return changes


def dangling_pointers(index: IndexStore, knowledge_dir: Path | None, before: Snapshot | None = None) -> list[Pointer]:
    """Question views whose section does not exist, and FAQ `see:` references whose section this ingest removed.

    A `see:` is a reader's pointer ("Social-Media-Richtlinie › Kundenprojekte"), often a shortened heading: it
    counts as pointing at every section of that document whose heading contains its last part, and is named only
    when it found one before the ingest and finds none now.
    """
    chunks = index.chunks()
    sections = [c for c in chunks if not c.is_view]
    anchors = {(c.document, str(c.metadata.get("anchor", ""))) for c in sections}
    views: set[tuple[str, str, str]] = set()
    for view in (c for c in chunks if c.is_view):
        target, anchor = str(view.metadata.get("target", "")), str(view.metadata.get("anchor", ""))
        if (target, anchor) not in anchors:
            views.add((Path(str(view.metadata.get("source_path", ""))).name, target, anchor))
    found = [Pointer(name, "views", anchor, target) for name, target, anchor in sorted(views)]
    if knowledge_dir is not None and before:
        now = {(str(c.metadata.get("title", "")), c.section) for c in sections}
        then = {(title, path) for (_, path), (title, _) in before.items()}
        found += _dangling_see(Path(knowledge_dir), then, now)
    return found


def _points_at(see: str, sections: set[tuple[str, str]]) -> bool:
    parts = [part.strip().casefold() for part in see.split(SEP)]
    title, leaf = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
    return any((not title or t.casefold() == title) and leaf in path.split(SEP)[-1].casefold() for t, path in sections)


def _dangling_see(knowledge_dir: Path, then: set[tuple[str, str]], now: set[tuple[str, str]]) -> list[Pointer]:
    found = []
    for path in sorted(knowledge_dir.rglob("*.yaml")):
        for entry in _faq_entries(path):
            see = str(entry.get("see") or "").strip()
            if see and _points_at(see, then) and not _points_at(see, now):
                found.append(Pointer(path.name, "faq", str(entry.get("id") or entry.get("question")), see))
    return found


def _faq_entries(path: Path) -> list[dict[str, Any]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    if not isinstance(raw, dict) or raw.get("kind") != "faq" or not isinstance(raw.get("entries"), list):
        return []
    return [entry for entry in raw["entries"] if isinstance(entry, dict)]
