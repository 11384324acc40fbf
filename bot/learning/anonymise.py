"""A real case as an example others may read: personal data becomes placeholders, the text a sensible length.

    anonymise("Frau Schulz (anna.schulz@gmx.de, 0171 2345678) sagt …", "de", names=["Katrin Vogt"])
    → "Frau [NAME] ([E-MAIL], [TELEFON]) sagt …"
    shorten(text, 240, keep="Großkunden")   # the sentence(s) around what must stay, else the beginning

Uses the project's own patterns: e-mail and IBAN of the post check's personal-data rule, mentions and long numbers
of the learning loop's privacy check, phone numbers via phonenumbers (offline). Names are found where they can be
without a language model: after a form of address ("Herr Meier", "Kollegin Anna", "Mr Smith"), and the names the
company knows (its contact people). Customer and product names stay: they are what a rule is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from bot.learning.privacy import MENTION
from bot.postcheck.kinds.personal_data import EMAIL, IBAN

PLACEHOLDERS = {
    "de": {"name": "[NAME]", "email": "[E-MAIL]", "phone": "[TELEFON]", "mention": "[@PERSON]", "url": "[LINK]"},
    "en": {"name": "[NAME]", "email": "[E-MAIL]", "phone": "[PHONE]", "mention": "[@PERSON]", "url": "[LINK]"},
}
NUMBER = {"de": "[NUMMER]", "en": "[NUMBER]"}
IBAN_PLACEHOLDER = "[IBAN]"
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]", re.IGNORECASE)
SLACK_LINK = re.compile(r"<(?:https?|mailto):[^>]+>")  # Slack wraps links and addresses: <https://…|text>
# an id, personnel or case number; amounts with thousands separators ("1.000.000 €") stay: rules are about them
ID_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])\d(?:[ /-]?\d){6,}(?!\d)(?![.,]\d)")
_CAPITALISED = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
ADDRESSED = re.compile(
    r"\b(?P<form>(?:Herrn?|Frau|Hr\.|Fr\.|Dr\.|Prof\.|Kollegen?|Kollegin|Chefin|Chef|Mr\.?|Mrs\.?|Ms\.?|Miss|"
    r"[Cc]olleague|[Mm]anager|[Bb]oss)(?:\s+(?:Dr\.|Prof\.))?)\s+"
    rf"(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED})?)"
)
# German nouns are capitalised too: after "Kollege"/"Chef" these are words, not names
NOT_NAMES = frozenset(
    {"Aus", "Bei", "Der", "Die", "Das", "Hat", "Ist", "Und", "Von", "Vom", "War", "Wird", "The", "And", "Has", "Was"}
)
MAX_EXAMPLE_CHARS = 240


def anonymise(text: str, language: str = "de", names: Iterable[str] = ()) -> str:
    """`text` with e-mail addresses, phone numbers, IBANs, mentions, links, id numbers and names as placeholders."""
    words = PLACEHOLDERS["en" if language == "en" else "de"]
    text = SLACK_LINK.sub(lambda m: words["email"] if m.group().startswith("<mailto:") else words["url"], text)
    text = URL.sub(words["url"], text)
    text = EMAIL.sub(words["email"], text)
    text = IBAN.sub(IBAN_PLACEHOLDER, text)
    text = MENTION.sub(words["mention"], text)
    text = _phones(text, words["phone"])
    text = ID_NUMBER.sub(NUMBER["en" if language == "en" else "de"], text)
    text = _known_names(text, names, words["name"])
    return ADDRESSED.sub(lambda m: _addressed(m, words["name"]), text)


def _phones(text: str, placeholder: str) -> str:
    matches = list(phonenumbers.PhoneNumberMatcher(text, "DE", leniency=phonenumbers.Leniency.VALID))
    for match in reversed(matches):  # from the end: earlier offsets stay valid
        start = match.start + 1 if match.raw_string.startswith("(") and ")" not in match.raw_string else match.start
        text = text[:start] + placeholder + text[match.end :]
    return text


def _known_names(text: str, names: Iterable[str], placeholder: str) -> str:
    parts: set[str] = set()
    for name in names:
        words = [w for w in re.split(r"\s+", name.strip()) if w and not w.endswith(".")]
        if len(words) >= 2:
            parts.add(" ".join(words))
            parts.add(words[-1])  # the family name alone ("Frau Vogt")
    for part in sorted(parts, key=len, reverse=True):  # the full name before its family name
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", placeholder, text)
    return text


def _addressed(match: re.Match[str], placeholder: str) -> str:
    name = match.group("name")
    if name.split()[0] in NOT_NAMES:
        return match.group()
    return f"{match.group('form')} {placeholder}"


def shorten(text: str, limit: int = MAX_EXAMPLE_CHARS, keep: str | None = None) -> str:
    """One line of at most `limit` characters: whole sentences around `keep` (or from the start), else cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]
    start = next((i for i, s in enumerate(sentences) if keep and keep in s), 0)
    chosen = [sentences[start]]
    for following in sentences[start + 1 :]:
        if len(" ".join([*chosen, following])) > limit:
            break
        chosen.append(following)
    shortened = " ".join(chosen)
    if len(shortened) <= limit:
        return shortened
    return _cut(shortened, limit, keep)


def _cut(text: str, limit: int, keep: str | None) -> str:
    """A window of `limit` characters on word boundaries, around `keep` when it is in the text."""
    at = text.find(keep) if keep else -1
    begin = max(0, min(at - limit // 3, len(text) - limit)) if at > 0 else 0
    if begin:
        begin = text.find(" ", begin) + 1 or begin
    window = text[begin : begin + limit - 2]
    if begin + limit - 2 < len(text):
        window = window.rsplit(" ", 1)[0]
    return ("…" if begin else "") + window.strip() + ("…" if begin + len(window) < len(text) else "")
