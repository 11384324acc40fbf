"""Calibration belongs to a model: each model its own cut-offs, an unknown one warned about, a company override."""

from __future__ import annotations

import logging

from bot.calibration import calibration_for
from bot.embeddings import E5_MODEL, MINILM_MODEL


def test_each_packaged_model_has_its_own_numbers() -> None:
    e5, minilm = calibration_for(E5_MODEL), calibration_for(MINILM_MODEL)
    assert e5.known and minilm.known
    assert e5.sensitive.de != minilm.sensitive.de  # e5 cosines live higher up: never the same cut-offs
    assert calibration_for("") == e5  # the default model


def test_an_uncalibrated_model_is_warned_about(caplog) -> None:
    with caplog.at_level(logging.WARNING):
        other = calibration_for("/models/some-other-model")
    assert not other.known
    assert "no calibration" in caplog.text and "/models/some-other-model" in caplog.text


def test_a_company_can_calibrate_its_own_model(tmp_path) -> None:
    (tmp_path / "calibration.yaml").write_text(
        """
models:
  "/models/multilingual-e5-base":
    fusion: {k: 20, lexical_weight: 0.8}
    rerank: {weights: {bias: -3, dense: 2}}
    answer: {confident: 0.9, tentative: 0.4}
    similarity: {sensitive: 0.8, requested: 0.9, off_topic: 0.85}
    postcheck: {semantic: 0.88}
    report: {gap_similarity: 0.85}
""",
        encoding="utf-8",
    )
    own = calibration_for("/models/multilingual-e5-base", tmp_path)
    assert own.known and own.fusion_k == 20 and own.sensitive.en == 0.8
    assert own.source.endswith("calibration.yaml") and str(tmp_path) in own.source
