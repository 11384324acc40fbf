"""Span-preserving normalisation of a draft, words with positions, sentences.

The checker never works on a cleaned copy it cannot map back: `MappedText` keeps, for every character of the
normalised text, the offset of the character in the text the user sent. Slack markup (`<@U123>`,
`<http://…|label>`), control characters and decomposed umlauts are normalised; spans found in the normalised
text are mapped back with `MappedText.span()`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from bot.text_input import MAX_MARKS

_SLACK = re.compile(r"<(?P<body>[^<>\n]{1,2000})>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]")
WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüßÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "à": "a"})
# a bare domain starts only where no word, dot or hyphen precedes it: with `\b` every part of "a.a.a.a…" was a
# start that scanned the rest of the chain again (quadratic on 40,000 characters: minutes)
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:de|com|net|org|io)(?:/\S*)?", re.I)
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


@dataclass
class MappedText:
    """Normalised text plus, per character, the offset in the original (one extra entry for the end)."""

    original: str
    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the normalised span [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _slack_replacement(body: str) -> tuple[str, int] | None:
    """(visible text, offset of that text inside the <…> body) for Slack markup, else None."""
    if body[:1] in "@#!":
        if "|" in body and body[0] == "#":
            label = body.split("|", 1)[1]
            return "#" + label, -1  # channel name: shown as #label
        return "", 0  # user mention or special mention: a placeholder
    if re.match(r"(?:https?|mailto|tel):", body):
        if "|" in body:
            url, label = body.split("|", 1)
            return label, len(url) + 1
        return body, 0
    return None


def normalize(original: str) -> MappedText:
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(original)
    while i < n:
        ch = original[i]
        if ch == "<":
            m = _SLACK.match(original, i)
            if m:
                rep = _slack_replacement(m.group("body"))
                if rep is not None:
                    visible, shift = rep
                    body_start = m.start("body")
                    if not visible:
                        out.append(" ")  # mention: keep a word boundary
                        offsets.append(i)
                    elif shift >= 0:
                        for k, c in enumerate(visible):
                            out.append(c)
                            offsets.append(body_start + shift + k)
                    else:  # channel label, "#" mapped to the "#" of the markup
                        label_start = m.start("body") + m.group("body").index("|") + 1
                        out.append("#")
                        offsets.append(i + 1)
                        for k, c in enumerate(visible[1:]):
                            out.append(c)
                            offsets.append(label_start + k)
                    i = m.end()
                    continue
        if _CONTROL.match(ch) and ch not in "\n\t":
            out.append(" ")
            offsets.append(i)
            i += 1
            continue
        # a base character with its combining marks, composed (NFC) and mapped to the base character
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        # at most MAX_MARKS marks are composed (NFC sorts them: quadratic on a flood); the rest is dropped
        chunk = unicodedata.normalize("NFC", original[i : min(j, i + 1 + MAX_MARKS)]) if j > i + 1 else ch
        for c in chunk:
            out.append(c)
            offsets.append(i)
        i = j
    text = "".join(out)
    text = (
        text.replace("\u00a0", " ")
        .replace("\u2019", "'")
        .replace("\u201e", '"')
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2011", "-")
        .replace("\u2013", "-")
    )
    offsets.append(n)
    return MappedText(original, text, offsets)


def fold(word: str) -> str:
    return word.lower().translate(_FOLD)


@lru_cache(maxsize=2)
def stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german" if language == "de" else "english")


@lru_cache(maxsize=20000)
def stems(word: str) -> tuple[str, str]:
    """Folded German and English Snowball stems of a word ("Umsätze" → "umsatz", …)."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    return fold(stemmer("de").stemWord(low)), fold(stemmer("en").stemWord(low))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def stems(self) -> tuple[str, str]:
        return stems(self.text)


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str, max_sentences: int = 200) -> list[Sentence]:
    found: list[Sentence] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add_sentence(found, text, pos, m.start())
        pos = m.end()
        if len(found) >= max_sentences:
            return found
    _add_sentence(found, text, pos, len(text))
    return found[:max_sentences]


def _add_sentence(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(text[start:end], start, end))


@dataclass
class Content:
    """What kind of text the draft is: words, only emojis/links, length."""

    words: int
    links: int
    emojis: int
    only_noise: bool = field(init=False)

    def __post_init__(self) -> None:
        self.only_noise = self.words == 0


def content_of(text: str) -> Content:
    links = URL.findall(text)
    without = URL.sub(" ", text)
    words = [w for w in WORD.findall(without) if not w.isdigit()]
    return Content(len(words), len(links), len(EMOJI.findall(text)))
