"""End to end with a language model: signed Slack requests → the real Bolt app → Lotse with LOTSE_LLM at the local
stand-in (real HTTP, the real langchain client) → our FakeSlack. A verified answer, a thread follow-up that the
model rewrites, and /postcheck with a model finding."""

from __future__ import annotations

import json

import pytest

from tests.bot.slack.test_slack_e2e import PHOTO_QUESTION, blocks_text
from tests.support.fake_llm import Scripted, configured, first_sentence

REWRITER = "standalone search question"
REVIEWER = "You review an employee's social media draft"
DRAFT = "Neuer Job für Tom – mal sehen, wie lange das gut geht."


@pytest.fixture
def settings(settings, fake_llm):
    """The shared Slack fixtures (tests/bot/slack/conftest.py) on settings with a model configured."""
    return configured(settings, fake_llm)


def cited_first(passages: dict[int, str]) -> str:
    return f"{first_sentence(passages[1])} [1]"


def test_a_verified_model_answer_and_a_rewritten_follow_up_in_the_thread(slack, fake_slack, fake_llm):
    fake_llm.script(Scripted(answer=cited_first))
    rewritten = "Darf ich ein Foto von meinen Kollegen auf Instagram posten?"
    fake_llm.also(REWRITER, Scripted(content=json.dumps({"question": rewritten}, ensure_ascii=False)))
    _, ts = slack.dm(PHOTO_QUESTION)
    [first] = fake_slack.wait_for("chat.postMessage")
    assert first.body["thread_ts"] == ts and "[1]" in blocks_text(first)
    slack.dm("und auf Instagram?", thread_ts=ts)
    second = fake_slack.wait_for("chat.postMessage", 2)[-1]
    assert second.body["thread_ts"] == ts and "[1]" in blocks_text(second)
    [rewrite_prompt] = [p for p in fake_llm.prompts() if REWRITER in p]
    assert PHOTO_QUESTION in rewrite_prompt  # the thread's earlier question, as the model reads it


def test_postcheck_shows_a_model_finding_with_the_guideline_quote(slack, fake_slack, fake_llm):
    finding = {
        "span": "mal sehen, wie lange das gut geht",
        "passage": 1,
        "topic": "personnel",
        "reason": "Der Satz macht sich über einen früheren Kollegen lustig.",
        "fix": "Lass den Satz weg.",
        "severity": "revise",
    }
    fake_llm.script(Scripted(content=json.dumps({"findings": [finding]}, ensure_ascii=False)))
    assert slack.command("/postcheck", DRAFT).status == 200
    [result] = fake_slack.wait_for("response_url")
    text = blocks_text(result)
    assert "mal sehen, wie lange das gut geht" in text and "früheren Kollegen" in text
    [prompt] = [p for p in fake_llm.prompts() if REVIEWER in p]
    quoted = prompt.split('<passage n="1">\n', 1)[1].split("\n</passage>", 1)[0]
    assert quoted[:60] in text.replace("\\n", "\n")  # the guideline passage the finding rests on, quoted
