"""Feedback on an answer ("Hilfreich" / "Nicht hilfreich"): only the person who asked rates their answer.

    language = Feedback(ExchangeLog(store, clock), ExchangeLookup(store)).rate(exchange_id, user, helpful=True)

Returns the exchange's language (to thank the user in it); refusals are `FeedbackRefused` with a key.
"""

from __future__ import annotations

import logging

from bot.conversation.exchanges import ExchangeLookup
from bot.errors import LotseError
from bot.i18n import register
from bot.store.exchanges import ExchangeLog

log = logging.getLogger(__name__)

register(
    {
        "feedback.error.own_only": {
            "de": "Nur die fragende Person kann die Antwort bewerten.",
            "en": "Only the person who asked can rate the answer.",
        },
        "feedback.error.failed": {
            "de": "Deine Bewertung konnte ich nicht speichern.",
            "en": "I couldn't save your rating.",
        },
    }
)


class FeedbackRefused(LotseError):
    """keys: feedback.error.own_only, feedback.error.failed (unknown exchange or database down)."""


class Feedback:
    def __init__(self, log_: ExchangeLog, lookup: ExchangeLookup) -> None:
        self._log = log_
        self._lookup = lookup

    def rate(self, exchange_id: int | None, actor_id: str, helpful: bool) -> str:
        """Store the rating; returns the language of the rated exchange."""
        record = self._lookup.get(exchange_id)
        if record is None:
            raise FeedbackRefused("feedback.error.failed")
        if record.asker_id != actor_id:
            raise FeedbackRefused("feedback.error.own_only")
        try:
            self._log.set_feedback(record.id, actor_id, helpful)
        except (LookupError, PermissionError) as exc:  # changed between lookup and write
            raise FeedbackRefused("feedback.error.failed") from exc
        return record.language
