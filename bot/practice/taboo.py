""" "Worüber darf ich nicht posten?" / "What must I not post about?": the company's taboo topics with one example
each, from its own files: the triage's sensitive categories (questions a person decides; knowledge/triage.yaml on
Lotse's defaults) and the post-check rules that need clearing (knowledge/postcheck/ on Lotse's defaults). The
company's own example is preferred, and a real case a contact person took over ("Als Beispiel übernehmen",
bot/learning/case_examples.py) before that, so the list grows with the company's cases."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.i18n import register, t
from bot.labels import category_label
from bot.language import detect_language

log = logging.getLogger(__name__)
MAX_EXAMPLE_CHARS = 160

register(
    {
        "taboo.intro": {
            "de": "Das sind bei uns die Tabuthemen – jeweils mit einem Beispiel:",
            "en": "These are our taboo topics – each with an example:",
        },
        "taboo.posts": {
            "de": "Gehört ohne Freigabe der Unternehmenskommunikation nicht in einen Beitrag:",
            "en": "Does not go into a post without clearance by the communications team:",
        },
        "taboo.person": {
            "de": "Dazu sag oder poste nichts selbst – ich gebe solche Fragen vertraulich an eine Ansprechperson weiter:",
            "en": "Don't say or post anything about these yourself – I pass such questions on to a contact person, confidentially:",
        },
        "taboo.line": {"de": "{topic} – z. B. „{example}“", "en": "{topic} – e.g. “{example}”"},
        "taboo.outro": {
            "de": "Unsicher? Schick mir deinen Entwurf mit /check, bevor du postest.",
            "en": "Not sure? Send me your draft with /check before you post.",
        },
    }
)

_QUESTION = re.compile(
    r"^\s*(?:"
    r"wor(?:ü|ue)ber\s+(?:darf|soll|sollte)\s+ich\s+(?:nicht|nichts)\s+(?:posten|schreiben|reden|sprechen)"
    r"|was\s+darf\s+ich\s+nicht\s+posten"
    r"|welche\s+themen\s+sind\s+(?:tabu|verboten)"
    r"|(?:was|welche)\s+(?:sind\s+(?:die\s+|unsere\s+)?)?tabuthemen"
    r"|tabuthemen"
    r"|what\s+(?:can[’']t|cannot|can\s+not|mustn[’']t|must\s+not|shouldn[’']t|should\s+not)\s+i\s+post(?:\s+about)?"
    r"|what\s+(?:must|should|can)\s+i\s+not\s+post(?:\s+about)?"
    r"|what\s+(?:topics\s+)?(?:are|is)\s+(?:taboo|off[- ]limits)"
    r"|(?:what\s+are\s+(?:the\s+|our\s+)?)?taboo\s+topics"
    r")\s*(?:bei\s+\w+|at\s+\w+|here|hier)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def is_taboo_question(text: str) -> bool:
    return bool(_QUESTION.match(text or ""))


@dataclass(frozen=True)
class TabooTopic:
    category: str
    example: str
    kind: str  # person (triage) | posts (post-check)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[: MAX_EXAMPLE_CHARS - 1] + "…"


def triage_topics(knowledge_dir: Path, language: str) -> list[TabooTopic]:
    from bot.triage.config import load_config_or_default

    config, _source = load_config_or_default(Path(knowledge_dir) / "triage.yaml")
    found = []
    for category in config.sensitive:
        examples = category.examples_en if language == "en" else category.examples_de
        if examples:  # the last one: a company's own examples come after Lotse's
            found.append(TabooTopic(category.name, _clip(examples[-1]), "person"))
    return found


def rule_topics(knowledge_dir: Path, language: str) -> list[TabooTopic]:
    from bot.postcheck.ruleset import load_rule_set

    rules = load_rule_set(Path(knowledge_dir) / "postcheck")
    chosen: dict[str, TabooTopic] = {}
    own_first = sorted(rules.rules, key=lambda item: item.rule.id.startswith("lotse."))
    taking = [item.rule for item in own_first if item.rule.enabled and item.rule.severity == "approval"]
    for rule in taking:
        if rule.category in chosen:
            continue
        same = [other for other in taking if other.category == rule.category]
        cases = [e.text for other in same for e in other.examples.trigger if e.case and _in(e, language)]
        example = cases[-1] if cases else next((e.text for e in rule.examples.trigger if _in(e, language)), None)
        if example:  # a real case a contact person took over first (the latest), else the rule's own example
            chosen[rule.category] = TabooTopic(rule.category, _clip(example), "posts")
    return list(chosen.values())


def _in(example: Any, language: str) -> bool:
    return bool((example.language or detect_language(example.text)) == language)


def taboo_answer(knowledge_dir: Path, language: str) -> str:
    lines = [t("taboo.intro", language)]
    for key, topics in (
        ("taboo.posts", rule_topics(knowledge_dir, language)),
        ("taboo.person", triage_topics(knowledge_dir, language)),
    ):
        if not topics:
            continue
        lines += ["", t(key, language)]
        lines += [
            "• " + t("taboo.line", language, topic=category_label(x.category, language), example=x.example)
            for x in topics
        ]
    lines += ["", t("taboo.outro", language)]
    return "\n".join(lines)
