"""Plain-text forms of an exercise and its explanation (terminal, and the fallback text of Slack / Teams)."""

from __future__ import annotations

import bot.practice.texts  # noqa: F401  (registers the practice.* texts)
from bot.i18n import t
from bot.practice.scenarios import LETTERS, Scenario
from bot.practice.service import Outcome


def choice_lines(scenario: Scenario) -> list[str]:
    return [f"{letter}) {choice}" for letter, choice in zip(LETTERS, scenario.choices, strict=True)]


def scenario_text(scenario: Scenario) -> str:
    language = scenario.language
    return "\n".join([t("practice.intro", language), "", scenario.situation, "", *choice_lines(scenario)])


def source_line(scenario: Scenario) -> str:
    return t("practice.source", scenario.language, document=scenario.source.document, section=scenario.source.section)


def outcome_text(outcome: Outcome) -> str:
    scenario = outcome.scenario
    language = scenario.language
    right = f"{LETTERS[scenario.right]}) {scenario.right_choice}"
    lines = [] if outcome.first else [t("practice.already", language)]
    lines.append(t("practice.right" if outcome.right else "practice.not_quite", language, choice=right))
    lines.append(t("practice.why", language, reason=scenario.reason))
    lines.append(source_line(scenario))
    return "\n".join(lines)
