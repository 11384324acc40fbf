"""Fixtures for the post check: the shipped rules with the real embedding model (loaded once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[3]
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def embedder():
    from bot.embeddings import Embedder

    return Embedder.load()


@pytest.fixture(scope="session")
def checker(embedder):
    from bot.postcheck.checker import PostChecker

    return PostChecker.load(KNOWLEDGE, embedder=embedder, index=None)


@pytest.fixture(scope="session")
def plain_checker():
    """Shipped rules without an embedder (semantic rules find nothing): fast, for the explicit kinds."""
    from bot.postcheck.checker import PostChecker

    return PostChecker.load(KNOWLEDGE, embedder=None, index=None)


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


@pytest.fixture
def make_knowledge(tmp_path):
    """A knowledge folder with the real company file and documents and an empty rule folder."""
    def make() -> Path:
        knowledge = tmp_path / "knowledge"
        (knowledge / "postcheck").mkdir(parents=True)
        (knowledge / "company.yaml").write_text((KNOWLEDGE / "company.yaml").read_text(encoding="utf-8"),
                                                encoding="utf-8")
        (knowledge / "documents").symlink_to(KNOWLEDGE / "documents")
        return knowledge
    return make
