"""`lotse eval posts` with a model (LOTSE_LLM at the local stand-in, the real langchain client over HTTP): beside
the figures, the rule verdicts alone and what the model review did; without a model the output is today's."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from postcheck_helpers import KNOWLEDGE

from tests.support.fake_llm import Scripted

DRAFTS = [
    {"post": "Wir waren heute auf der Messe und haben viele Gespräche geführt.", "verdict": "ok", "language": "de"},
    {
        "post": "Neuer Job für Tom – mal sehen, wie lange das gut geht.",
        "verdict": "revise",
        "language": "de",
    },
    {
        "post": "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal.",
        "verdict": "approval",
        "language": "de",
    },
]
_DRAFT = re.compile(r"<draft>\n(.*?)\n</draft>", re.S)


def three_findings(prompt: str) -> str:
    """One finding on the draft's first three words (kept), one on words not in it, one citing passage 42."""
    found = _DRAFT.search(prompt)
    first = " ".join(found.group(1).split()[:3]) if found else "?"
    finding = {"topic": "tone", "reason": "Klingt heikel.", "fix": "Umformulieren.", "severity": "revise"}
    findings = [
        {**finding, "span": first, "passage": 1},
        {**finding, "span": "Die Konkurrenz baut Schrott", "passage": 1},
        {**finding, "span": first, "passage": 42},
    ]
    return json.dumps({"findings": findings}, ensure_ascii=False)


@pytest.fixture
def drafts(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DRAFTS) + "\n", encoding="utf-8")
    return path


def eval_posts(tmp_path, drafts, *extra: str, env: dict[str, str] | None = None) -> str:
    from bot.cli.main import cli

    args = ["--data-dir", str(tmp_path / "data"), "--knowledge-dir", str(KNOWLEDGE), "eval", "posts"]
    result = CliRunner().invoke(cli, [*args, "--set", str(drafts), *extra], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def model_env(fake_llm, timeout: float = 3.0) -> dict[str, str]:
    return {
        "LOTSE_LLM": "openai:gpt-4o-mini",
        "LOTSE_LLM_BASE_URL": fake_llm.base_url,
        "LOTSE_LLM_API_KEY": "test-key",
        "LOTSE_LLM_TIMEOUT_SECONDS": str(timeout),
    }


def test_in_model_mode_the_review_is_counted_beside_the_rule_figures(tmp_path, drafts, fake_llm):
    fake_llm.script(Scripted(content=three_findings))
    table = eval_posts(tmp_path, drafts, env=model_env(fake_llm))
    assert "model review (openai:gpt-4o-mini)" in table
    assert re.search(r"exact verdict accuracy\s+66\.7%\s+66\.7%", table)  # rules only | with the model
    assert "reviews: reviewed 3" in table
    assert "findings: returned 9, kept by Lotse's checks 3" in table
    assert "verdicts raised: 2 (ok→revise 2); to the expected verdict 1, on ok drafts 1" in table
    assert "span not in draft 3, passage not given 3" in table
    assert len(fake_llm.requests) == 3


def test_a_failing_model_is_counted_and_leaves_the_rule_figures(tmp_path, drafts, fake_llm):
    fake_llm.script(Scripted(content="Sieht alles gut aus!", then=Scripted(content="{}", then=Scripted(delay=4.0))))
    report = json.loads(eval_posts(tmp_path, drafts, "--json", env=model_env(fake_llm, timeout=2.0)))
    model = report["model"]
    assert {k: v for k, v in model["reviews"].items() if v} == {"garbage": 1, "reviewed": 1, "timeout": 1}
    assert model["verdicts_raised"] == 0 and model["findings_added"] == 0
    assert model["rules_only"]["exact_accuracy"] == report["exact_accuracy"] == round(2 / 3, 4)


def test_without_a_model_the_output_is_todays(tmp_path, drafts, fake_llm):
    fake_llm.script(Scripted(content=three_findings))
    table = eval_posts(tmp_path, drafts)
    report = json.loads(eval_posts(tmp_path, drafts, "--json"))
    assert "model" not in table and "model" not in report and not fake_llm.requests
    assert table.splitlines()[2].split() == ["figure", "value", "target"]
    assert re.search(r"exact verdict accuracy\s+66\.7%\s+≥ 90%", table)
