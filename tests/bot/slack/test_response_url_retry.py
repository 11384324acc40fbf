"""Replies through response_url survive a transient 5xx or 429 from Slack: retried, delivered exactly once."""

from __future__ import annotations

import json

import pytest

QUESTION = "May I share our job ads on LinkedIn?"


@pytest.mark.parametrize("status", [500, 429])
def test_slash_lotse_reply_survives_a_transient_slack_error(slack, fake_slack, status):
    fake_slack.fail_next("response_url", 1, status=status)  # 429 comes with Retry-After: 1
    assert slack.command("/lotse", QUESTION).status == 200
    [answer] = fake_slack.wait_for("response_url", timeout=30)
    assert [c.status for c in fake_slack.attempts("response_url")] == [status, 200]
    assert answer.body["response_type"] == "ephemeral"
    text = json.dumps(answer.body.get("blocks") or [], ensure_ascii=False) + answer.body["text"]
    assert "job ads" in text and "Sources" in text
    assert fake_slack.calls("chat.postMessage") == []
