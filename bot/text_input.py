"""Cleaning what users type before anything else sees it: bytes, surrogates, control characters, markup, length.

Every step is one linear pass: the markup patterns never let a character class run over another `<`, so a
flood of `<http:` cannot make the regex engine backtrack over the rest of the message at every position
(that made cleaning quadratic: 40,000 characters took seconds, 1 MB minutes). Input longer than
`MAX_INPUT_CHARS` (Slack's own message limit) is not cleaned at all: the caller refuses it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_INPUT_CHARS = 40_000  # Slack's limit for a message; longer input is refused, not read

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^<>|]+)\|([^<>]+)>")
_SLACK_BARE = re.compile(r"<((?:https?|mailto):[^<>|]+)>")
_SLACK_MENTION = re.compile(r"<[@#!][^<>]*>")
MAX_MARKS = 30  # combining marks kept after one base character (Unicode's stream-safe limit)


def _combining_class() -> str:
    """A regex character class of every combining mark (the `re` module has no \\p{M})."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x110000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


# more than MAX_MARKS marks in a row ("Zalgo" text): the rest is dropped, because composing (NFC) a long run of
# marks sorts them and is quadratic in the run's length
_MARK_FLOOD = re.compile(f"({_combining_class()}{{{MAX_MARKS}}}){_combining_class()}+")
_BLANKS = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool = False
    original_length: int = 0
    too_long: bool = False  # longer than MAX_INPUT_CHARS: not read, refused by the caller
    blank: bool = False  # nothing but whitespace was sent (as opposed to only invisible or control characters)
    full: str = ""  # the whole cleaned text when `text` was shortened (a sensitive topic may sit further on)


def scrub(text: str | bytes | None) -> str:
    """Text that every store and encoder accepts: bytes decoded (invalid UTF-8 replaced), lone surrogates
    (e.g. from undecodable command-line arguments) replaced with U+FFFD, NUL bytes removed, `\\r\\n` → `\\n`."""
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def limit_marks(text: str) -> str:
    """At most MAX_MARKS combining marks after a base character."""
    return _MARK_FLOOD.sub(r"\1", text)


def clean(text: str | bytes | None, limit: int, max_input: int = MAX_INPUT_CHARS) -> CleanText:
    if text is None:
        return CleanText("", blank=True)
    original = len(text)
    if original > max_input:
        return CleanText("", original_length=original, too_long=True)
    raw = text
    text = unicodedata.normalize("NFC", limit_marks(scrub(text)))
    text = _SLACK_LINK.sub(r"\2 (\1)", text)
    text = _SLACK_BARE.sub(r"\1", text)
    text = _SLACK_MENTION.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    text = _BLANKS.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text) <= limit:
        return CleanText(text, False, original, blank=not text and _blank(raw))
    return CleanText(shorten(text, limit), True, original, full=text)


def _blank(raw: str | bytes) -> bool:
    return not raw.strip() if isinstance(raw, str) else not raw.strip(b" \t\r\n")


def shorten(text: str, limit: int) -> str:
    """The first `limit` characters, cut at a space when there is one in the second half."""
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut[limit // 2 :] else cut
