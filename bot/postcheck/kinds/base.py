"""What every rule kind sees (the post, the environment) and returns (hits in the normalised text)."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from bot.language import detect_language
from bot.postcheck.text import MappedText, Sentence, Token, sentences, tokenize


@dataclass
class Hit:
    start: int
    end: int
    replacement: str | None = None
    append: str | None = None
    detail: str = ""
    quote: Any = None  # a GuidelineQuote of its own (guideline sentences); else the rule's section is quoted
    topic: str | None = None  # classifier rules: the risk topic (category, severity and message come from it)


@dataclass
class Environment:
    company: dict[str, Any] = field(default_factory=dict)
    embedder: Callable[[], Any] | None = None  # returns the Embedder, loaded on first use

    def company_values(self, path: str) -> list[str]:
        """Names under a dotted path of company.yaml; entries with name/aliases yield both."""
        node: Any = self.company
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                return []
        items = node if isinstance(node, list) else [node]
        names: list[str] = []
        for item in items:
            if isinstance(item, str):
                names.append(item)
            elif isinstance(item, dict):
                if item.get("name"):
                    names.append(str(item["name"]))
                names.extend(str(a) for a in item.get("aliases") or [])
        return [n.strip() for n in names if n and n.strip()]


class Post:
    """The normalised draft with lazily computed tokens, sentences and sentence embeddings."""

    def __init__(self, mapped: MappedText, language: str, env: Environment) -> None:
        self.mapped = mapped
        self.text = mapped.text
        self.language = language
        self.env = env
        self._embeddings: dict[tuple[int, tuple[str, ...]], np.ndarray] = {}
        self.covered: list[tuple[int, int]] = []  # spans explicit rules already flagged (normalised text)
        self.flagged: list[tuple[int, int]] = []  # spans any rule flagged (revise or approval) so far

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    def sentence_of(self, start: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= start < sentence.end:
                return sentence
        return None

    def sentence_embeddings(
        self,
        min_words: int,
        languages: tuple[str, ...] = ("de", "en"),
    ) -> tuple[list[Sentence], np.ndarray | None]:
        """Embeddings of the sentences (with enough words, in `languages`) no explicit rule has flagged yet."""
        chosen = [
            s
            for s in self.sentences
            if len(tokenize(s.text)) >= min_words and not any(a < s.end and s.start < b for a, b in self.covered)
        ]
        if len(languages) < 2:
            chosen = [s for s in chosen if detect_language(s.text, self.language) in languages]
        chosen = within_budget(chosen)
        if not chosen or self.env.embedder is None:
            return chosen, None
        key = (min_words, languages)
        if key not in self._embeddings:
            self._embeddings[key] = embed_sentences(self.env.embedder(), [s.text[:SENTENCE_CHARS] for s in chosen])
        return chosen, self._embeddings[key]


SENTENCE_CHARS = 600  # the embedding model reads at most so much of one sentence
SEMANTIC_CHARS = 3000  # … and at most so much of a draft in all (a LinkedIn post): model time grows with each character


def within_budget(chosen: list[Sentence]) -> list[Sentence]:
    """The first sentences whose (capped) lengths fit SEMANTIC_CHARS: a 40,000-character draft would otherwise
    cost the embedding model tens of seconds. The explicit rules still read the whole draft."""
    kept: list[Sentence] = []
    used = 0
    for sentence in chosen:
        used += min(len(sentence.text), SENTENCE_CHARS)
        if used > SEMANTIC_CHARS:
            break
        kept.append(sentence)
    return kept


_SENTENCE_CACHE: OrderedDict[tuple[int, str], np.ndarray] = OrderedDict()
SENTENCE_CACHE_SIZE = 4096


def embed_sentences(embedder: Any, texts: list[str]) -> np.ndarray:
    """Embed with a small cache: a revised draft is re-checked with mostly unchanged sentences."""
    key_base = id(embedder)
    missing = [t for t in dict.fromkeys(texts) if (key_base, t) not in _SENTENCE_CACHE]
    if missing:
        for text, vector in zip(missing, embedder.embed_queries(missing), strict=True):
            _SENTENCE_CACHE[(key_base, text)] = vector
            while len(_SENTENCE_CACHE) > SENTENCE_CACHE_SIZE:
                _SENTENCE_CACHE.popitem(last=False)
    rows = []
    for text in texts:
        _SENTENCE_CACHE.move_to_end((key_base, text))
        rows.append(_SENTENCE_CACHE[(key_base, text)])
    return np.vstack(rows)


def clear_sentence_cache() -> None:
    _SENTENCE_CACHE.clear()


class Matcher:
    def __init__(self, rule: Any, env: Environment) -> None:
        self.rule = rule
        self.env = env

    def find(self, post: Post) -> list[Hit]:  # pragma: no cover - interface
        raise NotImplementedError


def name_pattern(name: str) -> str:
    """A regex for a name: any whitespace/hyphen between its words, word boundaries, genitive s allowed."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", name.strip()) if w]
    return r"(?<![\w@#])" + r"[\s\-]+".join(words) + r"(?:s|'s)?(?![\w])"


def compile_names(names: list[str]) -> re.Pattern[str] | None:
    unique = sorted({n for n in names if n}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(f"(?:{name_pattern(n)})" for n in unique), re.I)


def dedupe(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits of one rule: keep the longest, in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
