"""Text analysis for the lexical index: German and English stemming plus compound-aware n-grams.

Snowball stemmers (PyStemmer) fold inflection ("Kunden" → "kund"); character n-grams of the folded stems let
a compound match its parts ("Umsatzzahlen" ~ "Umsätze", "Mitarbeiterfotos" ~ "Fotos von Mitarbeitern").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from bot.language import ENGLISH, GERMAN

_WORD = re.compile(r"[0-9a-zäöüß]+(?:[-'][0-9a-zäöüß]+)*", re.I)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
NGRAM = 4
MIN_NGRAM_WORD = 6

_STOP = frozenset(GERMAN | ENGLISH | {"ok", "okay", "eigentlich", "einfach", "gerade", "genau", "denn"})


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german" if language == "de" else "english")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(normalize(text)) if w not in _STOP]


def fold(stem: str) -> str:
    """Umlauts and ß folded, so "Umsätze" and "Umsatz" meet."""
    return stem.translate(_FOLD)


def ngrams(stem: str) -> list[str]:
    if len(stem) < MIN_NGRAM_WORD:
        return []
    return ["#" + stem[i : i + NGRAM] for i in range(len(stem) - NGRAM + 1)]


def analyze(text: str, language: str) -> list[str]:
    """Tokens for BM25: folded stems of both stemmers' language, plus n-grams of long stems."""
    stemmer = _stemmer(language)
    tokens: list[str] = []
    for word in words(text):
        for part in word.split("-"):
            stem = fold(stemmer.stemWord(part))
            if len(stem) < 2:
                continue
            tokens.append(stem)
            tokens.extend(ngrams(stem))
    return tokens
