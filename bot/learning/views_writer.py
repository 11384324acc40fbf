"""Writes learned question views to knowledge/questions/learned.<document>.<lang>.yaml (the views format ingest reads).

    ViewWriter(knowledge_dir).add("social-media-guideline-en", "Tabuthemen", "de", ["Darf ich …?"])

Each file is an ordinary `kind: questions` file with its own `id` (learned-<lang>), so it sits beside the
hand-written views of the same document; the company may edit or delete it. Written atomically under a lock,
as the learned FAQ is (bot/learning/faq_writer.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import yaml

from bot.file_lock import file_lock
from bot.learning.faq_writer import _lang, _write_atomic

HEADER = {
    "de": "# Von Lotse gelernt: Fragen, die Fragende als passend zu diesem Abschnitt bestätigt haben.\n"
    "# Wird automatisch geschrieben; Fragen dürfen von Hand bearbeitet oder gelöscht werden.\n",
    "en": "# Learned by Lotse: questions askers confirmed as answered by this section.\n"
    "# Written automatically; questions may be edited or removed by hand.\n",
}


class ViewWriter:
    def __init__(self, knowledge_dir: Path | str, lock_dir: Path | str | None = None) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self.lock_dir = Path(lock_dir) if lock_dir else self.knowledge_dir / "questions"

    def path_for(self, document: str, language: str) -> Path:
        safe = re.sub(r"[^\w.-]+", "-", document).strip("-") or "document"
        return self.knowledge_dir / "questions" / f"learned.{safe}.{_lang(language)}.yaml"

    def add(self, document: str, anchor: str, language: str, questions: Iterable[str]) -> int:
        """Append the questions (new ones only) to the section's views; returns how many were added."""
        language = _lang(language)
        wanted = [" ".join(q.split()) for q in questions if q and q.strip()]
        if not wanted:
            return 0
        path = self.path_for(document, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            content = self._read(path, document, language)
            views: list[str] = content["sections"].setdefault(anchor, [])
            known = {v.casefold() for v in views}
            added = [q for q in dict.fromkeys(wanted) if q.casefold() not in known]
            if added:
                views.extend(added)
                text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=110)
                _write_atomic(path, HEADER[language] + text)
        return len(added)

    def _read(self, path: Path, document: str, language: str) -> dict[str, Any]:
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(loaded, dict) or not isinstance(loaded.get("sections") or {}, dict):
                raise ValueError(f"{path}: not a views file (needs 'sections: {{...}}'); refusing to overwrite")
            loaded["sections"] = {str(k): list(v or []) for k, v in (loaded.get("sections") or {}).items()}
            return loaded
        return {
            "kind": "questions",
            "id": f"learned-{language}",
            "document": document,
            "language": language,
            "sections": {},
        }

    def _locked(self) -> AbstractContextManager[None]:
        return file_lock(self.lock_dir / ".learned-views.lock")
