"""Personal data: e-mail addresses, phone numbers (phonenumbers), IBAN, German tax ids and VAT ids (stdnum).

Everything runs offline. Public function addresses and numbers (social@…, the press line) are allowed per
rule. The mechanical fix masks the value in the suggested revision.
"""

from __future__ import annotations

import re

import phonenumbers
from stdnum import iban as std_iban
from stdnum.de import idnr, stnr
from stdnum.eu import vat as eu_vat

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, dedupe

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.I)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
IDNR = re.compile(r"(?<![\d/])\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}(?![\d/])")
STNR = re.compile(r"(?<![\d/])\d{2,3}/\d{3,4}/\d{4,5}(?![\d/])")
TAX_CONTEXT = re.compile(r"steuer|st\.?-?nr|idnr|identifikationsnummer|tax", re.I)
VAT = re.compile(
    r"\b(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK)"
    r"[ ]?[0-9A-Z](?:[ ]?[0-9A-Z]){7,11}\b"
)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_digits(value: str, keep_start: int, keep_end: int) -> str:
    """Replace digits and letters after the first `keep_start` and before the last `keep_end` by x."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    hide = set(positions[keep_start : len(positions) - keep_end if keep_end else None])
    return "".join("x" if i in hide else c for i, c in enumerate(value))


def _e164(number: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, "DE")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class PersonalDataMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        self.allow_text = {a.strip().lower() for a in rule.allow}
        self.allow_digits = {_digits(a) for a in rule.allow if _digits(a)}
        self.allow_phones = {p for p in (_e164(a) for a in rule.allow if _digits(a)) if p}
        self.finder = getattr(self, "_find_" + rule.detect)

    def find(self, post: Post) -> list[Hit]:
        hits = []
        for start, end, masked in self.finder(post.text):
            hits.append(Hit(start, end, replacement=masked if self.rule.mask else None))
        return dedupe(hits)

    def _allowed_digits(self, value: str) -> bool:
        return _digits(value) in self.allow_digits

    def _find_email(self, text: str):
        for m in EMAIL.finditer(text):
            value = m.group().rstrip(".")
            low = value.lower()
            if low in self.allow_text or "@" + low.split("@", 1)[1] in self.allow_text:
                continue
            yield m.start(), m.start() + len(value), mask_email(value)

    def _find_phone(self, text: str):
        for match in phonenumbers.PhoneNumberMatcher(text, "DE", leniency=phonenumbers.Leniency.VALID):
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in self.allow_phones:
                continue
            digits = _digits(match.raw_string)
            if len(digits) < 7:
                continue
            yield match.start, match.end, mask_digits(match.raw_string, 5, 0)

    def _find_iban(self, text: str):
        for m in IBAN.finditer(text):
            value = m.group()
            if std_iban.is_valid(value) and not self._allowed_digits(value):
                yield m.start(), m.end(), mask_digits(value, 4, 2)

    def _find_tax_id(self, text: str):
        for m in IDNR.finditer(text):
            if idnr.is_valid(m.group()) and not self._allowed_digits(m.group()):
                yield m.start(), m.end(), mask_digits(m.group(), 2, 0)
        for m in STNR.finditer(text):
            near = text[max(0, m.start() - 60) : m.end() + 20]
            if TAX_CONTEXT.search(near) and stnr.is_valid(m.group()) and not self._allowed_digits(m.group()):
                yield m.start(), m.end(), mask_digits(m.group(), 2, 0)

    def _find_vat_id(self, text: str):
        for m in VAT.finditer(text):
            value = m.group()
            compact = value.replace(" ", "")
            if compact.lower() in self.allow_text or self._allowed_digits(value):
                continue
            if eu_vat.is_valid(compact):
                yield m.start(), m.end(), mask_digits(value, 4, 0)
