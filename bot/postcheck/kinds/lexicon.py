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


class TermMatcher:
    def __init__(self, term: str, compound: str = "none", exact: bool = False) -> None:
        self.term = term
        self.compound = compound
        self.exact = exact
        self.words = [_Word(fold(t.text), *stems(t.text)) for t in tokenize(term)]

    def _word_matches(self, word: _Word, token: Token, position: str) -> bool:
        folded = token.folded
        if folded == word.folded:
            return True
        if self.exact:
            return False
        de, en = token.stems
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

    def find(self, tokens: list[Token]) -> list[tuple[int, int]]:
        n = len(self.words)
        if n == 0:
            return []
        found = []
        for i in range(len(tokens) - n + 1):
            ok = True
            for k, word in enumerate(self.words):
                position = "only" if n == 1 else "first" if k == 0 else "last" if k == n - 1 else "inner"
                if not self._word_matches(word, tokens[i + k], position):
                    ok = False
                    break
            if ok:
                found.append((tokens[i].start, tokens[i + n - 1].end))
        return found


def exception_spans(text: str, exceptions: list[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in exceptions:
        words = [re.escape(w) for w in phrase.split()]
        pattern = r"(?<!\w)" + r"\s+".join(words) + r"\w*"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text, re.I))
    return spans


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


class LexiconMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, env)
        self.terms = [TermMatcher(t.term, t.compound, t.exact) for t in rule.terms]

    def find(self, post: Post) -> list[Hit]:
        hits = [Hit(s, e) for term in self.terms for s, e in term.find(post.tokens)]
        if hits and self.rule.exceptions:
            spans = exception_spans(post.text, self.rule.exceptions)
            hits = [h for h in hits if not inside((h.start, h.end), spans)]
        return dedupe(hits)
