"""The company's everyday-word lexicon (`knowledge/synonyms.yaml`): expands questions for the lexical search.

Employees write "Insta", "Reporter" or "Umsätze"; the guideline says "Instagram", "Presse", "Umsatzzahlen".
The lexicon is plain YAML the communications team edits; the dense search sees the question unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.retrieval.analysis import words
from bot.yaml_file import read_mapping


@dataclass
class Synonyms:
    table: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, knowledge_dir: Path) -> Synonyms:
        data = read_mapping(Path(knowledge_dir) / "synonyms.yaml")
        if data is None:
            return cls()
        table = {
            str(lang): {str(k).lower(): [str(v) for v in (vals or [])] for k, vals in (entries or {}).items()}
            for lang, entries in data.items()
        }
        return cls(table)

    def expand(self, text: str, language: str) -> str:
        entries = self.table.get(language, {})
        extra = [term for word in words(text) for term in entries.get(word, [])]
        return f"{text} {' '.join(extra)}" if extra else text
