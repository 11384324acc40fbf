"""The labelled set meets the targets; `lotse check` (single, --json, --batch) and the approval handoff."""

from __future__ import annotations

import json

from click.testing import CliRunner
from postcheck_helpers import KNOWLEDGE

from bot.postcheck.evaluation import format_posts_eval, read_posts, run_posts_eval

POSTS = KNOWLEDGE / "eval" / "posts.jsonl"


def test_labelled_set_shape():
    rows = read_posts(POSTS)
    assert len(rows) >= 66
    counts = {v: sum(r["verdict"] == v for r in rows) for v in ("ok", "revise", "approval")}
    assert all(n >= len(rows) // 4 for n in counts.values()), counts
    assert {r["language"] for r in rows} == {"de", "en"}


def test_posts_eval_meets_targets(checker):
    result = run_posts_eval(checker, POSTS)
    table = format_posts_eval(result)
    assert result["unsafe_judged_ok"] == 0, table
    assert result["ok_flagged_rate"] <= 0.05, table
    assert result["exact_accuracy"] >= 0.90, table
    assert "exact verdict accuracy" in table


def _invoke(tmp_path, *args, input=None):
    from bot.cli.main import cli

    return CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path / "data"), "--knowledge-dir", str(KNOWLEDGE), *args],
        input=input,
        catch_exceptions=False,
    )


def test_check_command_json(tmp_path):
    result = _invoke(tmp_path, "check", "--json", "Besuch bei Okano Precision in Osaka")
    data = json.loads(result.output[result.output.index("{") :])
    assert data["verdict"] == "approval" and data["findings"][0]["rule"] == "customers.names"


def test_check_command_text(tmp_path):
    result = _invoke(tmp_path, "check", "--lang", "en", "Ruft mich an: 0171 2345678")
    assert "Please revise" in result.output and "Suggested revision" in result.output


def test_check_batch_keeps_order_and_reports_bad_lines(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"post": "Schöner Sonntag am See"}),
                "not json",
                json.dumps({"post": "Rekordquartal!", "language": "de"}),
                json.dumps({"post": ""}),
            ]
        ),
        encoding="utf-8",
    )
    result = _invoke(tmp_path, "check", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [line.get("verdict") for line in lines] == ["ok", None, "approval", "revise"]
    assert lines[1]["line"] == 2 and "invalid" in lines[1]["error"]


def test_request_approval_opens_a_handoff(tmp_path):
    from bot.app import Lotse
    from bot.settings import Settings

    lotse = Lotse(Settings(data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE))
    from bot.postcheck.checker import PostChecker

    checker = PostChecker.load(KNOWLEDGE)
    verdict = checker.check("Drei PortalMill P3000 bei Brandt Automotive abgenommen!")
    view = checker.request_approval(lotse, verdict, "U123", "slack", "msg-1")
    assert view.reason == "post_approval"
    again = checker.request_approval(lotse, verdict, "U123", "slack", "msg-1")
    assert again.id == view.id  # same message: the same handoff
    from bot.postcheck.approval import record_check

    assert record_check(lotse, verdict, "U123", "slack", view.id)
    ok = checker.check("Schöner Sonntag am See")
    try:
        checker.request_approval(lotse, ok, "U123", "slack", "msg-2")
    except ValueError as exc:
        assert "Freigabe" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an ok draft must not be sent for approval")
