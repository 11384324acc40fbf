"""The packaged multilingual model, checked against what we can verify without a reference implementation."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from bot.embeddings import MAX_EMBED_CHARS, MINILM_MODEL, Embedder


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_german_paraphrase_is_closer_than_an_unrelated_passage(embedder) -> None:
    question = embedder.embed_query("Darf ich ein Selfie vor unserer neuen Maschine posten?")
    passages = embedder.embed_passages(
        [
            "Fotos am Arbeitsplatz: Zeige auf Bildern keine Maschinen in der Entwicklung, keine Zeichnungen.",
            "Reisekosten reichst du bis zum Monatsende über das Portal ein.",
        ]
    )
    assert _cos(question, passages[0]) > _cos(question, passages[1])


def test_english_question_finds_the_german_passage(embedder) -> None:
    question = embedder.embed_query("Can I share a photo of our booth at the trade fair?")
    passages = embedder.embed_passages(
        ["Auf Messen darfst du Fotos vom Messestand teilen.", "Die Kantine hat montags geschlossen."]
    )
    assert _cos(question, passages[0]) > _cos(question, passages[1])


def test_umlauts_and_their_spelled_out_forms_mean_the_same(embedder) -> None:
    a, b, c = embedder.embed_queries(["Über Größe und Ärger", "Ueber Groesse und Aerger", "Fahrrad reparieren"])
    assert _cos(a, b) > _cos(a, c) + 0.05
    assert embedder.count_tokens("Müßiggang") < 12  # umlaut and ß words are tokenised, not byte soup


def test_queries_and_passages_are_embedded_differently(embedder) -> None:
    text = "Darf ich Kundennamen nennen?"
    assert not np.allclose(embedder.embed_query(text), embedder.embed_passages([text])[0])


def test_deterministic_and_normalised(embedder) -> None:
    first, second = embedder.embed_queries(["Presseanfrage erhalten", "Presseanfrage erhalten"])
    assert np.array_equal(first, second)
    assert abs(float(np.linalg.norm(first)) - 1.0) < 1e-3


def test_same_results_from_concurrent_threads(embedder) -> None:
    texts = [f"Frage {i}: Darf ich über Projekt {i} auf LinkedIn schreiben?" for i in range(16)]
    expected = embedder.embed_queries(texts)
    got: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        got[i] = embedder.embed_query(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(np.allclose(got[i], expected[i], atol=1e-5) for i in range(16))


@pytest.mark.parametrize("text", ["", "   ", "\ud800 lone surrogate", "x" * 1_000_000, "Ä" * 300_000])
def test_empty_broken_and_huge_input_give_a_unit_vector(embedder, text: str) -> None:
    vector = embedder.embed_query(text)
    assert vector.shape == (embedder.dimension,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


def test_huge_input_is_cut_to_one_window(embedder) -> None:
    long = "Darf ich Fotos posten? " * 5000
    assert np.allclose(embedder.embed_query(long), embedder.embed_query(long[:MAX_EMBED_CHARS]), atol=1e-6)


def test_sentence_transformers_backend_loads_the_packaged_minilm_offline() -> None:
    minilm = Embedder.load(MINILM_MODEL)
    assert minilm.name == MINILM_MODEL and minilm.dimension == 384
    question, near, far = (
        minilm.embed_query("Can I post photos of my colleagues?"),
        *minilm.embed_passages(
            ["Ask colleagues for consent before posting their photos.", "The canteen is closed on Mondays."]
        ),
    )
    assert _cos(question, near) > _cos(question, far)


def test_an_unknown_model_fails_with_a_sentence_not_a_download() -> None:
    with pytest.raises(RuntimeError, match="could not be loaded offline"):
        Embedder.load("/nonexistent/model-folder")
