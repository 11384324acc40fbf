"""Pattern: regular expressions, optionally only with a context word near the match (money + "Umsatz")."""

from __future__ import annotations

import re

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, dedupe


class PatternMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        flags = 0 if rule.case_sensitive else re.I
        self.patterns = [re.compile(p, flags) for p in rule.patterns]
        self.context = [re.compile(p, re.I) for p in rule.context]
        self.unless = [re.compile(p, re.I) for p in rule.unless]
        self.exceptions = [re.compile(p, re.I) for p in rule.exceptions]

    def _window(self, post: Post, start: int, end: int) -> str:
        width = self.rule.context_window
        if width == 0:
            return post.text
        return post.text[max(0, start - width) : end + width]

    def find(self, post: Post) -> list[Hit]:
        hits: list[Hit] = []
        exception_spans = [(m.start(), m.end()) for p in self.exceptions for m in p.finditer(post.text)]
        for pattern in self.patterns:
            for m in pattern.finditer(post.text):
                if m.end() == m.start():
                    continue
                if any(s < m.end() and m.start() < e for s, e in exception_spans):
                    continue
                window = self._window(post, m.start(), m.end())
                if self.context and not any(c.search(window) for c in self.context):
                    continue
                if self.unless and any(u.search(window) for u in self.unless):
                    continue
                hits.append(Hit(m.start(), m.end()))
        return dedupe(hits)
