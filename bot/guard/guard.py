"""The guard in front of `Assistant.ask`: oversize input, junk and floods get a clear reply and cost nothing.

Order: too long (not even cleaned) → empty → junk (unless it names a sensitive topic) → the question rate
limit (only for recorded questions). `may_hand_off` is asked before a handoff is opened.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import bot.guard.messages  # noqa: F401 - registers the texts
from bot.guard.junk import is_junk
from bot.guard.rate_limit import Limits, RateLimiter
from bot.i18n import t
from bot.language import detect_language
from bot.models import Asker, Reply
from bot.text_input import CleanText, shorten

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Screened:
    reply: Reply | None  # set: the road ends here with this reply
    text: str = ""  # else: the question text to answer (the sensitive part of a long message)


class Guard:
    def __init__(self, lotse: "Lotse") -> None:
        self.lotse = lotse
        settings = lotse.settings
        self.limits = RateLimiter(lotse.store, lotse.clock,
                                  Limits(settings.rate_questions_per_minute, settings.rate_handoffs_per_hour))

    @classmethod
    def of(cls, lotse: "Lotse") -> "Guard":
        """The guard of this Lotse (built once, kept on it; the composition root needs no change)."""
        guard = vars(lotse).get("_guard")
        if guard is None:
            guard = vars(lotse)["_guard"] = cls(lotse)
        return guard

    def screen(self, cleaned: CleanText, asker: Asker, record: bool = True) -> Screened:
        """The reply that ends the road (too long, empty, junk, too many questions), or the text to go on with."""
        default = self.lotse.settings.default_language
        if cleaned.too_long:
            return Screened(_refusal(default, "guard.too_long", length=_number(cleaned.original_length, default),
                                     limit=_number(self._max_input, default)))
        if not cleaned.text:  # nothing at all, or only invisible and control characters
            return Screened(_refusal(default, "empty_question" if cleaned.blank else "guard.not_understood"))
        whole = cleaned.full or cleaned.text
        language = detect_language(cleaned.text, default=default)
        sensitive = self.sensitive_part(cleaned)
        if sensitive is None and is_junk(whole):
            log.info("junk message from %s refused (%d chars)", asker.platform, len(whole))
            return Screened(_refusal(default, "guard.not_understood"))  # noise has no language of its own
        if record and self._safe(self.limits.questions_exceeded, asker.user_id):
            log.info("question rate limit reached (%s)", asker.platform)
            return Screened(_refusal(language, "guard.question_limit",
                                     limit=self.limits.limits.questions_per_minute))
        return Screened(None, sensitive or cleaned.text)

    def sensitive_part(self, cleaned: CleanText) -> str | None:
        """The part of the message (at most the question limit) that names a sensitive topic, else None.

        A long message is read in pieces of the question limit, so a sensitive topic behind the cut still goes to
        a person; each piece is read once (linear in the message's length)."""
        if not cleaned.full:
            return cleaned.text if self.names_sensitive_topic(cleaned.text) else None
        limit = len(cleaned.text) or 1
        rest = cleaned.full
        while rest:
            piece = shorten(rest, max(limit, 100))
            if self.names_sensitive_topic(piece):
                return piece
            rest = rest[len(piece):].lstrip()
        return None

    def may_hand_off(self, asker: Asker) -> bool:
        return not self._safe(self.limits.handoffs_exceeded, asker.user_id)

    def handoff_refusal(self, language: str, role: str | None) -> str:
        contact = self.lotse.contacts.get(role)
        return t("guard.handoff_limit", language, limit=self.limits.limits.handoffs_per_hour,
                 email=contact.email or contact.name)

    def names_sensitive_topic(self, text: str) -> bool:
        """Does the text name a sensitive category's term (either language)? Junk that does goes on to triage."""
        triage = self.lotse.triage
        if triage is None:
            return False
        from bot.triage.matching import MessageTokens

        tokens = MessageTokens(text, None)
        return any(tokens.matching(terms) for terms in triage.terms.values())

    @property
    def _max_input(self) -> int:
        return self.lotse.settings.max_input_chars

    @staticmethod
    def _safe(check, user_id: str) -> bool:  # type: ignore[no-untyped-def]
        """A limit that cannot be counted (database down) does not stop the question."""
        try:
            return bool(check(user_id))
        except Exception:  # noqa: BLE001
            log.exception("rate limit could not be checked")
            return False


def _refusal(language: str, key: str, **values: object) -> Reply:
    return Reply(question="", language=language, outcome="out_of_scope", answer=t(key, language, **values))


def _number(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if language == "de" else text
