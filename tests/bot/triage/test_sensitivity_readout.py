"""The shipped sensitivity read-out: sensitive messages in words no list holds reach the right person on day one.

Triage here is the shipped defaults alone (no company file). The read-out's weights ship in
bot/triage/sensitivity/; these messages are not in its training set.
"""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pytest

from bot.readout import Readout, readout_for, weights_file
from bot.triage.classifier import FOLDER, sensitivity_readout
from bot.triage.config import DEFAULT_PATH, load_config
from bot.triage.triage import Triage


@pytest.fixture(scope="module")
def defaults(embedder):
    return Triage(load_config(DEFAULT_PATH), embedder)


@pytest.mark.parametrize(
    "message, language, category",
    [
        (
            "Unser Chef hat im Teammeeting erzählt, dass zwei Standorte nächstes Jahr zusammengelegt werden. "
            "Kann ich das meinen Followern schon mal verraten?",
            "de",
            "insider",
        ),
        ("A supplier offered me a free e-bike if I mention their brand in a few posts. Fine?", "en", "endorsement"),
        (
            "Jemand hat ein Foto von unserem Whiteboard mit den Gehältern des Teams in die Gruppe gestellt.",
            "de",
            "data_leak",
        ),
    ],
)
def test_what_no_term_or_example_catches_goes_to_its_category(defaults, message, language, category):
    decision = defaults.assess(message, language)
    assert decision.kind == "sensitive" and decision.category == category, (message, decision)
    assert any(m.startswith("~classifier p=") for m in decision.matched), decision.matched  # auditable


@pytest.mark.parametrize(
    "message, language",
    [
        ("Darf ich ein Foto von unserer Weihnachtsfeier posten?", "de"),
        ("Wie lang darf ein LinkedIn-Post sein?", "de"),
        ("Should I use hashtags when I post about our trade fair booth?", "en"),
        ("Can I like a competitor's post?", "en"),
    ],
)
def test_everyday_questions_are_not_made_sensitive_by_it(defaults, message, language):
    decision = defaults.assess(message, language)
    assert decision.kind != "sensitive", (message, decision.category, decision.matched)


def test_a_category_the_company_switched_off_is_not_routed_by_the_readout(embedder):
    config = load_config(DEFAULT_PATH)
    without = config.model_copy(update={"sensitive": [c for c in config.sensitive if c.name != "endorsement"]})
    decision = Triage(without, embedder).assess(
        "A supplier offered me a free e-bike if I mention their brand in a few posts. Fine?", "en"
    )
    assert decision.category != "endorsement"


def test_a_model_without_weights_gets_no_readout_and_triage_still_works(embedder, tmp_path):
    assert readout_for(str(tmp_path), embedder.name, embedder.dimension) is None
    triage = Triage(load_config(DEFAULT_PATH), embedder)
    triage.readout = None  # what a company's own embedding model without fitted weights gets
    decision = triage.assess("Ein Journalist vom Lokalradio will mich zu unserem Werk interviewen.", "de")
    assert decision.kind == "sensitive" and decision.category == "press"
    assert not any(m.startswith("~classifier") for m in decision.matched)


def test_corrupt_or_mismatched_weights_are_refused_with_a_log_line(embedder, tmp_path, caplog):
    path = weights_file(tmp_path, embedder.name)
    path.write_bytes(b"not a numpy archive")
    with caplog.at_level(logging.WARNING):
        assert readout_for(str(tmp_path), embedder.name, embedder.dimension) is None
    assert "unusable" in caplog.text
    other = tmp_path / "other"
    Readout(("ordinary", "press"), np.zeros((2, 8), np.float32), np.zeros(2, np.float32)).save(
        weights_file(other, embedder.name)
    )
    assert readout_for(str(other), embedder.name, embedder.dimension) is None  # weights of another vector size


def test_the_shipped_weights_belong_to_the_packaged_model(embedder):
    readout = sensitivity_readout(embedder)
    assert readout is not None and weights_file(FOLDER, embedder.name).is_file()
    assert "ordinary" in readout.classes and {"press", "insider", "data_leak"} <= set(readout.classes)
    shares = readout.probabilities(embedder.embed_query("Darf ich ein Foto von unserer Weihnachtsfeier posten?"))
    assert abs(sum(shares.values()) - 1.0) < 1e-4 and max(shares, key=shares.get) == "ordinary"


COLLEAGUE_AT_COMPETITOR = (
    "Ein früherer Kollege ist jetzt bei Lindqvist und fragt mich auf LinkedIn ganz locker, woran wir grad so "
    "arbeiten. Was darf ich ihm erzählen?"
)


def test_a_fair_answer_is_not_handed_off_for_a_middling_readout(lotse):
    """The read-out is unsure here (insider, p ≈ 0.76) and the guideline answers it fairly well (≈ 0.85): the asker
    gets the guideline's passage. Under the former rule (any answer below the confident cut-off) it went to a person."""
    reply = lotse.assistant.ask(COLLEAGUE_AT_COMPETITOR, record=False)
    assert reply.outcome == "answered" and reply.sources

    calibration = lotse.triage.calibration
    lotse.triage.calibration = dataclasses.replace(calibration, sensitive_classifier_unsure_below=calibration.confident)
    former = lotse.assistant.ask(COLLEAGUE_AT_COMPETITOR, record=False)
    assert former.outcome == "handoff"
