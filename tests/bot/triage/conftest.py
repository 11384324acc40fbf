"""A Lotse over the session's real index of knowledge/ (tests/conftest.py), with its own database per module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


@pytest.fixture(scope="module")
def lotse(tmp_path_factory, knowledge_data_dir):
    from bot.app import Lotse
    from bot.settings import Settings

    database = tmp_path_factory.mktemp("triage-db") / "lotse.db"
    return Lotse(Settings(data_dir=knowledge_data_dir, knowledge_dir=KNOWLEDGE, database_url=f"sqlite:///{database}"))


@pytest.fixture(scope="module")
def ask(lotse):
    def _ask(text: str):
        return lotse.assistant.ask(text, record=False)

    return _ask
