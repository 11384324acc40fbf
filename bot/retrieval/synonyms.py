"""The company's everyday-word lexicon (`knowledge/synonyms.yaml`): expands questions for the lexical search.

Employees write "Insta", "Reporter" or "Umsätze"; the guideline says "Instagram", "Presse", "Umsatzzahlen".
The lexicon is plain YAML the communications team edits; the dense search sees the question unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.retrieval.analysis import words


@dataclass
class Synonyms:
    table: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, knowledge_dir: Path) -> "Synonyms":
        path = Path(knowledge_dir) / "synonyms.yaml"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            return cls()
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: invalid YAML ({str(exc).splitlines()[0]})") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of languages")
        table = {str(lang): {str(k).lower(): [str(v) for v in (vals or [])] for k, vals in (entries or {}).items()}
                 for lang, entries in data.items()}
        return cls(table)

    def expand(self, text: str, language: str) -> str:
        entries = self.table.get(language, {})
        extra = [term for word in words(text) for term in entries.get(word, [])]
        return f"{text} {' '.join(extra)}" if extra else text
