"""Conditional: all `when` conditions hold (in the post or in one sentence) and no `unless` condition does.

Example: a promotional post about Nordwerk or its products without a disclosure phrase or hashtag. The
mechanical fix (`revision.append`) adds the missing line at the end.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, compile_names
from bot.postcheck.kinds.lexicon import TermMatcher, Vocabulary


class ConditionMatcher:
    def __init__(self, condition, env: Environment) -> None:
        self.terms = [TermMatcher(t.term, t.compound, t.exact) for t in condition.terms]
        self.patterns = [re.compile(p, re.I) for p in condition.patterns]
        names = [n for path in condition.company for n in env.company_values(path)]
        self.names = compile_names(names)

    def spans(self, post: Post, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        end = len(post.text) if end is None else end
        vocabulary = Vocabulary.of(post)
        found = [(s, e) for term in self.terms for s, e in term.find(vocabulary) if start <= s and e <= end]
        for pattern in self.patterns:
            found.extend((m.start(), m.end()) for m in pattern.finditer(post.text, start, end) if m.end() > m.start())
        if self.names is not None:
            found.extend((m.start(), m.end()) for m in self.names.finditer(post.text, start, end))
        return sorted(found, key=lambda span: (span[0], -span[1]))


class ConditionalMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        self.when = [ConditionMatcher(c, env) for c in rule.when]
        self.unless = [ConditionMatcher(c, env) for c in rule.unless]

    def _append(self, post: Post) -> str | None:
        spec = (self.rule.revision or {}).get("append")
        if isinstance(spec, dict):
            return spec.get(post.language) or spec.get("de")
        return spec if isinstance(spec, str) else None

    def find(self, post: Post) -> list[Hit]:
        if any(u.spans(post) for u in self.unless):
            return []
        # every condition's spans once over the whole post, then per scope by bisection: reading the tokens
        # again for every sentence made a long draft quadratic
        found = [condition.spans(post) for condition in self.when]
        if not all(found):
            return []
        starts = [[span[0] for span in spans] for spans in found]
        scopes = [(s.start, s.end) for s in post.sentences] if self.rule.scope == "sentence" else [(0, len(post.text))]
        for start, end in scopes:
            first: tuple[int, int] | None = None
            for spans, begins in zip(found, starts, strict=True):
                inside = _first_within(spans, begins, start, end)
                if inside is None:
                    break
                first = first or inside
            else:
                if first is not None:
                    return [Hit(first[0], first[1], append=self._append(post))]
        return []


def _first_within(spans: list[tuple[int, int]], begins: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The first span (sorted by start) lying inside [start, end)."""
    for i in range(bisect_left(begins, start), len(spans)):
        s, e = spans[i]
        if s >= end:
            return None
        if e <= end:
            return s, e
    return None
