"""Fixtures for the post check: the shipped rules with the real embedding model (loaded once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from postcheck_helpers import KNOWLEDGE  # noqa: E402


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


@pytest.fixture
def make_knowledge(tmp_path):
    """A knowledge folder with the real company file and documents and an empty rule folder."""

    def make() -> Path:
        knowledge = tmp_path / "knowledge"
        (knowledge / "postcheck").mkdir(parents=True)
        (knowledge / "company.yaml").write_text(
            (KNOWLEDGE / "company.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        (knowledge / "documents").symlink_to(KNOWLEDGE / "documents")
        return knowledge

    return make
