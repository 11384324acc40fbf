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

ROLES = ("communications", "legal", "data_protection", "hr", "security")
DEFAULT_MODEL = "packaged:all-MiniLM-L6-v2"
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
    """The calibrated operating point: answer only when confidence(result) >= threshold."""

    model: str = DEFAULT_MODEL
    threshold: float = Field(..., ge=0.0, le=1.0)
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


class SensitiveCategory(_Vocabulary):
    name: str = Field(..., pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    contact: str

    _role = field_validator("contact")(classmethod(lambda cls, value: _known_role(value)))

    @model_validator(mode="after")
    def _something(self) -> "SensitiveCategory":
        if not (self.terms_de or self.terms_en or self.examples_de or self.examples_en):
            raise ValueError(f"category {self.name!r} needs terms or examples")
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
    confidence: ConfidenceConfig
    similarity: Similarity = Similarity()
    sensitive: list[SensitiveCategory] = Field(..., min_length=1)
    ordinary: _Vocabulary = _Vocabulary()  # contrast examples: everyday rule questions (examples only)
    requested: RequestedConfig = RequestedConfig()
    off_topic: OffTopicConfig = OffTopicConfig()

    @model_validator(mode="after")
    def _unique(self) -> "TriageConfig":
        seen: set[str] = set()
        for category in self.sensitive:
            if category.name in seen:
                raise ValueError(f"category name {category.name!r} appears twice")
            seen.add(category.name)
        return self

    def routing(self) -> dict[str, str]:
        return {category.name: category.contact for category in self.sensitive}


def _where(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ())) or "(top level)"


def parse_config(data: Any, source: Path | str) -> TriageConfig:
    if not isinstance(data, dict):
        raise TriageConfigError(f"{source}: expected a mapping at the top level (confidence, sensitive, …)")
    try:
        return TriageConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{_where(e)}: {e['msg']}" for e in exc.errors())
        raise TriageConfigError(f"{source}: invalid triage configuration: {problems}") from None


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
    return parse_config(data, path)
