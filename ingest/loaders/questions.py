"""Typical questions per guideline section (`kind: questions`): extra ways into a section.

Each question is indexed as its own small "view" that points at the section it belongs to, so an employee's
colloquial question meets a similar question, not only the guideline's formal wording.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import decode_text, language_of

PREFIX = "questions:"
SET_MARK = "#"  # `id: learned-de` → doc id "questions:<document>#learned-de": a second set of views for a document


def target_of(doc_id: str) -> str:
    return doc_id[len(PREFIX) :].split(SET_MARK, 1)[0] if doc_id.startswith(PREFIX) else doc_id


def load_questions(path: Path, data: bytes) -> LoadedDocument:
    try:
        content = yaml.safe_load(decode_text(data))
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(content, dict) or not content.get("document") or not isinstance(content.get("sections"), dict):
        raise LoadError("questions file needs 'document' and a mapping under 'sections'")
    target = str(content["document"])
    sections: list[Section] = []
    for heading, questions in content["sections"].items():
        if not isinstance(questions, list):
            raise LoadError(f"section {heading!r}: expected a list of questions")
        sections.extend(
            Section((target, str(heading)), str(q).strip(), str(heading), view=True)
            for q in questions
            if str(q).strip()
        )
    view_set = str(content.get("id") or "").strip()
    return LoadedDocument(
        doc_id=PREFIX + target + (SET_MARK + view_set if view_set else ""),
        title=target,
        language=language_of(path, content, ""),
        kind="questions",
        source_path=str(path),
        sections=sections,
    )
