"""One real index over knowledge/ (real model, real Chroma) shared by the triage tests of a module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


@pytest.fixture(scope="module")
def lotse(tmp_path_factory):
    from bot.app import Lotse
    from bot.settings import Settings
    from ingest.indexer import ingest

    data = tmp_path_factory.mktemp("triage-data")
    instance = Lotse(Settings(data_dir=data, knowledge_dir=KNOWLEDGE))
    ingest([KNOWLEDGE], instance.index)
    return instance


@pytest.fixture(scope="module")
def ask(lotse):
    def _ask(text: str):
        return lotse.assistant.ask(text, record=False)
    return _ask
