"""Model-mode fixtures: one Lotse without a model per module, and the same Lotse with LOTSE_LLM at the stand-in."""

from __future__ import annotations

import pytest

from tests.support.fake_llm import configured

SHARED = ("embedder", "index", "retriever", "calibration", "company", "contacts", "triage", "guard")


@pytest.fixture(scope="module")
def offline(knowledge_data_dir, tmp_path_factory):
    """One Lotse without a model for the module (its parts are shared by the model-mode assistants)."""
    from bot.app import Lotse
    from bot.settings import Settings
    from tests.conftest import CONTACT_IDS, KNOWLEDGE

    database = tmp_path_factory.mktemp("reader") / "lotse.db"
    settings = Settings(
        data_dir=knowledge_data_dir,
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{database}",
        contact_ids=CONTACT_IDS,
    )
    return Lotse(settings)


@pytest.fixture
def with_model(offline, fake_llm):
    """The same Lotse as `offline` with LOTSE_LLM pointed at the stand-in: a fresh reader (empty cache)."""
    from bot.app import Lotse

    lotse = Lotse(configured(offline.settings, fake_llm))
    for shared in SHARED:
        lotse.__dict__[shared] = getattr(offline, shared)
    return lotse
