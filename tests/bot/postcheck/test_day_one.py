"""Day one at a new company: only Lotse's shipped rules and the company's own guideline, no rule files."""

from __future__ import annotations

from pathlib import Path

import pytest
from postcheck_helpers import ROOT

from bot.postcheck.checker import PostChecker
from bot.render.verdict import render_verdict

GUIDELINE = """# Social Media Guideline

## Confidential information

Do not share unreleased products, customer names or figures that have not been published.
Never comment on legal matters concerning the company.

## Tone

Be friendly and respectful in every comment.
"""


@pytest.fixture(scope="module")
def new_company(tmp_path_factory, embedder) -> PostChecker:
    knowledge = tmp_path_factory.mktemp("newco") / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    (knowledge / "documents" / "guideline-en.md").write_text(GUIDELINE, encoding="utf-8")
    return PostChecker.load(knowledge, embedder=embedder, index=None)


def test_a_teaser_for_an_unreleased_product_needs_approval(new_company):
    verdict = new_company.check("At the next trade fair we'll show something big. Can't say more yet! 👀")
    assert verdict.verdict == "approval"
    assert verdict.findings[0].category == "unannounced_product"


def test_a_harmless_team_event_post_is_ok_and_no_rule_file_is_missing(new_company):
    verdict = new_company.check("What a great team event today! Bowling, pizza and bad puns. Thanks everyone 🎳")
    assert verdict.verdict == "ok" and verdict.findings == []
    assert new_company.rule_errors == []  # no postcheck folder, no company.yaml: nothing to complain about


def test_the_guideline_sentences_become_checks(new_company):
    texts = [s.text for s in new_company.guideline_sentences]
    assert any(t.startswith("Do not share unreleased products") for t in texts)
    assert not any("friendly and respectful" in t for t in texts)  # a plain recommendation is no check


def test_a_german_draft_on_an_english_only_guideline_says_it_rests_on_little(new_company):
    verdict = new_company.check("Heute war Sommerfest im Garten, danke an alle für den schönen Tag!")
    assert verdict.verdict == "ok" and verdict.basis == "thin_language"
    text = render_verdict(verdict)
    assert "Passt" not in text and "schmaler Grundlage" in text and "keine Regeln auf Deutsch" in text


def test_no_rules_and_no_guideline_never_says_looks_fine(tmp_path: Path):
    checker = PostChecker.load(tmp_path, embedder=None, index=None)
    verdict = checker.check("What a lovely Sunday walk along the river with my dog.")
    assert verdict.verdict == "ok" and verdict.basis == "thin"
    text = render_verdict(verdict)
    assert "Looks fine" not in text and "rests on little" in text and "general rules" in text
    assert verdict.to_json()["basis"] == "thin"


def test_the_sample_company_check_rests_on_its_own_rules(plain_checker):
    verdict = plain_checker.check("What a lovely Sunday walk along the river with my dog.")
    assert verdict.verdict == "ok" and verdict.basis == "full"
    assert "Looks fine" in render_verdict(verdict)


def test_a_company_switches_a_shipped_rule_off_or_replaces_it(tmp_path: Path):
    rules = tmp_path / "postcheck"
    rules.mkdir()
    (rules / "off.yaml").write_text("disable: [lotse.figures.hints]\n", encoding="utf-8")
    (rules / "legal.yaml").write_text("id: lotse.legal.disputes\nenabled: false\n", encoding="utf-8")
    checker = PostChecker.load(tmp_path, embedder=None, index=None)
    ids = {rule.id for rule in checker.rules}
    assert "lotse.figures.hints" not in ids and "lotse.legal.disputes" not in ids
    assert "lotse.products.teaser" in ids
    assert checker.check("Record year for our sales team!").verdict == "ok"
    (rules / "typo.yaml").write_text("disable: [lotse.nothing-like-this]\n", encoding="utf-8")
    problems = [str(e) for e in PostChecker.load(tmp_path, embedder=None, index=None).rule_errors]
    assert any("lotse.nothing-like-this" in p for p in problems)


def test_the_shipped_rules_name_no_company():
    shipped = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot/postcheck/defaults").glob("*.yaml"))
    for name in ("Nordwerk", "NORDMILL", "PortalMill", "Bielefeld", "Gütersloh"):
        assert name not in shipped
