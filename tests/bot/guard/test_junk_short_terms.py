"""Noise that happens to contain a two-letter run is still junk: a sensitive term lets junk pass on to a person
only when its stems have three letters or more ("sued" stems to "su"; the hostile Slack battery saw binary noise
with "sU" in it handed off to the legal contact). A real sensitive word inside noise still hands off."""

from __future__ import annotations

from bot.models import Asker

NOISE = "}D oA#gK 7\\ q] 4w ~~ 9# ]] zz !! %% kk ^^ sU x7 && :: 0x ((   ''"


def test_noise_with_a_two_letter_run_is_not_understood_and_not_handed_off(lotse):
    reply = lotse.assistant.ask(NOISE, Asker(user_id="UNOISE", platform="slack"))
    assert reply.handoff is None and "nicht verstanden" in reply.answer, reply.answer


def test_a_sensitive_word_inside_the_same_noise_still_hands_off(lotse):
    reply = lotse.assistant.ask(NOISE + " Presseanfrage " + NOISE, Asker(user_id="UNOISE", platform="slack"))
    assert reply.outcome == "handoff" and reply.handoff is not None and reply.handoff.reason == "sensitive"
