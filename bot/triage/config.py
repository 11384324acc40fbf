"""knowledge/triage.yaml as pydantic models: the company's sensitive categories, the human-request and off-topic
vocabulary, the similarity cut-offs and the calibrated answer threshold.

Every problem is reported as `TriageConfigError` naming the file and the place inside it
("knowledge/triage.yaml: sensitive.2.contact: …"), so a communications team can fix it without reading code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

ROLES = ("communications", "legal", "data_protection", "hr", "security")
DEFAULT_MODEL = "packaged:multilingual-e5-small"
FILE_NAME = "triage.yaml"


class TriageConfigError(ValueError):
    """triage.yaml is missing, not YAML or not valid; the message names the file and the field."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _texts(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() if isinstance(v, (str, int, float)) else v for v in value]
    return value


class PerLanguage(_Model):
    de: float = Field(..., ge=0.0, le=1.0)
    en: float = Field(..., ge=0.0, le=1.0)

    def get(self, language: str) -> float:
        return self.de if language == "de" else self.en


class Similarity(_Model):
    """Minimum cosine between a message and an example for the example to count (per message language)."""

    sensitive: PerLanguage = PerLanguage(de=0.80, en=0.70)
    requested: PerLanguage = PerLanguage(de=0.85, en=0.80)
    off_topic: PerLanguage = PerLanguage(de=0.80, en=0.70)
    # a meaning match must also beat the closest ordinary rule question by this much
    sensitive_margin: float = Field(0.0, ge=0.0, le=1.0)


class ConfidenceConfig(_Model):
    """Former place of the answer threshold; accepted for old files, ignored (now per model: bot/calibration.yaml)."""

    model: str = DEFAULT_MODEL
    threshold: float = Field(0.5, ge=0.0, le=1.0)
    calibrated_on: str = ""
    date: str = ""
    note: str = ""
    weights: dict[str, float] | None = None  # optional override of the confidence formula's weights

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return str(value) if value is not None else ""


class _Vocabulary(_Model):
    terms_de: list[str] = Field(default_factory=list)
    terms_en: list[str] = Field(default_factory=list)
    examples_de: list[str] = Field(default_factory=list)
    examples_en: list[str] = Field(default_factory=list)

    @field_validator("terms_de", "terms_en", "examples_de", "examples_en", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return _texts(value)

    @field_validator("terms_de", "terms_en", "examples_de", "examples_en")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        if any(not text for text in value):
            raise ValueError("empty entry in the list")
        return value

    @property
    def examples(self) -> list[tuple[str, str]]:
        return [(text, "de") for text in self.examples_de] + [(text, "en") for text in self.examples_en]


def _known_role(value: str) -> str:
    if value not in ROLES:
        raise ValueError(f"unknown contact role {value!r}; use one of {', '.join(ROLES)}")
    return value


class Combination(_Model):
    """Word groups that make a category together: it matches when a word of EVERY group occurs in the message, in
    any order and either language ("bestätigen" + "intern" + "Übernahme"). The words of a group are compared with
    both stemmers, so one group may hold German and English words side by side."""

    description: str = ""
    groups: list[list[str]] = Field(..., min_length=2)

    @field_validator("groups", mode="before")
    @classmethod
    def _clean_groups(cls, value: Any) -> Any:
        return [_texts(group) for group in value] if isinstance(value, list) else value

    @field_validator("groups")
    @classmethod
    def _full_groups(cls, value: list[list[str]]) -> list[list[str]]:
        if any(not group or any(not word for word in group) for group in value):
            raise ValueError("every group needs at least one word and no empty entry")
        return value


class SensitiveCategory(_Vocabulary):
    name: str = Field(..., pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    contact: str
    combinations: list[Combination] = Field(default_factory=list)

    _role = field_validator("contact")(classmethod(lambda cls, value: _known_role(value)))

    @model_validator(mode="after")
    def _something(self) -> SensitiveCategory:
        if not (self.terms_de or self.terms_en or self.examples_de or self.examples_en or self.combinations):
            raise ValueError(f"category {self.name!r} needs terms, examples or combinations")
        return self


class RequestedConfig(_Vocabulary):
    contact: str = "communications"

    _role = field_validator("contact")(classmethod(lambda cls, value: _known_role(value)))


class OffTopicConfig(_Vocabulary):
    domain_terms: list[str] = Field(default_factory=list)

    @field_validator("domain_terms", mode="before")
    @classmethod
    def _clean_domain(cls, value: Any) -> Any:
        return _texts(value)


class TriageConfig(_Model):
    version: int = 1
    extends: str | None = Field(None, pattern="^default$")
    confidence: ConfidenceConfig | None = None  # ignored: calibration is per model (bot/calibration.yaml)
    similarity: Similarity | None = None  # ignored: calibration is per model (bot/calibration.yaml)
    sensitive: list[SensitiveCategory] = Field(..., min_length=1)
    ordinary: _Vocabulary = _Vocabulary()  # contrast examples: everyday rule questions (examples only)
    requested: RequestedConfig = RequestedConfig()
    off_topic: OffTopicConfig = OffTopicConfig()

    @model_validator(mode="after")
    def _unique(self) -> TriageConfig:
        seen: set[str] = set()
        for category in self.sensitive:
            if category.name in seen:
                raise ValueError(f"category name {category.name!r} appears twice")
            seen.add(category.name)
        return self

    def routing(self) -> dict[str, str]:
        return {category.name: category.contact for category in self.sensitive}


def _where(error: ErrorDetails) -> str:
    return ".".join(str(part) for part in error.get("loc", ())) or "(top level)"


def parse_config(data: Any, source: Path | str) -> TriageConfig:
    if not isinstance(data, dict):
        raise TriageConfigError(f"{source}: expected a mapping at the top level (confidence, sensitive, …)")
    try:
        return TriageConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{_where(e)}: {e['msg']}" for e in exc.errors())
        raise TriageConfigError(f"{source}: invalid triage configuration: {problems}") from None


DEFAULT_PATH = Path(__file__).with_name("default.yaml")
_LISTS = ("terms_de", "terms_en", "examples_de", "examples_en", "domain_terms", "combinations")


def merge(default: dict[str, Any], company: dict[str, Any]) -> dict[str, Any]:
    """The company's file on top of the defaults: lists added, scalars replaced, categories matched by name."""
    merged = {key: value for key, value in default.items()}
    for key, value in company.items():
        if key == "sensitive" and isinstance(value, list):
            by_name = {c.get("name"): dict(c) for c in default.get("sensitive", []) if isinstance(c, dict)}
            for category in value:
                if isinstance(category, dict) and category.get("name") in by_name:
                    by_name[category["name"]] = _merge_block(by_name[category["name"]], category)
                elif isinstance(category, dict):
                    by_name[category.get("name")] = category
            merged["sensitive"] = list(by_name.values())
        elif key in ("ordinary", "requested", "off_topic") and isinstance(value, dict):
            merged[key] = _merge_block(dict(default.get(key) or {}), value)
        elif key != "extends":
            merged[key] = value
    return merged


def _merge_block(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if key in _LISTS and isinstance(value, list):
            out[key] = list(out.get(key) or []) + [v for v in value if v not in (out.get(key) or [])]
        else:
            out[key] = value
    return out


def load_config_or_default(path: Path) -> tuple[TriageConfig, str]:
    """knowledge/triage.yaml (merged onto the defaults when it says `extends: default`), or the defaults alone."""
    if not Path(path).exists():
        return load_config(DEFAULT_PATH), str(DEFAULT_PATH)
    return load_config(path), str(path)


def load_config(path: Path) -> TriageConfig:
    """Read and validate triage.yaml; every error names `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TriageConfigError(f"{path}: file not found (the triage configuration is required)") from None
    except OSError as exc:
        raise TriageConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise TriageConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    if isinstance(data, dict) and data.get("extends") == "default" and Path(path) != DEFAULT_PATH:
        data = merge(yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8")), data)
    return parse_config(data, path)
