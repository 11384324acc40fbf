"""The rules a check runs: Lotse's shipped defaults (bot/postcheck/defaults/) plus the company's own folder.

A company rule with the id of a shipped rule replaces it; `disable: [lotse.figures.hints, lotse.competition.*]`
(top level of any rule file) or a bare `{id: lotse.figures.hints, enabled: false}` switches shipped rules off.
How many rules the company itself brings is kept: a check that rests on the defaults alone says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from bot.postcheck.rules import LoadedRule, RuleError, load_folder

DEFAULTS_DIR = Path(__file__).with_name("defaults")


@dataclass
class RuleSet:
    rules: list[LoadedRule]
    errors: list[RuleError]
    company_rules: int  # enabled rules from the company's own folder
    disabled: list[str]  # ids (or patterns) the company switched off


def load_rule_set(company_dir: Path, shipped_dir: Path | None = DEFAULTS_DIR) -> RuleSet:
    """Shipped rules first, then the company's; a company id equal to a shipped one overrides it."""
    shipped = load_folder(shipped_dir) if shipped_dir is not None else None
    company = load_folder(company_dir, missing_ok=True)
    errors = [*(shipped.errors if shipped else []), *company.errors]
    own = {item.rule.id for item in company.rules}
    rules: list[LoadedRule] = []
    matched: set[str] = set()
    for item in shipped.rules if shipped else []:
        if item.rule.id in own:
            continue
        hit = [p for p in company.disabled if fnmatchcase(item.rule.id, p)]
        if hit:
            matched.update(hit)
            continue
        rules.append(item)
    for pattern in company.disabled:
        if pattern not in matched and not any(fnmatchcase(i, pattern) for i in own):
            errors.append(RuleError(str(company_dir), f"`disable`: no shipped rule matches {pattern!r}"))
    rules.extend(company.rules)
    company_rules = sum(1 for item in company.rules if item.rule.enabled)
    return RuleSet(rules, errors, company_rules, list(company.disabled))
