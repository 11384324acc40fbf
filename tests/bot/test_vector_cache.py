"""Triage example vectors kept on disk: a second process reads them instead of embedding them again."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot import vector_cache


class CountingEmbedder:
    def __init__(self, embedder) -> None:
        self.inner = embedder
        self.embedded: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        return self.inner.embed_queries(texts)


def test_vectors_come_back_from_disk_without_embedding(embedder, tmp_path: Path) -> None:
    texts = ["Ein Journalist fragt nach dem Werk", "Mein Konto wurde gehackt", "Ein Journalist fragt nach dem Werk"]
    previous = vector_cache.current_directory()
    vector_cache.use_directory(tmp_path)
    try:
        first = CountingEmbedder(embedder)
        vectors = vector_cache.cached_queries(embedder.name, texts, first)
        assert len(first.embedded) == 2  # the duplicate is embedded once
        second = CountingEmbedder(embedder)
        again = vector_cache.cached_queries(embedder.name, texts, second)
        assert second.embedded == []  # a new process would read all three from the file
        np.testing.assert_allclose(again, vectors, rtol=1e-6)
        np.testing.assert_allclose(vectors[0], embedder.embed_queries([texts[0]])[0], rtol=1e-4, atol=1e-5)
        other_model = CountingEmbedder(embedder)
        vector_cache.cached_queries("another-model", texts[:1], other_model)
        assert other_model.embedded == texts[:1]  # keyed by model name too
    finally:
        vector_cache.use_directory(previous)


def test_an_unusable_cache_file_falls_back_to_embedding(embedder, tmp_path: Path) -> None:
    (tmp_path / vector_cache.FILE_NAME).write_text("not a database", encoding="utf-8")
    previous = vector_cache.current_directory()
    vector_cache.use_directory(tmp_path)
    try:
        counting = CountingEmbedder(embedder)
        vectors = vector_cache.cached_queries(embedder.name, ["Darf ich Fotos posten?"], counting)
        assert vectors.shape == (1, embedder.dimension) and counting.embedded
    finally:
        vector_cache.use_directory(previous)


class CountingModel:
    """The embedding model as the post checker sees it, counting what it embeds."""

    def __init__(self, embedder) -> None:
        self.inner, self.name, self.embedded = embedder, embedder.name, 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return self.inner.embed_queries(texts)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def test_a_second_post_checker_reads_its_rule_passages_from_disk_and_judges_the_same(embedder, tmp_path: Path) -> None:
    """`lotse serve` warms the post checker at start; a restarted process then does it from the file, in about a
    second instead of several, and a draft gets the same findings."""
    from bot.postcheck.checker import PostChecker

    knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    draft = "Nächste Woche zeigen wir auf der Messe unsere neue Fräsmaschine, die noch niemand kennt!"
    previous = vector_cache.current_directory()
    vector_cache.use_directory(tmp_path)
    try:
        cold, warm = CountingModel(embedder), CountingModel(embedder)
        first = PostChecker.load(knowledge, embedder=cold).check(draft)
        second = PostChecker.load(knowledge, embedder=warm).check(draft)
        assert warm.embedded < cold.embedded / 10  # only the draft's sentences, not every rule's passages
        assert [f.rule for f in second.findings] == [f.rule for f in first.findings] and first.findings
    finally:
        vector_cache.use_directory(previous)
