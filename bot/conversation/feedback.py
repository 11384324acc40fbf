"""Feedback on an answer ("Hilfreich" / "Nicht hilfreich"): only the person who asked rates their answer.

    language = Feedback(ExchangeLog(store, clock), ExchangeLookup(store), learning).rate(exchange_id, user, True)

Returns the exchange's language (to thank the user in it); refusals are `FeedbackRefused` with a key. On a
tentative answer ("Meinst du das?"), "Ja, danke" also confirms the offered passage for the question and a
"not helpful" rejects it (bot/learning/views.py); that bookkeeping never fails the rating.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.conversation.exchanges import ExchangeLookup, ExchangeRecord
from bot.errors import LotseError
from bot.i18n import register
from bot.store.exchanges import ExchangeLog

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.views import ViewLearning

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
    def __init__(self, log_: ExchangeLog, lookup: ExchangeLookup, learning: ViewLearning | None = None) -> None:
        self._log = log_
        self._lookup = lookup
        self._learning = learning

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
        if record.tentative:
            learn(self._learning, record, confirmed=helpful)
        return record.language


def learn(learning: ViewLearning | None, record: ExchangeRecord, *, confirmed: bool) -> None:
    """Count the asker's verdict on a tentative answer's passage; logged, never raised."""
    if learning is None or not record.tentative:
        return
    try:
        (learning.confirm if confirmed else learning.reject)(record)
    except Exception:  # the rating or the handoff must not fail over the learning bookkeeping
        log.exception("could not record the asker's verdict on exchange %s", record.id)
