"""Rule kinds: each module compiles one kind of rule into a matcher with `find(post) -> list[Hit]`."""

from __future__ import annotations

from typing import Any

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post


def compile_rule(rule: Any, env: Environment) -> Matcher:
    from bot.postcheck.kinds import (
        classifier,
        company_list,
        conditional,
        lexicon,
        pattern,
        personal_data,
        semantic,
    )

    builders = {
        "lexicon": lexicon.LexiconMatcher,
        "pattern": pattern.PatternMatcher,
        "personal_data": personal_data.PersonalDataMatcher,
        "company_list": company_list.CompanyListMatcher,
        "conditional": conditional.ConditionalMatcher,
        "semantic": semantic.SemanticMatcher,
        "classifier": classifier.ClassifierMatcher,
    }
    return builders[rule.kind](rule, env)


__all__ = ["Environment", "Hit", "Matcher", "Post", "compile_rule"]
