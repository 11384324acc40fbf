"""What leaves the machine: personal data in an employee's question is masked before a model sees it.

E-mail addresses, IBANs and phone numbers become placeholders ("[E-MAIL]", "[IBAN]", "[TELEFON]"/"[PHONE]").
The passages are the company's own published guideline and are sent as they are.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.I)
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d /()-]{6,}\d")
PLACEHOLDERS = {
    "de": {"email": "[E-MAIL]", "iban": "[IBAN]", "phone": "[TELEFON]"},
    "en": {"email": "[E-MAIL]", "iban": "[IBAN]", "phone": "[PHONE]"},
}


def mask(text: str, language: str = "de") -> str:
    names = PLACEHOLDERS.get(language, PLACEHOLDERS["de"])
    text = _EMAIL.sub(names["email"], text)
    text = _IBAN.sub(names["iban"], text)
    return _PHONE.sub(lambda m: names["phone"] if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)
