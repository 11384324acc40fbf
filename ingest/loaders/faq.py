"""FAQ in YAML (`kind: faq`): every entry becomes one section, so one chunk."""

from __future__ import annotations

from pathlib import Path

import yaml

from ingest.document import LoadedDocument, LoadError, Section
from ingest.loaders.common import decode_text, language_of


def yaml_kind(path: Path) -> str | None:
    """The `kind:` a knowledge YAML file declares in its first lines (faq, questions), without parsing it all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "ignore")
    except OSError:
        return "unreadable"  # let the loader report the read error
    for line in head.splitlines():
        line = line.strip().replace('"', "").replace("'", "")
        if line.startswith("kind:"):
            return line[5:].strip()
    return None


def is_faq(path: Path) -> bool:
    return yaml_kind(path) in ("faq", "unreadable")


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
        heading = (title, str(entry["question"]).strip())
        sections.append(Section(heading, entry_text(entry, language), anchor))
        phrasings = [entry["question"], *(entry.get("alternatives") or [])]
        sections.extend(Section(heading, str(p).strip(), anchor, view=True) for p in phrasings if str(p).strip())
    return LoadedDocument(
        doc_id=str(content.get("id") or path.name.split(".")[0]),
        title=title,
        language=language,
        kind="faq",
        source_path=str(path),
        sections=sections,
    )
