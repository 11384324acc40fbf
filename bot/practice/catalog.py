"""All scenarios of a company: built from its material, plus its own in knowledge/practice.yaml, minus the ones
it switched off.

knowledge/practice.yaml (optional):

    disable: [faq:faq-de-016, "rule:customers.*"]      # ids or patterns of scenarios to switch off
    scenarios:
      - id: logo-kunde                                  # becomes company:logo-kunde
        language: de
        topic: customers
        situation: "Du willst ein Foto vom Messestand posten, auf dem das Logo eines Kunden zu sehen ist."
        choices: ["Einfach posten.", "Logo unkenntlich machen oder Freigabe holen.", "Kunden selbst fragen."]
        right: 2                                        # 1, 2 or 3
        reason: "Kundennamen und -logos sind vertraulich, solange der Kunde keiner Referenz zugestimmt hat."
        source: {document: social-media-richtlinie-de, section: Kundenprojekte und Kundennamen}
        enabled: true

Every entry is validated on its own (pydantic); a bad entry is reported with the file, its number and line,
and all others are used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.practice.scenarios import Scenario, Source, faq_scenarios, guideline_scenarios, rule_scenarios

log = logging.getLogger(__name__)
FILE_NAME = "practice.yaml"


class _SourceModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str = Field(min_length=1)
    section: str = Field(min_length=1)


class CompanyScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    language: Literal["de", "en"]
    topic: str = Field(min_length=1)
    situation: str = Field(min_length=10)
    choices: list[str] = Field(min_length=3, max_length=3)
    right: int = Field(ge=1, le=3)
    reason: str = Field(min_length=5)
    source: _SourceModel
    enabled: bool = True

    @field_validator("choices")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        cleaned = [" ".join(str(v).split()) for v in value]
        if any(not c for c in cleaned):
            raise ValueError("every choice needs words")
        if len(set(cleaned)) != 3:
            raise ValueError("the three choices must differ")
        return cleaned

    def to_scenario(self) -> Scenario:
        c = self.choices
        return Scenario(
            id=f"company:{self.id}",
            language=self.language,
            topic=self.topic,
            situation=" ".join(self.situation.split()),
            choices=(c[0], c[1], c[2]),
            right=self.right - 1,
            reason=" ".join(self.reason.split()),
            source=Source(self.source.document, self.source.section),
            origin="company",
        )


@dataclass(frozen=True)
class EntryError:
    path: str
    problem: str
    number: int | None = None  # 1-based position in `scenarios`
    line: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.number is not None:
            where += f", entry {self.number}"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.problem}"


@dataclass
class CompanyFile:
    scenarios: list[Scenario] = field(default_factory=list)
    switched_off: list[str] = field(default_factory=list)  # ids / patterns (disable: …, enabled: false)
    errors: list[EntryError] = field(default_factory=list)


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:4]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def _item_lines(text: str) -> list[int]:
    """The line (1-based) of each item under `scenarios`, from the YAML nodes."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "scenarios" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def read_company_file(path: Path) -> CompanyFile:
    shown = str(path)
    result = CompanyFile()
    if not path.exists():
        return result
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        return CompanyFile(errors=[EntryError(shown, f"cannot read file: {exc}")])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return CompanyFile(
            errors=[
                EntryError(
                    shown,
                    f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                    line=mark.line + 1 if mark else None,
                )
            ]
        )
    if data is None:
        return result
    if not isinstance(data, dict):
        return CompanyFile(errors=[EntryError(shown, "expected a mapping with `scenarios` and/or `disable`")])
    extra = set(data) - {"scenarios", "disable", "description"}
    if extra:
        result.errors.append(EntryError(shown, f"unknown top-level keys: {', '.join(sorted(extra))}"))
    disable = data.get("disable") or []
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not all(isinstance(d, str) and d.strip() for d in disable):
        result.errors.append(EntryError(shown, "`disable` must be a list of scenario ids (patterns allowed)"))
    else:
        result.switched_off.extend(d.strip() for d in disable)
    items = data.get("scenarios") or []
    if not isinstance(items, list):
        result.errors.append(EntryError(shown, "`scenarios` must be a list"))
        return result
    lines = _item_lines(text)
    seen: set[str] = set()
    for number, raw in enumerate(items, start=1):
        line = lines[number - 1] if number - 1 < len(lines) else None
        if not isinstance(raw, dict):
            result.errors.append(EntryError(shown, "an entry must be a mapping", number, line))
            continue
        try:
            entry = CompanyScenario.model_validate(raw)
        except ValidationError as exc:
            result.errors.append(EntryError(shown, _explain(exc), number, line))
            continue
        if entry.id in seen:
            result.errors.append(EntryError(shown, f"duplicate id {entry.id!r}", number, line))
            continue
        seen.add(entry.id)
        if not entry.enabled:
            result.switched_off.append(f"company:{entry.id}")
            continue
        result.scenarios.append(entry.to_scenario())
    return result


@dataclass
class Catalog:
    scenarios: list[Scenario]
    errors: list[EntryError]
    switched_off: list[str]

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def for_language(self, language: str) -> list[Scenario]:
        return [s for s in self.scenarios if s.language == language]


def _is_off(scenario_id: str, patterns: list[str]) -> bool:
    return any(scenario_id == p or fnmatchcase(scenario_id, p) for p in patterns)


def load_catalog(knowledge_dir: Path, *, guideline: bool = True) -> Catalog:
    """Every scenario of the company: from its FAQ, post-check examples and guideline, and its own file."""
    knowledge_dir = Path(knowledge_dir)
    own = read_company_file(knowledge_dir / FILE_NAME)
    built: list[Scenario] = []
    for build in (faq_scenarios, rule_scenarios, *((guideline_scenarios,) if guideline else ())):
        try:
            built.extend(build(knowledge_dir))
        except Exception:  # noqa: BLE001 - one source failing must not stop the others
            log.exception("practice: building scenarios with %s failed", getattr(build, "__name__", build))
    scenarios: dict[str, Scenario] = {}
    for scenario in [*built, *own.scenarios]:
        if not _is_off(scenario.id, own.switched_off):
            scenarios.setdefault(scenario.id, scenario)
    for error in own.errors:
        log.warning("practice: %s", error)
    return Catalog(list(scenarios.values()), own.errors, own.switched_off)


def describe(errors: list[EntryError]) -> list[dict[str, Any]]:
    return [{"path": e.path, "entry": e.number, "line": e.line, "problem": e.problem} for e in errors]
