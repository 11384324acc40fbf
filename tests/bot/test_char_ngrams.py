"""Character n-grams beside the embedding (bot/char_ngrams.py) in a stored read-out (bot/readout.py)."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from bot.char_ngrams import CharNgrams
from bot.readout import Readout, readout_for, weights_file

TEXTS = [
    "Psst, bald zeigen wir etwas Neues auf der Messe",
    "Heute Sommerfest mit dem ganzen Team",
    "Psst, das Team zeigt bald etwas Neues",
    "Sommerfest heute, danke an alle",
]


def _readout(dimension: int = 4) -> Readout:
    ngrams = CharNgrams.fitted(TEXTS)
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(2, dimension + ngrams.size)).astype(np.float32)
    return Readout(("ok", "unannounced_product"), weights, np.zeros(2, np.float32), ngrams=ngrams)


def test_the_text_changes_the_reading_of_the_same_vector():
    readout = _readout()
    vector = np.ones(4, dtype=np.float32)
    teaser = readout.probabilities(vector, "Psst, bald zeigen wir etwas")
    party = readout.probabilities(vector, "Sommerfest mit dem Team")
    assert teaser != party and sum(teaser.values()) == pytest.approx(1.0)


def test_saved_and_loaded_it_reads_the_same(tmp_path):
    readout = _readout()
    path = weights_file(tmp_path, "packaged:test-model")
    readout.save(path)
    loaded = readout_for(str(tmp_path), "packaged:test-model", 4)
    assert loaded is not None and loaded.ngrams is not None and loaded.dimension == 4
    vector = np.arange(4, dtype=np.float32)
    for text in ["Psst, bald zeigen wir etwas 🤫", "Sommerfest", ""]:
        assert loaded.probabilities(vector, text) == pytest.approx(readout.probabilities(vector, text))


def test_unknown_words_read_as_the_embedding_alone():
    readout = _readout()
    vector = np.ones(4, dtype=np.float32)
    plain = Readout(readout.classes, readout.weights[:, :4], readout.bias)
    assert readout.probabilities(vector, "xyzzy qwv") == pytest.approx(plain.probabilities(vector))


def test_weights_that_do_not_fit_vector_and_vocabulary_are_refused(tmp_path, caplog):
    readout = _readout(dimension=4)
    readout.save(weights_file(tmp_path, "packaged:test-model"))
    readout_for.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert readout_for(str(tmp_path), "packaged:test-model", 384) is None
    assert any("4 dimensions" in r.getMessage() for r in caplog.records)
