"""With a model configured, ingest keeps the verifier's passage vectors on disk: a first question about a passage
embeds only the answer's own sentences, in one call, and gets the verdict it got before (real model, real Chroma)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot import vector_cache
from bot.reading.similarity import EmbeddingSimilarity
from bot.reading.verifier import Verdict, answer_units, passage_units, split_sentences, verify
from ingest import verifier_vectors
from ingest.indexer import ingest
from tests.ingest.conftest import GUIDE_DE, GUIDE_EN

MODEL = {"llm": "openai:gpt-4o-mini", "llm_base_url": "http://127.0.0.1:9/v1"}  # configured, never called
QUESTION = "Darf ich Fotos von Kollegen posten?"
ANSWERS = [
    "Fotos von Kolleginnen und Kollegen darfst du nur mit deren Einwilligung posten. [1]",  # faithful
    "Fotos von Kolleginnen und Kollegen darfst du posten, Bilder von Bildschirmen auch. [1]",  # drops and flips
]


class CountingEmbedder:
    """The real embedding model, recording every embed_passages call."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.calls = inner, inner.name, []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed_passages(texts)


@pytest.fixture
def guides(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "mini.de.md").write_text(GUIDE_DE, encoding="utf-8")
    (folder / "mini.en.md").write_text(GUIDE_EN, encoding="utf-8")
    return folder


def lotse_for(tmp_path: Path, knowledge: Path, **model: str):
    from bot.app import Lotse
    from bot.settings import Settings

    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    return Lotse(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge, database_url=db, **model))


def photos_passage(lotse) -> str:
    return next(c.text for c in lotse.index.chunks() if "Einwilligung" in c.text and not c.is_view)


def stored(lotse, passage: str) -> dict:
    units = passage_units(passage)
    return vector_cache.stored_vectors(lotse.settings.index_dir, lotse.index.model_name, units, kind="passage")


def check(answer: str, passage: str, embedder) -> tuple[Verdict, list[list[str]]]:
    """The verdict a first question gets (fresh memory, the vector file of the composition root) and the texts
    the embedding model was asked for."""
    counting = CountingEmbedder(embedder)
    verdict = verify(answer, {1: passage}, QUESTION, "de", EmbeddingSimilarity(lambda: counting))
    return verdict, counting.calls


def test_after_ingest_with_a_model_a_check_embeds_only_the_answer(tmp_path: Path, guides: Path, embedder) -> None:
    lotse = lotse_for(tmp_path, guides, **MODEL)
    report = ingest([guides], lotse.index)
    passage = photos_passage(lotse)
    assert len(stored(lotse, passage)) == len(passage_units(passage)) <= report.verifier_texts
    previous = vector_cache.current_directory()
    try:
        lotse.embedder  # noqa: B018 – as at a question: the composition root names the vector file's directory
        checked = [check(answer, passage, embedder) for answer in ANSWERS]
    finally:
        vector_cache.use_directory(previous)
    for answer, (verdict, calls) in zip(ANSWERS, checked, strict=True):
        mine = {u for s in split_sentences(answer) for u in answer_units(s.text)}
        assert len(calls) == 1 and set(calls[0]) == mine  # one call, nothing of the passage embedded
        alone = EmbeddingSimilarity(lambda: embedder, stored=lambda: None)  # no file: every text embedded
        assert verify(answer, {1: passage}, QUESTION, "de", alone) == verdict
    assert [verdict.ok for verdict, _ in checked] == [True, False]
    again = ingest([guides], lotse.index)
    assert again.unchanged == 2 and again.embedded_chunks == 0 and again.verifier_texts == 0


def test_without_a_model_ingest_keeps_no_verifier_vectors_until_one_is_configured(tmp_path: Path, guides: Path) -> None:
    offline = lotse_for(tmp_path, guides)
    report = ingest([guides], offline.index)
    passage = photos_passage(offline)
    assert report.verifier_texts == 0 and stored(offline, passage) == {}
    assert verifier_vectors.MARK not in offline.index.manifest()
    with_model = lotse_for(tmp_path, guides, **MODEL)  # LOTSE_LLM set later: the unchanged index is covered then
    later = ingest([guides], with_model.index)
    assert later.embedded_chunks == 0 and later.verifier_texts > 0
    assert len(stored(with_model, passage)) == len(passage_units(passage))
    assert with_model.index.manifest()[verifier_vectors.MARK] == with_model.index.model_name
