"""Is a message junk, i.e. nothing a person could read as a question?

Junk: no word at all (binary noise, invisible characters, digits and punctuation, `1=1; --`), mostly noise with
hardly a word in it (random bytes that happen to contain letters), or code without a German or English word
(`SELECT * FROM users; DROP TABLE x`). Everything here is one linear pass over the (already cleaned and
length-limited) text. Whether junk still mentions a sensitive topic is decided by the caller (see guard.py):
a press inquiry wrapped in binary garbage must still reach a person.
"""

from __future__ import annotations

import re

from bot.language import ENGLISH, GERMAN

_WORD = re.compile(r"[^\W\d_]{2,}")  # a run of two or more letters, any script
_VOWEL = re.compile(r"[aeiouyäöüàáâéèêíìîóòôúùûåæø]", re.I)
MIN_LETTER_SHARE = 0.5  # prose is ~80 % letters; below half it is noise unless real words say otherwise
MIN_KNOWN_WORDS = 2
_SQL = frozenset(
    "select insert update delete drop union from where table into values or and not null exec "
    "execute alter create truncate having group order by limit sleep benchmark waitfor delay "
    "script alert onerror img src iframe javascript".split()
)
_PROSE = (GERMAN | ENGLISH) - _SQL
_INJECTION = re.compile(r"'\s*(?:--|#|;|=|or\b|and\b)|;\s*--|/\*|\*/", re.I)  # quote-and-comment tricks


def is_junk(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if _VOWEL.search(w) or w.isupper()]  # "HR?", "PR?" are questions
    if not words:
        return True
    prose = sum(1 for w in words if _is_prose(w))
    if prose == 0 and (sum(1 for w in words if w.lower() in _SQL) >= 2 or _INJECTION.search(text)):
        return True  # code or an injection, not a sentence
    visible = sum(1 for ch in text if not ch.isspace())
    letters = sum(len(w) for w in words)
    return letters < MIN_LETTER_SHARE * visible and prose < MIN_KNOWN_WORDS


def _is_prose(word: str) -> bool:
    """A German or English function word of three or more letters, written as people write ("der", "Und")."""
    return len(word) >= 3 and (word.islower() or word.istitle()) and word.lower() in _PROSE
