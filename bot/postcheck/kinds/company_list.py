"""Company lists: names from knowledge/company.yaml (customers, unannounced products, code names, projects).

Names that are also ordinary words ("Falke", "Kranich") count only when the post has company context; a rule
with `context` (competitors) counts a name only with a comparison or judgement within 100 characters.
"""

from __future__ import annotations

import re

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, compile_names, dedupe

CONTEXT_WINDOW = 100  # characters around a name in which `context` must occur


class CompanyListMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        excluded: set[str] = set()
        for item in rule.exclude:
            values = env.company_values(item)
            excluded.update(v.lower() for v in (values or [item]))
        names = [n for path in rule.source for n in env.company_values(path) if n.lower() not in excluded]
        ambiguous = {a.lower() for a in rule.ambiguous}
        self.clear = compile_names([n for n in names if n.lower() not in ambiguous])
        self.ambiguous = compile_names([n for n in names if n.lower() in ambiguous])
        self.ambiguous_context = [re.compile(p, re.I) for p in rule.ambiguous_context]
        self.context = [re.compile(p, re.I) for p in rule.context]
        self.names = names

    def find(self, post: Post) -> list[Hit]:
        hits: list[Hit] = []
        if self.clear is not None:
            hits.extend(Hit(m.start(), m.end(), detail=m.group()) for m in self.clear.finditer(post.text))
        if self.ambiguous is not None:
            found = [Hit(m.start(), m.end(), detail=m.group()) for m in self.ambiguous.finditer(post.text)]
            if found and any(c.search(post.text) for c in self.ambiguous_context):
                hits.extend(found)
        if self.context:
            kept = []
            for hit in hits:
                scope = post.text[max(0, hit.start - CONTEXT_WINDOW) : hit.end + CONTEXT_WINDOW]
                if any(c.search(scope) for c in self.context):
                    kept.append(hit)
            hits = kept
        return dedupe(hits)
