"""Term and embedding matching for triage.

Terms: the category vocabulary from triage.yaml, compared on stemmed, umlaut-folded words (the same PyStemmer
analysis as the lexical index, bot/retrieval/analysis.py). A term word matches a message word when
  - the stems are equal, or
  - the message stem starts with the term stem and adds at most a short ending ("journalistinn" ~ "journalist"),
  - or the message stem ends with the term stem, i.e. the term is the head of a German compound
    ("rechtsanwalt" ~ "anwalt", "kriminalpolizei" ~ "polizei"), for term stems of 5+ characters.
A phrase of several words matches when its words occur in order with at most MAX_GAP other words between them.
German terms are compared with the German stemmer and English terms with the English one; both run over every
message, so an English word in a German message (and the reverse) still counts.

Combinations: word groups that make a category only together (an act of disclosing + something non-public + what
it is about); each group's words are compiled under both stemmers and match in a message of either language, so a
German question about an English guideline is read with the same vocabulary.

Examples: embedded once per (model, texts) and cached for the process, and per (model, text) on disk beside the
index (bot/vector_cache.py) so the next process reads them instead of embedding them; a message's best
cosine to each group's examples is the embedding score. Both sides are compared without their numbers (`without_numbers`): "Halle 3",
"Variante 3" or a date say nothing about whether a message is sensitive, yet in a short message a shared number
pulls the cosine towards an example that happens to contain it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from bot import vector_cache
from bot.coverage import stems, word_matches
from bot.retrieval.analysis import fold, words

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

MAX_GAP = 3
_NUMBER = re.compile(r"[#№]?\d(?:[\d.,:/-]*\d)?(?:\s*(?:%|€|\$|k\b|mio\b))?", re.IGNORECASE)
_SPACES = re.compile(r"\s+([?!.,;:])|\s{2,}")


def without_numbers(text: str) -> str:
    """The text without numbers, amounts, dates and times ("Halle 3" → "Halle"), for comparing meanings."""
    stripped = _NUMBER.sub(" ", text)
    return _SPACES.sub(lambda m: m.group(1) or " ", stripped).strip()


def plain_words(text: str) -> list[str]:
    """Folded words without stemming (for terms of the other language: "Reporter" must not meet "report")."""
    return [fold(part) for word in words(text) for part in word.replace("'", "").split("-") if len(part) >= 2]


@dataclass(frozen=True)
class Term:
    text: str
    language: str
    stems: tuple[str, ...]
    plain: tuple[str, ...] = ()
    compounds: bool = True  # may be the head of a longer compound ("Rechtsanwalt" ~ "Anwalt")

    def found_in(self, tokens: list[str], exact: bool = False) -> bool:
        parts = self.plain if exact else self.stems
        if not parts:
            return False
        if exact:
            return any(tuple(tokens[i : i + len(parts)]) == parts for i in range(len(tokens)))
        for start, token in enumerate(tokens):
            if not word_matches(self.stems[0], token, self.compounds):
                continue
            position, ok = start, True
            for stem in self.stems[1:]:
                window = tokens[position + 1 : position + 2 + MAX_GAP]
                offset = next((i for i, t in enumerate(window) if word_matches(stem, t, self.compounds)), None)
                if offset is None:
                    ok = False
                    break
                position += 1 + offset
            if ok:
                return True
        return False


def compile_terms(terms_de: list[str], terms_en: list[str]) -> list[Term]:
    compiled = [Term(t, "de", tuple(stems(t, "de")), tuple(plain_words(t))) for t in terms_de]
    compiled += [Term(t, "en", tuple(stems(t, "en")), tuple(plain_words(t))) for t in terms_en]
    return [term for term in compiled if term.stems]  # a term of stop words only would match nothing


class MessageTokens:
    """A message's stems under both stemmers, computed once per message.

    Terms of the message's own language match with stemming; terms of the other language only as exact words
    (an English "Hashtag" in a German message still counts, but German "Reporter" — stem "report" — does not
    fire on an English "expense report"). Without a language, both match stemmed.
    """

    def __init__(self, text: str, language: str | None = None) -> None:
        self.language = language
        self.by_language = {"de": stems(text, "de"), "en": stems(text, "en")}
        self.plain = plain_words(text)

    def matching(self, terms: list[Term]) -> list[str]:
        found = []
        for term in terms:
            if self.language is None or term.language == self.language:
                hit = term.found_in(self.by_language[term.language])
            else:
                hit = term.found_in(self.plain, exact=True)
            if hit:
                found.append(term.text)
        return found


@dataclass(frozen=True)
class CompiledCombination:
    """A combination's groups, each word compiled under both stemmers; `found_in` gives the words that made it."""

    groups: tuple[tuple[Term, ...], ...]

    @classmethod
    def of(cls, groups: list[list[str]]) -> CompiledCombination:
        # every word under both stemmers; compound heads only in German ("Quartalsprognose" ~ "Prognose"), so that
        # a German word read by the English stemmer cannot end another ("erzählen" is not "Zahlen")
        return cls(
            tuple(
                tuple(replace(t, compounds=t.language == "de") for t in compile_terms(group, group)) for group in groups
            )
        )

    def found_in(self, tokens: MessageTokens) -> str | None:
        words: list[str] = []
        for group in self.groups:
            hit = next((t.text for t in group if t.found_in(tokens.by_language[t.language])), None)
            if hit is None:
                return None
            words.append(hit)
        return " + ".join(words)


# --- embeddings --------------------------------------------------------------------------------------------
_cache: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
_lock = threading.Lock()


def embed_cached(embedder: Embedder, texts: list[str]) -> np.ndarray:
    key = (embedder.name, tuple(texts))
    with _lock:
        if key not in _cache:  # on disk beside the index when the composition root named a folder
            _cache[key] = vector_cache.cached_queries(embedder.name, list(texts), embedder.embed_queries)
        return _cache[key]


@dataclass
class ExampleIndex:
    """All groups' examples as one normalized matrix; `best(vector)` gives each group's top cosine."""

    groups: list[str]
    texts: list[str]
    owner: np.ndarray  # group index per example row
    matrix: np.ndarray

    @classmethod
    def build(cls, embedder: Embedder, examples: dict[str, list[str]]) -> ExampleIndex:
        groups = list(examples)
        texts: list[str] = []
        owner: list[int] = []
        for index, group in enumerate(groups):
            texts.extend(without_numbers(text) or text for text in examples[group])
            owner.extend([index] * len(examples[group]))
        matrix = embed_cached(embedder, texts) if texts else np.zeros((0, 1), dtype=np.float32)
        return cls(groups, texts, np.asarray(owner, dtype=int), matrix)

    def best(self, vector: np.ndarray | None) -> dict[str, tuple[float, str]]:
        """group → (best cosine, the example it came from); 0.0 for groups without examples."""
        result = {group: (0.0, "") for group in self.groups}
        if vector is None or not len(self.texts):
            return result
        similarities = self.matrix @ np.asarray(vector, dtype=np.float32)
        for row, similarity in enumerate(similarities):
            group = self.groups[self.owner[row]]
            if similarity > result[group][0]:
                result[group] = (float(similarity), self.texts[row])
        return result
