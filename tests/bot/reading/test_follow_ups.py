"""Follow-ups in a thread: without a model the rule decides whether a message leans on the previous question; with
a model (the real langchain client against the local stand-in) a short message is rewritten, and the rewrite is
used only when it brings no new words. Triage always reads the employee's own words."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from bot.models import Conversation
from bot.reading.follow_up import is_follow_up, measure
from bot.reading.rewrite import only_known_words
from tests.support.fake_llm import Scripted

COMMENT_Q = "Ein Kunde hat unter meinem Post einen negativen Kommentar geschrieben. Was soll ich tun?"
PHONE_Q = "Kann ich mein Firmenhandy auch privat für Facebook nutzen?"
PHOTO_Q = "Darf ich ein Foto von meinen Kollegen posten?"
REWRITER = "standalone search question"  # a line of the rewrite's instructions (bot/reading/rewrite.py)
TUNING = Path(__file__).resolve().parents[3] / "knowledge" / "eval" / "follow-ups-tune.jsonl"


def rewrite_to(question: str) -> Scripted:
    return Scripted(content=json.dumps({"question": question}, ensure_ascii=False))


def ask(lotse, text: str, *history: str):
    return lotse.assistant.ask(text, conversation=Conversation(platform="cli", history=history), record=False)


def sections(reply) -> list[str]:
    return [source.section.split(" › ")[-1] for source in reply.sources]


# --- the rule, without a model ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "message", ["und auf Instagram?", "what about Instagram?", "und wenn es ein Kunde ist?", "Gilt das auch für Xing?"]
)
def test_messages_that_lean_on_the_thread_are_follow_ups(message):
    assert is_follow_up(message)


@pytest.mark.parametrize(
    "message", [PHONE_Q, "Darf ich Fotos aus der Produktionshalle posten?", "Wem melde ich ein gehacktes Konto?"]
)
def test_a_short_question_of_its_own_stands_alone(message):
    assert not is_follow_up(message)


def test_the_rule_on_its_tuning_list():
    figures = measure(TUNING)
    assert figures["rule follow_up"] >= 0.95 and figures["rule standalone"] >= 0.95
    assert figures["80 chars standalone"] == 0.0  # today's length rule glued every short standalone question


def test_the_chat_example_is_no_longer_glued_and_answered_from_its_own_passage(offline):
    alone = ask(offline, PHONE_Q)
    in_thread = ask(offline, PHONE_Q, COMMENT_Q)
    assert sections(in_thread)[0] == sections(alone)[0] == "Private Geräte und Kontosicherheit"
    assert "Negative Kommentare" not in " ".join(sections(in_thread))


def test_a_fragment_after_a_question_is_still_searched_with_it(offline):
    reply = ask(offline, "und auf Instagram?", PHOTO_Q)
    assert sections(reply)[0] == PHOTO_Q  # the FAQ entry of the thread's question, not Instagram in general


# --- with a model -------------------------------------------------------------------------------------------------
def test_a_rewritten_follow_up_is_what_retrieval_searches(with_model, offline, fake_llm):
    fake_llm.script(Scripted(content="not json"))  # the reader's call: unreadable, so the extractive answer
    fake_llm.also(REWRITER, rewrite_to("Darf ich Quartalszahlen posten?"))
    reply = ask(with_model, "Und Quartalszahlen?", PHOTO_Q)
    assert with_model.follow_ups.last_status == "rewritten"
    assert sections(reply)[0] == sections(ask(offline, "Darf ich Quartalszahlen posten?"))[0]
    assert sections(reply)[0] != sections(ask(offline, "Und Quartalszahlen?", PHOTO_Q))[0]  # the rule's glue
    assert sum(REWRITER in prompt for prompt in fake_llm.prompts()) == 1  # one call


def test_a_rewrite_with_words_from_neither_thread_nor_message_falls_back_to_the_rule(with_model, offline, fake_llm):
    fake_llm.script(Scripted(content="not json"))
    fake_llm.also(REWRITER, rewrite_to("Darf ich Umsatzzahlen der Konkurrenz posten?"))
    reply = ask(with_model, "und auf Instagram?", PHOTO_Q)
    assert with_model.follow_ups.last_status == "rule:new_words"
    assert sections(reply) == sections(ask(offline, "und auf Instagram?", PHOTO_Q))


@pytest.mark.parametrize(
    "failure",
    [Scripted(status=500), Scripted(content="Klar: Darf ich das?"), rewrite_to("x" * 2000), Scripted(delay=4)],
)
def test_a_failing_rewrite_falls_back_to_the_rule(with_model, offline, fake_llm, failure):
    fake_llm.script(Scripted(content="not json"))
    fake_llm.also(REWRITER, failure)
    reply = ask(with_model, PHONE_Q, COMMENT_Q)
    assert with_model.follow_ups.last_status.startswith("rule:")
    assert sections(reply)[0] == "Private Geräte und Kontosicherheit"


def limited(seconds: int, then: Scripted | None = None) -> Scripted:
    body = '{"error": {"message": "slow down", "type": "rate_limit_exceeded"}}'
    return Scripted(status=429, headers={"Retry-After": str(seconds)}, body=body, then=then)


def test_a_short_rate_limit_on_the_rewrite_is_waited_and_asked_once_more(with_model, offline, fake_llm):
    fake_llm.script(Scripted(content="not json"))
    fake_llm.also(REWRITER, limited(1, then=rewrite_to("Darf ich Quartalszahlen posten?")))
    started = time.monotonic()
    reply = ask(with_model, "Und Quartalszahlen?", PHOTO_Q)
    assert time.monotonic() - started >= 1.0 and with_model.follow_ups.last_status == "rewritten"
    assert sections(reply)[0] == sections(ask(offline, "Darf ich Quartalszahlen posten?"))[0]
    assert sum(REWRITER in prompt for prompt in fake_llm.prompts()) == 2


def test_a_long_rate_limit_on_the_rewrite_falls_back_at_once_and_pauses_the_model(with_model, offline, fake_llm):
    fake_llm.script(Scripted(answer="Das darfst du [1]."))  # the reader would be asked next: it is not
    fake_llm.also(REWRITER, limited(120, then=rewrite_to("Darf ich Quartalszahlen posten?")))
    started = time.monotonic()
    reply = ask(with_model, "und auf Instagram?", PHOTO_Q)
    assert time.monotonic() - started < with_model.settings.llm_timeout_seconds
    assert with_model.follow_ups.last_status == "rule:rate_limited"
    expected = ask(offline, "und auf Instagram?", PHOTO_Q)
    assert (reply.outcome, reply.tentative, reply.answer) == (expected.outcome, expected.tentative, expected.answer)
    assert reply.outcome == "answered"  # an answer the reader would have been asked for
    ask(with_model, "Und Quartalszahlen?", PHOTO_Q)
    assert len(fake_llm.requests) == 1  # one provider, one pause: neither the reader nor a second rewrite asked


def test_triage_reads_the_employees_own_words_not_the_rewrite(with_model, fake_llm):
    fake_llm.script(Scripted(content="not json"))
    fake_llm.also(REWRITER, rewrite_to(PHOTO_Q))  # a harmless rewrite of a sensitive message
    reply = ask(with_model, "Und wenn mich ein Journalist dazu anruft?", PHOTO_Q)
    assert reply.outcome == "handoff"


def test_the_rewrite_prompt_is_masked_and_not_logged(with_model, fake_llm, caplog):
    fake_llm.script(Scripted(content="not json"))
    fake_llm.also(REWRITER, rewrite_to("Darf ich ein Foto von meinen Kollegen auf Instagram posten?"))
    with caplog.at_level(logging.DEBUG):
        ask(with_model, "und auf Instagram? schreib an jana.becker@example.org", PHOTO_Q)
    rewrite_prompt = next(p for p in fake_llm.prompts() if REWRITER in p)
    assert "jana.becker" not in rewrite_prompt and "[E-MAIL]" in rewrite_prompt
    assert "Instagram" not in caplog.text and "Kollegen" not in caplog.text


def test_only_known_words_allows_inflections_and_function_words_only():
    sources = (PHOTO_Q, "und auf Instagram?")
    assert only_known_words("Darf ich Fotos von Kollegen auf Instagram posten?", sources)
    assert not only_known_words("Darf ich Fotos von Kunden auf Instagram posten?", sources)
