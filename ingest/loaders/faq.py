"""FAQ in YAML (`kind: faq`): every entry becomes one section, so one chunk."""

from __future__ import annotations

from pathlib import Path

import yaml

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import decode_text, language_of


def is_faq(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "ignore")
    except OSError:
        return True  # let the loader report the read error
    return any(line.strip().replace('"', "").replace("'", "") == "kind: faq" for line in head.splitlines())


def entry_text(entry: dict, language: str) -> str:
    question = str(entry.get("question", "")).strip()
    alternatives = [str(a).strip() for a in entry.get("alternatives") or [] if str(a).strip()]
    answer = str(entry.get("answer", "")).strip()
    label = "Antwort" if language == "de" else "Answer"
    lines = [question, *alternatives, f"{label}: {answer}"]
    return "\n".join(line for line in lines if line)


def load_faq(path: Path, data: bytes) -> LoadedDocument:
    try:
        content = yaml.safe_load(decode_text(data))
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(content, dict) or not isinstance(content.get("entries"), list):
        raise LoadError("FAQ file needs a list under 'entries'")
    language = language_of(path, content, "")
    title = str(content.get("title") or path.stem)
    sections = []
    for number, entry in enumerate(content["entries"], 1):
        if not isinstance(entry, dict) or not entry.get("question") or not entry.get("answer"):
            raise LoadError(f"FAQ entry {number} needs 'question' and 'answer'")
        anchor = str(entry.get("id") or f"{path.stem}-{number:03d}")
        sections.append(Section((title, str(entry["question"]).strip()), entry_text(entry, language), anchor))
    return LoadedDocument(
        doc_id=str(content.get("id") or path.name.split(".")[0]), title=title, language=language,
        kind="faq", source_path=str(path), sections=sections,
    )
