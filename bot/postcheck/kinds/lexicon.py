"""Lexicon: terms matched by Snowball stem (German and English), optionally inside compounds.

"Abmahnung" matches "Abmahnungen"; with `compound: head` "Klage" also matches "Patentklage", with `modifier`
"Abmahnungswelle". A compound part must leave at least three letters, so "beklagen" is not "Klage".
Exceptions are phrases in which a match does not count ("Klagenfurt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, dedupe
from bot.postcheck.text import Token, fold, stems, tokenize

MIN_REST = 3


@dataclass(frozen=True)
class _Word:
    folded: str
    stem_de: str
    stem_en: str


@dataclass
class _Form:
    """One distinct word of the post (lower-cased) with its folded form, stems and token positions."""

    folded: str
    stem_de: str
    stem_en: str
    positions: list[int]


class Vocabulary:
    """The post's distinct words, indexed by folded form and by stem, built once per post.

    Why: comparing every term with every token made the check cost (terms x tokens) with a large constant, a
    40,000-character draft took tens of seconds. Now a plain term is a few dictionary look-ups; only compound
    terms (a few dozen) scan the distinct words, never the tokens.
    """

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.forms: dict[str, _Form] = {}
        for position, token in enumerate(tokens):
            low = token.text.lower()
            form = self.forms.get(low)
            if form is None:
                form = self.forms[low] = _Form(token.folded, *token.stems, [])
            form.positions.append(position)
        self.by_folded: dict[str, list[_Form]] = {}
        self.by_stem: dict[tuple[str, str], list[_Form]] = {}
        for form in self.forms.values():
            self.by_folded.setdefault(form.folded, []).append(form)
            self.by_stem.setdefault(("de", form.stem_de), []).append(form)
            self.by_stem.setdefault(("en", form.stem_en), []).append(form)

    @classmethod
    def of(cls, post: Post) -> Vocabulary:
        """The post's vocabulary, cached on the post (all lexicon and conditional rules share it)."""
        vocabulary = vars(post).get("_vocabulary")
        if vocabulary is None:
            vocabulary = vars(post)["_vocabulary"] = cls(post.tokens)
        return vocabulary


class TermMatcher:
    def __init__(self, term: str, compound: str = "none", exact: bool = False) -> None:
        self.term = term
        self.compound = compound
        self.exact = exact
        self.words = [_Word(fold(t.text), *stems(t.text)) for t in tokenize(term)]

    def _word_matches(self, word: _Word, token: Token, position: str) -> bool:
        return self._matches(word, token.folded, *token.stems, position)

    def _matches(self, word: _Word, folded: str, de: str, en: str, position: str) -> bool:
        if folded == word.folded:
            return True
        if self.exact:
            return False
        if de == word.stem_de or en == word.stem_en:
            return True
        core = word.stem_de if len(word.stem_de) >= 4 else word.folded
        if len(folded) < len(core) + MIN_REST:
            return False
        mode = self.compound
        if mode == "none" or position == "inner":
            return False
        if mode in ("head", "any") and position in ("last", "only") and de.endswith(core):
            return len(de) - len(core) >= MIN_REST
        if mode in ("modifier", "any") and position in ("first", "only") and folded.startswith(core):
            return True
        if mode == "any" and core in folded:
            return True
        return False

    def _starts(self, vocabulary: Vocabulary) -> list[int]:
        """Token positions where the term's first word matches (look-ups; a scan of distinct words only for
        compound terms)."""
        word = self.words[0]
        position = "only" if len(self.words) == 1 else "first"
        if self.compound != "none" and not self.exact:
            forms = [
                f for f in vocabulary.forms.values() if self._matches(word, f.folded, f.stem_de, f.stem_en, position)
            ]
        else:
            forms = list(vocabulary.by_folded.get(word.folded, []))
            if not self.exact:
                forms += vocabulary.by_stem.get(("de", word.stem_de), [])
                forms += vocabulary.by_stem.get(("en", word.stem_en), [])
        return sorted({p for form in forms for p in form.positions})

    def find(self, tokens: list[Token] | Vocabulary) -> list[tuple[int, int]]:
        vocabulary = tokens if isinstance(tokens, Vocabulary) else Vocabulary(tokens)
        tokens = vocabulary.tokens
        n = len(self.words)
        if n == 0:
            return []
        found = []
        for i in self._starts(vocabulary):
            if i + n > len(tokens):
                continue
            ok = True
            for k, word in enumerate(self.words[1:], start=1):
                position = "last" if k == n - 1 else "inner"
                if not self._word_matches(word, tokens[i + k], position):
                    ok = False
                    break
            if ok:
                found.append((tokens[i].start, tokens[i + n - 1].end))
        return found


def exception_spans(text: str, exceptions: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for phrase in exceptions:
        words = [re.escape(w) for w in phrase.split()]
        pattern = r"(?<!\w)" + r"\s+".join(words) + r"\w*"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text, re.I))
    return spans


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


class LexiconMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        self.terms = [TermMatcher(t.term, t.compound, t.exact) for t in rule.terms]

    def find(self, post: Post) -> list[Hit]:
        vocabulary = Vocabulary.of(post)
        hits = [Hit(s, e) for term in self.terms for s, e in term.find(vocabulary)]
        if hits and self.rule.exceptions:
            spans = exception_spans(post.text, self.rule.exceptions)
            hits = [h for h in hits if not inside((h.start, h.end), spans)]
        return dedupe(hits)
