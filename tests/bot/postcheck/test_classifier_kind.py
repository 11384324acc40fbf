"""The shipped risk read-out (`lotse.risk`, kind classifier): real embedder, real weights, no mocks."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from bot.postcheck.checker import PostChecker
from bot.postcheck.kinds.base import Environment, Post
from bot.postcheck.kinds.classifier import ClassifierMatcher
from bot.postcheck.ruleset import DEFAULTS_DIR
from bot.postcheck.text import normalize
from bot.readout import Readout, weights_file

RULE = "lotse.risk"
# risky in words no shipped lexicon or pattern holds: only the read-out can see them
LAWSUIT_DE = "Gegen unseren früheren Vertriebsleiter läuft jetzt ein Verfahren, endlich kommt alles raus."
LAWSUIT_EN = "Our former head of sales is finally facing charges. About time someone looked at his expense reports."
ORDINARY = "Heute war Sommerfest, danke an alle für den schönen Tag und das leckere Essen!"


@pytest.fixture(scope="module")
def shipped_only(embedder, tmp_path_factory) -> PostChecker:
    """Lotse's shipped rules alone: no company rules, no guideline sentences."""
    knowledge = tmp_path_factory.mktemp("risk-knowledge")
    return PostChecker.load(knowledge, embedder=embedder, index=None, guideline=False)


def _rule(checker: PostChecker):
    compiled = checker.rule(RULE)
    assert compiled is not None
    return compiled.rule


@pytest.mark.parametrize(("draft", "language"), [(LAWSUIT_DE, "de"), (LAWSUIT_EN, "en")])
def test_risky_draft_in_unlisted_words_is_flagged_with_its_topic(shipped_only, draft, language):
    verdict = shipped_only.check(draft, language)
    assert [f.rule for f in verdict.findings] == [RULE]  # no other rule sees it
    finding = verdict.findings[0]
    assert (finding.category, finding.severity, verdict.verdict) == ("legal", "approval", "approval")
    assert finding.message == _rule(shipped_only).topics["legal"].get(language).replace(
        "{topic}", "Rechtliches" if language == "de" else "legal matter"
    ).replace("{excerpt}", finding.excerpt.strip())
    assert finding.excerpt.strip() in draft and len(finding.excerpt) > 20  # the sentence, not the whole draft


def test_the_finding_quotes_the_riskiest_sentence(shipped_only):
    draft = f"Schönes Wochenende euch allen! {LAWSUIT_DE} Bis Montag im Büro."
    findings = [f for f in shipped_only.check(draft, "de").findings if f.rule == RULE]
    assert [f.excerpt for f in findings] == [LAWSUIT_DE]


@pytest.mark.parametrize(
    ("draft", "language", "topic"),
    [
        (
            "Ratet mal, wer ab Januar unser größter Kunde in Skandinavien ist 😉 Die Tinte ist fast trocken!",
            "de",
            "customers",
        ),
        ("Sagen wir mal so: Das Controlling hat heute Sekt kaltgestellt 🥂📈 #Quartalsende", "de", "figures"),
        ("Fun fact: the admin password on the line PCs is still the company name plus 123 😂", "en", "security"),
    ],
)
def test_a_hint_with_a_wink_is_read_as_the_risk_it_hints_at(shipped_only, draft, language, topic):
    verdict = shipped_only.check(draft, language)
    assert [(f.rule, f.category) for f in verdict.findings] == [(RULE, topic)] and verdict.verdict == "approval"


@pytest.mark.parametrize(
    ("draft", "language"),
    [
        ("Unser Geschäftsbericht 2025 ist online: 412 Mio. Euro Umsatz, alle Details unter dem Link.", "de"),
        ("Thrilled to share that our new app is now available in all stores, link in the comments!", "en"),
    ],
)
def test_published_figures_and_launched_products_pass(shipped_only, draft, language):
    assert [f.rule for f in shipped_only.check(draft, language).findings if f.rule == RULE] == []


def test_ordinary_draft_is_not_flagged(shipped_only):
    assert shipped_only.check(ORDINARY, "de").verdict == "ok"
    assert shipped_only.check("Proud to celebrate ten years with this team!", "en").verdict == "ok"


@pytest.mark.parametrize(
    "switch_off", ["disable: [lotse.risk]\n", "id: lotse.risk\nenabled: false\n", "disable: [lotse.r*]\n"]
)
def test_a_company_file_switches_it_off(embedder, make_knowledge, switch_off):
    knowledge = make_knowledge()
    (knowledge / "postcheck" / "off.yaml").write_text(switch_off, encoding="utf-8")
    checker = PostChecker.load(knowledge, embedder=embedder, index=None, guideline=False)
    assert checker.rule(RULE) is None and checker.rule_errors == []
    assert checker.check(LAWSUIT_DE, "de").verdict == "ok"


def _matcher(shipped_only: PostChecker, folder: Path) -> tuple[ClassifierMatcher, Environment]:
    env = shipped_only.env
    return ClassifierMatcher(_rule(shipped_only), env, folder=folder), env


def test_a_model_without_weights_finds_nothing_and_says_so_once(shipped_only, tmp_path, caplog):
    matcher, env = _matcher(shipped_only, tmp_path)
    with caplog.at_level(logging.WARNING, logger="bot.postcheck.kinds.classifier"):
        for _ in range(3):
            assert matcher.find(Post(normalize(LAWSUIT_DE), "de", env)) == []
    lines = [r.getMessage() for r in caplog.records if "lotse.risk finds nothing" in r.getMessage()]
    assert len(lines) == 1 and "no usable read-out weights" in lines[0]


@pytest.mark.parametrize("content", [b"not weights at all", b"PK\x03\x04 truncated zip"])
def test_corrupt_weights_are_logged_not_raised(shipped_only, embedder, tmp_path, caplog, content):
    weights_file(tmp_path, embedder.name).write_bytes(content)
    matcher, env = _matcher(shipped_only, tmp_path)
    with caplog.at_level(logging.WARNING):
        assert matcher.find(Post(normalize(LAWSUIT_DE), "de", env)) == []
    assert any("read-out weights unusable" in r.getMessage() for r in caplog.records)
    assert any("lotse.risk finds nothing" in r.getMessage() for r in caplog.records)


def test_weights_for_another_vector_size_are_refused(shipped_only, embedder, tmp_path, caplog):
    Readout(("legal", "ok"), np.zeros((2, 7), dtype=np.float32), np.zeros(2, dtype=np.float32)).save(
        weights_file(tmp_path, embedder.name)
    )
    matcher, env = _matcher(shipped_only, tmp_path)
    with caplog.at_level(logging.WARNING):
        assert matcher.find(Post(normalize(LAWSUIT_DE), "de", env)) == []
    assert any("7 dimensions" in r.getMessage() for r in caplog.records)


def test_shipped_weights_exist_for_the_default_model(embedder):
    assert weights_file(DEFAULTS_DIR.parent / "classifier", embedder.name).is_file()
