"""Rule files (knowledge/postcheck/*.yaml): models, loading, and per-file errors.

A file holds one rule (a mapping with `id`) or a family (`family`, optional `defaults`, `rules: [...]`). Every
rule is validated on its own: a broken rule is reported with its file, its position and the problem, and
all other rules keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

LANGUAGES = ("de", "en")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Model):
    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.de


class GuidelineRef(_Model):
    document: str = Field(min_length=1)
    section: str = Field(min_length=1)


class Example(_Model):
    text: str = Field(min_length=1)
    excerpt: str | None = None  # if given: some finding of the rule must quote exactly this
    language: Literal["de", "en"] | None = None
    case: str | None = None  # taken over from a real case ("Fall/case #12, 2026-11-18"; bot/learning/case_examples.py)


def _examples(value: Any) -> Any:
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Examples(_Model):
    trigger: list[Example] = Field(min_length=2)
    no_trigger: list[Example] = Field(min_length=2)

    _coerce_trigger = field_validator("trigger", mode="before")(_examples)
    _coerce_no_trigger = field_validator("no_trigger", mode="before")(_examples)


class Term(_Model):
    """A lexicon entry. `compound`: also inside compounds — head (…klage), modifier (Klage…) or any."""

    term: str = Field(min_length=2)
    compound: Literal["none", "head", "modifier", "any"] = "none"
    exact: bool = False  # match the word form only (no stemming)


def _terms(value: Any) -> Any:
    if isinstance(value, list):
        return [{"term": v} if isinstance(v, str) else v for v in value]
    return value


def _check_regex(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


class Condition(_Model):
    """Holds if any of its terms, patterns or company names occurs (in the post or the sentence)."""

    terms: list[Term] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    company: list[str] = Field(default_factory=list)  # paths into company.yaml, e.g. products, aliases

    _coerce_terms = field_validator("terms", mode="before")(_terms)
    _valid_patterns = field_validator("patterns")(_check_regex)

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not (self.terms or self.patterns or self.company):
            raise ValueError("a condition needs terms, patterns or company")
        return self


class RuleBase(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    kind: str
    category: str = Field(min_length=1)
    severity: Literal["info", "revise", "approval"]
    message: Localized
    fix: Localized
    # the section a finding quotes; empty for Lotse's shipped rules (they carry no company's document): a finding
    # then quotes the company's closest guideline sentence, if any (bot/postcheck/guideline_rules.py)
    guideline: dict[Literal["de", "en"], GuidelineRef] = Field(default_factory=dict)
    examples: Examples
    description: str = ""
    enabled: bool = True
    revision: dict[str, Any] | None = None  # mechanical fix, kind-specific


class LexiconRule(RuleBase):
    kind: Literal["lexicon"]
    terms: list[Term] = Field(min_length=1)
    exceptions: list[str] = Field(default_factory=list)  # phrases in which a match does not count

    _coerce_terms = field_validator("terms", mode="before")(_terms)


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    patterns: list[str] = Field(min_length=1)
    case_sensitive: bool = False
    context: list[str] = Field(default_factory=list)  # one of these must occur near the match …
    context_window: int = Field(120, ge=0, le=2000)  # … within so many characters (0: anywhere in the post)
    unless: list[str] = Field(default_factory=list)  # no finding if one of these occurs near the match
    exceptions: list[str] = Field(default_factory=list)

    _valid = field_validator("patterns", "context", "unless", "exceptions")(_check_regex)


class PersonalDataRule(RuleBase):
    kind: Literal["personal_data"]
    detect: Literal["email", "phone", "iban", "tax_id", "vat_id"]
    allow: list[str] = Field(default_factory=list)  # public addresses and numbers, or @domain patterns
    mask: bool = True  # mechanical fix: mask the value in the suggested revision


class CompanyListRule(RuleBase):
    kind: Literal["company_list"]
    source: list[str] = Field(min_length=1)  # e.g. unannounced_products, customers.confidential
    exclude: list[str] = Field(default_factory=list)  # names or source paths that never trigger
    ambiguous: list[str] = Field(default_factory=list)  # names that are also ordinary words …
    ambiguous_context: list[str] = Field(default_factory=list)  # … count only with one of these in the post
    context: list[str] = Field(default_factory=list)  # if set, every name needs one of these in its sentence

    _valid = field_validator("ambiguous_context", "context")(_check_regex)


class ConditionalRule(RuleBase):
    kind: Literal["conditional"]
    scope: Literal["post", "sentence"] = "post"
    when: list[Condition] = Field(min_length=1)  # all must hold
    unless: list[Condition] = Field(default_factory=list)  # any holds (anywhere in the post): no finding


_BOTH_LANGUAGES: tuple[Literal["de", "en"], ...] = ("de", "en")


class SemanticPassage(_Model):
    text: str = Field(min_length=10)
    language: Literal["de", "en"] = "en"


class SemanticRule(RuleBase):
    kind: Literal["semantic"]
    passages: list[SemanticPassage] = Field(min_length=1)
    threshold: float | None = Field(None, ge=0.0, le=1.0)  # None: the embedding model's calibrated cut-off
    min_words: int = Field(5, ge=1)
    languages: list[Literal["de", "en"]] = Field(default_factory=lambda: list(_BOTH_LANGUAGES), min_length=1)

    @field_validator("passages", mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value


class ClassifierTopic(_Model):
    """What a finding of one risk topic says: its severity and message (`{topic}`, `{excerpt}` are filled in)."""

    severity: Literal["info", "revise", "approval"]
    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.de


class ClassifierRule(RuleBase):
    """Lotse's risk read-out (bot/postcheck/kinds/classifier.py): a topic not listed here never becomes a finding.
    `message` and `severity` are the fallbacks of the rule itself; each topic brings its own."""

    kind: Literal["classifier"]
    topics: dict[str, ClassifierTopic] = Field(min_length=1)
    threshold: float | None = Field(None, ge=0.0, le=1.01)  # None: the embedding model's calibrated cut-off


Rule = Annotated[
    LexiconRule | PatternRule | PersonalDataRule | CompanyListRule | ConditionalRule | SemanticRule | ClassifierRule,
    Field(discriminator="kind"),
]
KINDS = ("lexicon", "pattern", "personal_data", "company_list", "conditional", "semantic", "classifier")
_ADAPTER: TypeAdapter[Any] = TypeAdapter(Rule)


@dataclass(frozen=True)
class RuleError:
    path: str
    problem: str
    rule: str | None = None

    def __str__(self) -> str:
        where = f"{self.path} ({self.rule})" if self.rule else self.path
        return f"{where}: {self.problem}"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "rule": self.rule, "problem": self.problem}


@dataclass(frozen=True)
class LoadedRule:
    rule: Any  # one of the Rule models
    path: str


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:4]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if not str(x).endswith("Rule"))
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def parse_rule(raw: Any, path: str, where: str = "") -> tuple[Any | None, RuleError | None]:
    rule_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    if not isinstance(raw, dict):
        return None, RuleError(path, f"{where}a rule must be a mapping, got {type(raw).__name__}", rule_id)
    if raw.get("kind") not in KINDS:
        return None, RuleError(
            path, f"{where}unknown kind {raw.get('kind')!r}; expected one of {', '.join(KINDS)}", rule_id
        )
    try:
        return _ADAPTER.validate_python(raw), None
    except ValidationError as exc:
        return None, RuleError(path, where + _explain(exc), rule_id)


@dataclass
class RuleFolder:
    """The rules of one folder, its problems, and the ids it switches off (`disable: [...]`, `enabled: false`)."""

    rules: list[LoadedRule]
    errors: list[RuleError]
    disabled: list[str]


def _disable_list(value: Any, shown: str) -> tuple[list[str], list[RuleError]]:
    if value is None:
        return [], []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return [], [RuleError(shown, "`disable` must be a list of rule ids (patterns like lotse.figures.* allowed)")]
    return [v.strip() for v in value], []


def _is_switch_off(raw: Any) -> bool:
    """`{id: lotse.x, enabled: false}` without a kind: switches a shipped rule off instead of defining one."""
    return (
        isinstance(raw, dict) and "kind" not in raw and raw.get("enabled") is False and isinstance(raw.get("id"), str)
    )


def read_folder_file(path: Path) -> RuleFolder:
    shown = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return RuleFolder([], [RuleError(shown, f"cannot read file: {exc}")], [])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        return RuleFolder([], [RuleError(shown, f"not valid YAML{line}: {getattr(exc, 'problem', None) or exc}")], [])
    if data is None:
        return RuleFolder([], [RuleError(shown, "file is empty")], [])
    disabled: list[str] = []
    errors: list[RuleError] = []
    if isinstance(data, dict) and "disable" in data:
        disabled, errors = _disable_list(data.get("disable"), shown)
        if set(data) <= {"disable", "description"}:
            return RuleFolder([], errors, disabled)
    if isinstance(data, dict) and "rules" in data:
        defaults = data.get("defaults") or {}
        items = data.get("rules")
        if not isinstance(items, list) or not isinstance(defaults, dict):
            return RuleFolder([], [RuleError(shown, "`rules` must be a list and `defaults` a mapping")], disabled)
        extra = set(data) - {"family", "defaults", "rules", "description", "disable"}
        if extra:
            return RuleFolder([], [RuleError(shown, f"unknown top-level keys: {', '.join(sorted(extra))}")], disabled)
        originals: list[Any] = items
        raws = [({**defaults, **item} if isinstance(item, dict) else item) for item in items]
        family = True
    elif isinstance(data, dict):
        originals, raws, family = [data], [data], False
    else:
        return RuleFolder(
            [], [RuleError(shown, "expected a rule (mapping with id) or a family (mapping with rules)")], []
        )
    rules: list[LoadedRule] = []
    for position, (original, raw) in enumerate(zip(originals, raws, strict=True), start=1):
        if _is_switch_off(original):
            disabled.append(str(original["id"]))
            continue
        rule, error = parse_rule(raw, shown, f"rule {position}: " if family else "")
        if error is not None:
            errors.append(error)
        elif rule is not None:
            rules.append(LoadedRule(rule, shown))
    return RuleFolder(rules, errors, disabled)


def load_file(path: Path) -> tuple[list[LoadedRule], list[RuleError]]:
    folder = read_folder_file(path)
    return folder.rules, folder.errors


def load_folder(directory: Path, missing_ok: bool = False) -> RuleFolder:
    rules: list[LoadedRule] = []
    errors: list[RuleError] = []
    disabled: list[str] = []
    if not directory.is_dir():
        return RuleFolder([], [] if missing_ok else [RuleError(str(directory), "rule folder not found")], [])
    seen: dict[str, str] = {}
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        loaded = read_folder_file(path)
        errors.extend(loaded.errors)
        disabled.extend(loaded.disabled)
        for item in loaded.rules:
            if item.rule.id in seen:
                errors.append(
                    RuleError(item.path, f"duplicate rule id (already defined in {seen[item.rule.id]})", item.rule.id)
                )
                continue
            seen[item.rule.id] = item.path
            rules.append(item)
    return RuleFolder(rules, errors, disabled)


def load_rules(directory: Path) -> tuple[list[LoadedRule], list[RuleError]]:
    folder = load_folder(directory)
    return folder.rules, folder.errors
