"""Writes learned FAQ entries to knowledge/faq/learned.<lang>.yaml (the FAQ format ingest reads).

The file is rewritten atomically (temp file + os.replace in the same folder) under an exclusive lock, so two
contact people adding entries at the same moment both end up in the file and ingest never reads half a file.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

TITLES = {"de": "Von Ansprechpersonen beantwortete Fragen", "en": "Questions answered by contact people"}
HEADER = {
    "de": "# Von Lotse gelernt: Antworten, die Ansprechpersonen zur FAQ hinzugefügt haben.\n"
    "# Wird automatisch geschrieben; Einträge dürfen von Hand bearbeitet oder gelöscht werden.\n",
    "en": "# Learned by Lotse: answers contact people added to the FAQ.\n"
    "# Written automatically; entries may be edited or removed by hand.\n",
}


@dataclass(frozen=True)
class LearnedEntry:
    id: str
    path: Path
    created: bool  # False: an existing entry for the same handoff was updated


class FaqWriter:
    def __init__(self, knowledge_dir: Path | str, lock_dir: Path | str | None = None) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self.lock_dir = Path(lock_dir) if lock_dir else self.knowledge_dir / "faq"

    def path_for(self, language: str) -> Path:
        return self.knowledge_dir / "faq" / f"learned.{_lang(language)}.yaml"

    def add(
        self, *, language: str, question: str, answer: str, editor: str, day: date, source_handoff: int | None
    ) -> LearnedEntry:
        language = _lang(language)
        question, answer = _clean(question), answer.strip()
        if not question or not answer:
            raise ValueError("an FAQ entry needs a question and an answer")
        path = self.path_for(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked(language):
            content = self._read(path, language)
            entries: list[dict[str, Any]] = content["entries"]
            existing = next(
                (e for e in entries if source_handoff is not None and e.get("source_handoff") == source_handoff), None
            )
            entry: dict[str, Any] = {
                "question": question,
                "alternatives": [],
                "answer": answer,
                "editor": editor,
                "date": day.isoformat(),
                "source_handoff": source_handoff,
            }
            if existing is not None:
                existing.update(entry)
                entry_id, created = str(existing["id"]), False
            else:
                entry_id, created = self._next_id(entries, language), True
                entries.append({"id": entry_id, **entry})
            _write_atomic(
                path, HEADER[language] + yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=110)
            )
        return LearnedEntry(entry_id, path, created)

    def _read(self, path: Path, language: str) -> dict[str, Any]:
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(loaded, dict) or not isinstance(loaded.get("entries", []), list):
                raise ValueError(f"{path}: not an FAQ file (needs 'entries: [...]'); refusing to overwrite")
            loaded.setdefault("entries", [])
            if loaded["entries"] is None:
                loaded["entries"] = []
            return {"kind": "faq", **{k: v for k, v in loaded.items() if k != "kind"}}
        return {
            "kind": "faq",
            "id": f"faq-learned-{language}",
            "title": TITLES[language],
            "language": language,
            "entries": [],
        }

    @staticmethod
    def _next_id(entries: list[dict[str, Any]], language: str) -> str:
        prefix = f"faq-learned-{language}-"
        numbers = [
            int(m.group(1)) for e in entries if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", str(e.get("id"))))
        ]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    @contextmanager
    def _locked(self, language: str) -> Iterator[None]:
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock_dir / f".learned.{language}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomic(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _lang(language: str | None) -> str:
    return "en" if (language or "").lower().startswith("en") else "de"


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
