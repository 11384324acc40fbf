"""Cleaning what users type before anything else sees it: control characters, chat markup, length."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)\|([^>]+)>")
_SLACK_BARE = re.compile(r"<((?:https?|mailto):[^>|]+)>")
_SLACK_MENTION = re.compile(r"<[@#!][^>]*>")


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool = False
    original_length: int = 0


def clean(text: str | bytes | None, limit: int) -> CleanText:
    if text is None:
        return CleanText("")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    original = len(text)
    text = unicodedata.normalize("NFC", text)
    text = _SLACK_LINK.sub(r"\2 (\1)", text)
    text = _SLACK_BARE.sub(r"\1", text)
    text = _SLACK_MENTION.sub(" ", text)
    text = _CONTROL.sub(" ", text).replace("\ufffd", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    truncated = len(text) > limit
    if truncated:
        cut = text[:limit]
        text = cut[: cut.rfind(" ")] if " " in cut[limit // 2:] else cut
    return CleanText(text, truncated, original)
