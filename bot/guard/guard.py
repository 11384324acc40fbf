"""The guard in front of `Assistant.ask`: oversize input, junk and floods get a clear reply and cost nothing.

Order: too long (not even cleaned) → empty → junk (unless it names a sensitive topic) → the question rate
limit (only for recorded questions). `may_hand_off` is asked before a handoff is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import bot.guard.messages  # noqa: F401 - registers the texts
from bot.contacts import ContactDirectory
from bot.guard.junk import is_junk
from bot.guard.rate_limit import Limits, RateLimiter
from bot.i18n import t
from bot.language import detect_language
from bot.models import Asker, Reply
from bot.settings import Settings
from bot.text_input import CleanText, shorten

if TYPE_CHECKING:  # pragma: no cover
    from bot.triage.matching import Term
    from bot.triage.triage import Triage

log = logging.getLogger(__name__)
# Junk lets a sensitive term pass it on only when every stem of the term has 3+ letters: random bytes are full of
# two-letter runs, and "sued" stems to "su" (the hostile Slack battery saw binary noise handed off as "legal")
MIN_JUNK_TERM_STEM = 3


@dataclass(frozen=True)
class Screened:
    reply: Reply | None  # set: the road ends here with this reply
    text: str = ""  # else: the question text to answer (the sensitive part of a long message)


class Guard:
    """Wired by the composition root (bot/app.py). `limiter` is a provider, called only for recorded questions:
    `ask(..., record=False)` never opens the database."""

    def __init__(
        self,
        settings: Settings,
        *,
        triage: Triage | None,
        contacts: ContactDirectory,
        limiter: Callable[[], RateLimiter] | None = None,
    ) -> None:
        self.settings = settings
        self._triage = triage
        self._contacts = contacts
        self._limiter = limiter
        self.limits = Limits(settings.rate_questions_per_minute, settings.rate_handoffs_per_hour)
        self._terms: list[list[Term]] | None = None

    def screen(self, cleaned: CleanText, asker: Asker, record: bool = True) -> Screened:
        """The reply that ends the road (too long, empty, junk, too many questions), or the text to go on with."""
        default = self.settings.default_language
        if cleaned.too_long:
            return Screened(
                _refusal(
                    default,
                    "guard.too_long",
                    length=_number(cleaned.original_length, default),
                    limit=_number(self._max_input, default),
                )
            )
        if not cleaned.text:  # nothing at all, or only invisible and control characters
            return Screened(_refusal(default, "empty_question" if cleaned.blank else "guard.not_understood"))
        whole = cleaned.full or cleaned.text
        language = detect_language(cleaned.text, default=default)
        sensitive = self.sensitive_part(cleaned)
        if sensitive is None and is_junk(whole):
            log.info("junk message from %s refused (%d chars)", asker.platform, len(whole))
            return Screened(_refusal(default, "guard.not_understood"))  # noise has no language of its own
        if record and self._exceeded("questions", asker.user_id):
            log.info("question rate limit reached (%s)", asker.platform)
            return Screened(_refusal(language, "guard.question_limit", limit=self.limits.questions_per_minute))
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
            rest = rest[len(piece) :].lstrip()
        return None

    def may_hand_off(self, asker: Asker) -> bool:
        return not self._exceeded("handoffs", asker.user_id)

    def handoff_refusal(self, language: str, role: str | None) -> str:
        contact = self._contacts.get(role)
        return t(
            "guard.handoff_limit", language, limit=self.limits.handoffs_per_hour, email=contact.email or contact.name
        )

    def names_sensitive_topic(self, text: str) -> bool:
        """Does the text name a sensitive category's term (either language)? Junk that does goes on to triage."""
        triage = self._triage
        if triage is None:
            return False
        from bot.triage.matching import MessageTokens

        tokens = MessageTokens(text, None)
        return any(tokens.matching(terms) for terms in self._telling_terms(triage))

    def _telling_terms(self, triage: Triage) -> list[list[Term]]:
        """The triage terms long enough to tell a topic even inside noise (see MIN_JUNK_TERM_STEM)."""
        if self._terms is None:
            self._terms = [
                [term for term in terms if min(map(len, term.stems)) >= MIN_JUNK_TERM_STEM]
                for terms in triage.terms.values()
            ]
        return self._terms

    @property
    def _max_input(self) -> int:
        return self.settings.max_input_chars

    def _exceeded(self, what: str, user_id: str) -> bool:
        """Is the user over the limit? A limit that cannot be counted (database down) stops nothing."""
        if self._limiter is None:
            return False
        try:
            limiter = self._limiter()
            check = limiter.questions_exceeded if what == "questions" else limiter.handoffs_exceeded
            return bool(check(user_id))
        except Exception:  # noqa: BLE001
            log.exception("rate limit could not be checked")
            return False


def _refusal(language: str, key: str, **values: object) -> Reply:
    return Reply(question="", language=language, outcome="out_of_scope", answer=t(key, language, **values))


def _number(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if language == "de" else text
