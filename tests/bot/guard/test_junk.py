"""Junk (nothing a person could read as a question) versus real, if short or odd, questions."""

from __future__ import annotations

import random

import pytest

from bot.guard.junk import is_junk
from bot.text_input import clean

JUNK = [
    "\u200b\u200b\u200d\ufeff",
    "?!?!",
    "12345 678",
    "1=1; --",
    "' OR ''='",
    "SELECT * FROM users; DROP TABLE x",
    "<script>alert(1)</script>",
    "admin'--",
    "x' OR 'a'='a",
    "%$§&/()=",
    "💩💩💩",
    "\x00\x01\x02\x03",
    "____----____",
]
QUESTIONS = [
    "Hi",
    "Instagram?",
    "Darf ich das posten?",
    "May I post photos from the shop floor?",
    "LinkedIn",
    "Can I delete my post from LinkedIn?",
    "Darf ich ein Bild mit <img src> posten?",
    "Kununu??",
    "Gehalt",
    "HR?",
    "PR-Freigabe?",
    "EMO 2026: Foto vom Stand ok?",
    "Darf ich 'Rock'n'Roll' -- so heißt unser Song -- posten?",
]


@pytest.mark.parametrize("text", JUNK)
def test_junk(text):
    assert is_junk(clean(text, 4000).text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_are_not_junk(text):
    assert not is_junk(clean(text, 4000).text)


def test_random_bytes_are_junk():
    rng = random.Random(7)
    noise = [bytes(rng.randrange(256) for _ in range(rng.randrange(20, 400))) for _ in range(200)]
    flagged = sum(is_junk(clean(blob, 4000).text) for blob in noise)
    assert flagged == len(noise)
