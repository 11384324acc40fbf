"""Whether a question may become searchable knowledge: no personal data, not too personal in length.

A learned question view is read by nobody but matched by everyone's questions, and it lives in the knowledge
folder beyond the retention period. So a question that names a way to reach someone (e-mail address, phone
number, IBAN, a platform mention) or a long account of one person's situation never becomes a view.
"""

from __future__ import annotations

import re

import phonenumbers

from bot.postcheck.kinds.personal_data import EMAIL, IBAN

MAX_VIEW_CHARS = 300  # longer messages tell a story about someone; a view is a question, not a story
MENTION = re.compile(r"<@[A-Z0-9]+>|(?<![\w.])@[A-Za-z][\w.-]{1,}")
LONG_NUMBER = re.compile(r"\d(?:[ /.-]?\d){6,}")  # ids, account, personnel or case numbers


def has_personal_data(text: str) -> bool:
    if EMAIL.search(text) or IBAN.search(text) or MENTION.search(text) or LONG_NUMBER.search(text):
        return True
    return any(True for _ in phonenumbers.PhoneNumberMatcher(text, "DE", leniency=phonenumbers.Leniency.VALID))


def may_become_view(question: str | None, category: str | None) -> bool:
    """A question of no sensitive category, short enough, without personal data."""
    text = " ".join((question or "").split())
    return bool(text) and category is None and len(text) <= MAX_VIEW_CHARS and not has_personal_data(text)
