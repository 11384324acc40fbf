"""Cleaning what users type: hostile floods, surrogates, NUL and \\r are cleaned or refused, never a crash."""

from __future__ import annotations

from bot.text_input import MAX_INPUT_CHARS, clean, scrub


def test_a_megabyte_of_http_markup_is_refused_unread():
    flood = "<http:" * 175_000  # ~1 MB: cleaning this did not finish in 4 minutes before
    result = clean(flood, 4000)
    assert result.too_long and result.text == "" and result.original_length == len(flood)


def test_a_flood_at_the_limit_is_cleaned_completely():
    flood = ("<http:" * (MAX_INPUT_CHARS // 6))[:MAX_INPUT_CHARS]
    result = clean(flood, MAX_INPUT_CHARS)
    assert not result.too_long and result.text.startswith("<http:") and result.text.count("<http:") > 6000


def test_slack_markup_still_becomes_readable_text():
    result = clean("<@U1> siehe <https://nordwerk.de/x|unsere Seite> und <mailto:a@b.de>", 4000)
    assert result.text == "siehe unsere Seite (https://nordwerk.de/x) und mailto:a@b.de"


def test_lone_surrogates_nul_and_carriage_returns():
    text = "Presse\udcff anfrage\x00 heute\rmorgen\ud800"
    assert scrub(text) == "Presse\ufffd anfrage heute\nmorgen\ufffd"
    cleaned = clean(text, 4000).text
    assert cleaned == "Presse anfrage heute\nmorgen"
    cleaned.encode("utf-8")  # every store and terminal can take it


def test_bytes_with_invalid_utf8_are_decoded():
    assert clean(b"Darf ich \xff posten?", 4000).text == "Darf ich posten?"
