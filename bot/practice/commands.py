"""Typed switches of the weekly practice in a chat with Lotse (Slack DM or /lotse, Teams 1:1 chat):
"training an" / "training aus" / "training" (status), also "/training …", "übung …", "practice on|off"."""

from __future__ import annotations

import re

from bot.i18n import t
from bot.practice.service import Practice

_COMMAND = re.compile(r"^\s*/?(?:training|übung|uebung|practice)\b\s*(.*?)\s*[.!]?\s*$", re.IGNORECASE)
ON = ("an", "on", "ein", "start")
OFF = ("aus", "off", "stop", "nicht mehr", "no more")


def handle(practice: Practice, platform: str, user_id: str, text: str, language: str) -> str | None:
    """The answer to a practice switch; None when `text` is not one (then it is a question for the assistant)."""
    match = _COMMAND.match(text or "")
    if not match:
        return None
    word = match.group(1).lower()
    if word in ("on", "off", "stop", "no more") or text.strip().lower().startswith(("practice", "/practice")):
        language = "en"
    elif word in ("an", "aus", "ein", "nicht mehr") or text.strip().lower().lstrip("/").startswith("übung"):
        language = "de"
    if word in ON:
        return practice.opt_in(platform, user_id, language)
    if word in OFF:
        return practice.opt_out(platform, user_id, language)
    if word:
        return None
    key = "practice.status_in" if practice.takes_part(platform, user_id) else "practice.status_out"
    return t(key, language)


def status_language(text: str, language: str) -> str | None:
    """The reader's language when `text` is the bare switch command ("training", "übung", "practice"), where a
    platform shows the switch itself (the Teams card); None for anything else."""
    match = _COMMAND.match(text or "")
    if not match or match.group(1):
        return None
    word = (text or "").strip().lower().lstrip("/")
    return "en" if word.startswith("practice") else "de" if word.startswith(("übung", "uebung")) else language
