"""Practice scenarios built from the company's own material, without a language model.

Three sources, each turned into "a situation, three choices, the right one, one sentence why, and the passage":

- FAQ entries (knowledge/faq) whose answer starts with a clear "Ja" / "Nein" / "Nur mit Zustimmung" (yes / no /
  only with consent): the question becomes the situation, the choices are yes / no / ask first;
- the post-check rules' real example drafts (Lotse's defaults and knowledge/postcheck) of rules that cite a section
  of the company's guideline: "Darf das so raus? ok / zur Freigabe / überarbeiten", the rule's severity is the
  answer and its message the reason;
- the guideline's do/don't sentences (bot/postcheck/guideline_rules.py): which of three rules covers a section.

Ids are stable across restarts (rotation remembers them): `faq:<entry id>`, `rule:<rule id>:<hash>`,
`guideline:<document>:<hash>`; a company's own scenarios (knowledge/practice.yaml) are `company:<id>`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import bot.practice.texts  # noqa: F401  (registers the practice.* texts)
from bot.i18n import t
from bot.language import detect_language

log = logging.getLogger(__name__)
LETTERS = ("A", "B", "C")
MAX_DRAFT_CHARS = 280


@dataclass(frozen=True)
class Source:
    document: str  # a document id or title (faq-de, social-media-richtlinie-de)
    section: str  # the heading (or the FAQ question)


@dataclass(frozen=True)
class Scenario:
    id: str
    language: str
    topic: str  # a category key (figures, press, …) or the FAQ's / guideline's topic words
    situation: str
    choices: tuple[str, str, str]
    right: int  # 0..2
    reason: str
    source: Source
    origin: str  # faq | rule | guideline | company

    @property
    def right_choice(self) -> str:
        return self.choices[self.right]


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"“])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(str(text).split())) if s.strip()]


# --- FAQ ------------------------------------------------------------------------------------------------------
_ASK = re.compile(
    r"^(?:nur\s+(?:mit|nach|abgestimmt)|only\s+(?:with|after)|ja,\s*aber\s+nur|yes,\s*but\s+only|bitte nicht ohne|"
    r"not unless|not on your own|nein,\s*nicht auf eigene faust)",
    re.IGNORECASE,
)
_NO = re.compile(r"^(?:nein\b|no\b|bitte nicht\.|please don[’']t\.)", re.IGNORECASE)
_YES = re.compile(r"^(?:ja\b|yes\b|privat ja\b)", re.IGNORECASE)


def faq_kind(answer: str) -> str | None:
    """yes / no / ask from an FAQ answer's first words; None when the answer is not that kind of answer."""
    first = (sentences(answer) or [""])[0]
    for kind, pattern in (("ask", _ASK), ("no", _NO), ("yes", _YES)):
        if pattern.search(first):
            return kind
    return None


def faq_reason(answer: str) -> str:
    """One sentence: the first one that says more than "Nein." / "Ja."."""
    parts = sentences(answer)
    for sentence in parts:
        if len(sentence.split()) >= 4:
            return sentence
    return parts[0] if parts else answer


def from_faq(path: Path) -> list[Scenario]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return []
    language = str(data.get("language") or "de")
    title = str(data.get("title") or path.stem)
    found: list[Scenario] = []
    for entry in data["entries"]:
        if not isinstance(entry, dict) or not entry.get("question") or not entry.get("answer"):
            continue
        kind = faq_kind(str(entry["answer"]))
        if kind is None:
            continue
        question = " ".join(str(entry["question"]).split())
        choices = tuple(t(f"practice.choice.{k}", language) for k in ("yes", "no", "ask"))
        found.append(
            Scenario(
                id=f"faq:{entry.get('id') or short_hash(question)}",
                language=language,
                topic=str(entry.get("topic") or title),
                situation=t("practice.faq_situation", language, question=question),
                choices=(choices[0], choices[1], choices[2]),
                right=("yes", "no", "ask").index(kind),
                reason=faq_reason(str(entry["answer"])),
                source=Source(title, question),
                origin="faq",
            )
        )
    return found


def faq_scenarios(knowledge_dir: Path) -> list[Scenario]:
    folder = Path(knowledge_dir) / "faq"
    found: list[Scenario] = []
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        try:
            found.extend(from_faq(path))
        except Exception as exc:  # noqa: BLE001 - one broken FAQ file must not stop practice
            log.warning("practice: cannot read %s: %s", path, exc)
    return found


# --- post-check example drafts --------------------------------------------------------------------------------
def _excerpt(rule: Any, text: str, given: str | None) -> str | None:
    if given:
        return given
    for term in getattr(rule, "terms", None) or []:
        match = re.search(re.escape(term.term), text, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


def _rule_reason(rule: Any, text: str, given: str | None, language: str) -> str:
    excerpt = _excerpt(rule, text, given)
    if excerpt is not None and "{excerpt}" in rule.message.get(language):
        first = sentences(rule.message.get(language).replace("{excerpt}", excerpt))
        if first:
            return first[0]
    fix = sentences(rule.fix.get(language))
    return fix[0] if fix else rule.fix.get(language)


def rule_scenarios(knowledge_dir: Path) -> list[Scenario]:
    """Every trigger example of an enabled rule that needs clearing or revising and cites the company's guideline."""
    from bot.postcheck.ruleset import load_rule_set

    rules = load_rule_set(Path(knowledge_dir) / "postcheck").rules
    found: list[Scenario] = []
    for item in rules:
        rule = item.rule
        if not rule.enabled or rule.severity not in ("approval", "revise"):
            continue
        for example in rule.examples.trigger:
            text = " ".join(example.text.split())
            if len(text) > MAX_DRAFT_CHARS:
                continue
            language = example.language or detect_language(text)
            reference = rule.guideline.get(language)
            if reference is None:  # no company passage to cite
                continue
            choices = tuple(t(f"practice.choice.{k}", language) for k in ("ok", "approval", "revise"))
            found.append(
                Scenario(
                    id=f"rule:{rule.id}:{short_hash(text)}",
                    language=language,
                    topic=rule.category,
                    situation=t("practice.draft_situation", language, draft=text),
                    choices=(choices[0], choices[1], choices[2]),
                    right=1 if rule.severity == "approval" else 2,
                    reason=_rule_reason(rule, text, example.excerpt, language),
                    source=Source(reference.document, reference.section),
                    origin="rule",
                )
            )
    return found


# --- the guideline's do/don't sentences -----------------------------------------------------------------------
_PRONOUN_START = re.compile(
    r"^(?:sie|er|es|das|dies\w*|dazu|dafür|daher|auch|they|it|this|these|that|those|also|such)\b", re.IGNORECASE
)


def _stands_alone(sentence: str) -> bool:
    """A sentence that reads without the one before it (not "Verändere sie nicht …", "This also applies …")."""
    words = sentence.split()
    return not _PRONOUN_START.search(sentence) and not any(w.lower() in ("sie", "them", "it") for w in words[1:3])


def guideline_scenarios(knowledge_dir: Path) -> list[Scenario]:
    """Per restrictive sentence: "which rule covers <section>?", the sentence and two of other sections."""
    from bot.postcheck.guideline_rules import mine_guideline

    mined = [s for s in mine_guideline(Path(knowledge_dir)) if _stands_alone(s.text)]
    found: list[Scenario] = []
    for sentence in mined:
        others = sorted(
            (s for s in mined if s.language == sentence.language and s.section != sentence.section),
            key=lambda s: short_hash(sentence.text + s.text),
        )
        distractors: list[str] = []
        for other in others:
            if other.text not in distractors and other.text != sentence.text:
                distractors.append(other.text)
            if len(distractors) == 2:
                break
        if len(distractors) < 2:
            continue
        key = short_hash(sentence.text)
        right = int(key, 16) % 3
        choices = list(distractors)
        choices.insert(right, sentence.text)
        language = sentence.language
        found.append(
            Scenario(
                id=f"guideline:{sentence.document}:{key}",
                language=language,
                topic=sentence.section,
                situation=t("practice.rule_situation", language, section=sentence.section, title=sentence.title),
                choices=(choices[0], choices[1], choices[2]),
                right=right,
                reason=t("practice.rule_reason", language, section=sentence.section),
                source=Source(sentence.document, sentence.section),
                origin="guideline",
            )
        )
    return found
