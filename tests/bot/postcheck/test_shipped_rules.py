"""Every shipped rule file is valid and every rule's own examples pass (what `lotse rules test` runs)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from postcheck_helpers import KNOWLEDGE

from bot.postcheck.examples import run_rule_examples
from bot.postcheck.rules import KINDS


def test_shipped_rules_are_valid(checker):
    assert checker.rule_errors == []
    assert len(checker.rules) >= 20


def test_every_kind_is_shipped(checker):
    assert {rule.kind for rule in checker.rules} >= set(KINDS)


def test_every_rule_has_german_and_english_examples_and_guideline(checker):
    for rule in checker.rules:
        if rule.kind == "guideline":  # built from the guideline's own sentences, which it quotes
            continue
        assert len(rule.examples.trigger) >= 2 and len(rule.examples.no_trigger) >= 2, rule.id
        # Nordwerk's rules quote their section; Lotse's shipped rules carry no company's document
        assert set(rule.guideline) == ({"de", "en"} if not rule.id.startswith("lotse.") else set()), rule.id


def test_examples_of_every_rule(checker):
    report = run_rule_examples(checker)
    assert report.examples >= 4 * report.rules
    assert [str(f) for f in report.failures] == []


@pytest.mark.parametrize(
    "rule_id",
    [
        "figures.amounts",
        "customers.names",
        "disclosure.missing",
        "confidential.internal-documents",
        "semantic.dont-passages",
    ],
)
def test_findings_quote_the_guideline(checker, rule_id):
    rule = checker.rule(rule_id).rule
    verdict = checker.check(rule.examples.trigger[0].text, only=[rule_id])
    finding = verdict.findings[0]
    assert finding.guideline is not None and len(finding.guideline.text) > 40
    assert finding.guideline.section in (rule.guideline["de"].section, rule.guideline["en"].section)


def test_rules_test_command(monkeypatch):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["--knowledge-dir", str(KNOWLEDGE), "rules", "test", "--json"])
    assert result.exit_code == 0, result.output
    assert '"ok": true' in result.output
