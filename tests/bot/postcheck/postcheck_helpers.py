"""Helpers shared by the post-check tests (a uniquely named module: conftest.py names clash across folders)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
KNOWLEDGE = ROOT / "knowledge"


RULE_BASE = """
category: {category}
severity: {severity}
message: {{de: "Fund: {{excerpt}}", en: "Found: {{excerpt}}"}}
fix: {{de: "Ändern", en: "Change it"}}
guideline:
  de: {{document: social-media-richtlinie-de, section: "Tabuthemen"}}
  en: {{document: social-media-guideline-en, section: "Taboo topics"}}
"""


def write_rule(folder: Path, name: str, body: str, category: str = "test", severity: str = "revise") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body + RULE_BASE.format(category=category, severity=severity), encoding="utf-8")
    return path
