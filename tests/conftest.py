"""Shared fixtures: a ready Lotse over the sample company's knowledge, real model, real Chroma, real SQLite.

The index is built once per test session (the real embedding model, ~20 s); every test gets its own
database so handoffs and exchanges never leak between tests.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
CONTACT_IDS = {
    "communications": ["UCOMMS1"],
    "legal": ["ULEGAL1"],
    "data_protection": ["UDPO1"],
    "hr": ["UHR1"],
    "security": ["USEC1"],
}


@pytest.fixture(scope="session")
def embedder():
    from bot.embeddings import Embedder

    return Embedder.load()


@pytest.fixture(scope="session")
def knowledge_data_dir(tmp_path_factory, embedder) -> Path:
    """A data dir whose index holds the repo's knowledge/ (built once per session)."""
    from bot.app import Lotse
    from bot.settings import Settings
    from ingest.indexer import ingest

    data_dir = tmp_path_factory.mktemp("knowledge-index")
    lotse = Lotse(Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE))
    report = ingest([KNOWLEDGE], lotse.index)
    assert not report.errors, report.errors
    return data_dir


@pytest.fixture
def settings(knowledge_data_dir, tmp_path):
    from bot.settings import Settings

    return Settings(
        data_dir=knowledge_data_dir,
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        contact_ids=CONTACT_IDS,
    )


@pytest.fixture
def clock():
    from bot.clock import FixedClock

    return FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC))  # a Wednesday morning


@pytest.fixture
def lotse(settings, clock):
    """A ready Lotse: sample company index, fresh SQLite database, controlled clock."""
    from bot.app import Lotse

    return Lotse(settings, clock=clock)


@pytest.fixture(scope="session")
def fake_llm():
    """The local OpenAI-compatible stand-in for a model provider (tests/support/fake_llm.py); script it per test."""
    from tests.support.fake_llm import FakeLlm

    fake = FakeLlm.start()
    yield fake
    fake.stop()
