"""Errors from the core are keys plus parameters; each adapter renders them in its reader's language.

    try:
        desk.claim(user, handoff_id)
    except LotseError as refused:
        say(refused.text(language))      # Slack, Teams, terminal: the reader's language
        log.info("refused: %s", refused.key)   # logs: the key, never user text

`str(error)` is German / English (for logs of a developer and for places where the reader's language is
unknown). Every key is registered with bot.i18n in German and English by the module that raises it.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import t


class LotseError(Exception):
    """A refusal or failure the user should read: `key` (bot.i18n) and `params` (ids, names; no user text)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def text(self, language: str | None) -> str:
        """The message in `language` (de/en); None gives German / English."""
        if language is None:
            return self.bilingual()
        return t(self.key, language, **self.params)

    def bilingual(self) -> str:
        de, en = t(self.key, "de", **self.params), t(self.key, "en", **self.params)
        return de if de == en else f"{de} / {en}"

    def __str__(self) -> str:
        return self.bilingual()
