"""Who a handoff goes to, so it never goes to nobody: the role's present people, then its deputy, then the lead
role(s), then the fallback role — each stage only with the people who are not away (bot/handoff/absences.py).

    reach = Reach(contacts)
    stages = reach.stages("data_protection", absent={"UDPO1"})
    # [Stage("deputy", ("ULEGAL1",), "legal"), Stage("lead", ("UCOMMS1",), "communications")]

A handoff is put in front of the first stage when it opens; an urgent one that nobody claims moves on to the
next stage after the escalation time (HandoffService.escalate_due). When everybody is away, the role's own people
still get it (stage "absent_owner"), so a question is never left with no one at all.

The company's policy — which categories are urgent, which passage is the immediate step for a category — lives in
knowledge/reachability.yaml (`ReachPolicy`); without that file the defaults below apply.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.contacts import ContactDirectory

POLICY_FILE = "reachability.yaml"
DEFAULT_URGENT = ("press", "crisis", "data_leak", "security")


@dataclass(frozen=True)
class Stage:
    kind: str  # owner | deputy | lead | fallback | absent_owner
    user_ids: tuple[str, ...]
    role: str  # the role behind the stage ("" for a deputy named as a person)


@dataclass(frozen=True)
class StepSource:
    """Where a category's immediate step is written: a document (path inside knowledge/) and a section heading."""

    document: str
    section: str


@dataclass(frozen=True)
class ReachPolicy:
    urgent: frozenset[str] = frozenset(DEFAULT_URGENT)
    first_steps: dict[str, dict[str, StepSource]] = field(default_factory=dict)  # category → language → source

    @classmethod
    def load(cls, knowledge_dir: Path | str) -> ReachPolicy:
        path = Path(knowledge_dir) / POLICY_FILE
        if not path.exists():
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: expected a mapping with 'urgent' and 'first_steps'")
        urgent = raw.get("urgent", list(DEFAULT_URGENT))
        if not isinstance(urgent, list) or not all(isinstance(c, str) for c in urgent):
            raise ValueError(f"{path}: 'urgent' must be a list of category names")
        return cls(urgent=frozenset(urgent), first_steps=_first_steps(path, raw.get("first_steps") or {}))

    def is_urgent(self, category: str | None, reason: str) -> bool:
        return bool(category) and category in self.urgent and reason != "post_approval"


def _first_steps(path: Path, raw: Any) -> dict[str, dict[str, StepSource]]:
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: 'first_steps' must map a category to {{de: …, en: …}}")
    steps: dict[str, dict[str, StepSource]] = {}
    for category, languages in raw.items():
        if not isinstance(languages, dict):
            raise ValueError(f"{path}: first_steps.{category} must map a language to {{document, section}}")
        steps[str(category)] = {}
        for language, source in languages.items():
            if not isinstance(source, dict) or not source.get("document") or not source.get("section"):
                raise ValueError(f"{path}: first_steps.{category}.{language} needs 'document' and 'section'")
            steps[str(category)][str(language)] = StepSource(str(source["document"]), str(source["section"]))
    return steps


class Reach:
    def __init__(self, contacts: ContactDirectory) -> None:
        self._contacts = contacts

    def stages(self, role: str, absent: Collection[str]) -> list[Stage]:
        """The stages for a handoff of `role`, each with its present people not named in an earlier stage."""
        contacts = self._contacts
        stages: list[Stage] = []
        seen: set[str] = set()

        def add(kind: str, ids: tuple[str, ...], behind: str) -> None:
            present = tuple(uid for uid in dict.fromkeys(ids) if uid not in absent and uid not in seen)
            if present:
                stages.append(Stage(kind, present, behind))
                seen.update(present)

        add("owner", contacts.own_ids(role), role)
        kind, target = contacts.deputy_of(role)
        if kind == "role":
            add("deputy", contacts.own_ids(target), target)
        elif kind == "person":
            add("deputy", contacts.ids_of_person(target), "")
        for lead in contacts.lead_roles():
            add("lead", contacts.own_ids(lead), lead)
        add("fallback", contacts.own_ids(contacts.fallback_role), contacts.fallback_role)
        if not stages:
            everyone = contacts.own_ids(role) or contacts.user_ids_for(role)
            if everyone:
                stages.append(Stage("absent_owner", everyone, role))
        return stages

    def first(self, role: str, absent: Collection[str]) -> Stage | None:
        stages = self.stages(role, absent)
        return stages[0] if stages else None

    def next_people(self, role: str, absent: Collection[str], holders: Collection[str]) -> Stage | None:
        """The first stage with present people not yet holding the handoff (the next escalation), else None."""
        for stage in self.stages(role, absent):
            fresh = tuple(uid for uid in stage.user_ids if uid not in holders)
            if fresh:
                return Stage(stage.kind, fresh, stage.role)
        return None

    def single_person_roles(self) -> list[str]:
        """Roles held by at most one person and without a deputy: nobody stands in when that person is away."""
        contacts = self._contacts
        risky = []
        for role in contacts.roles():
            people = {contacts.name_of(uid) for uid in contacts.own_ids(role)} or {contacts.get(role).name}
            if len(people) <= 1 and not contacts.deputy_of(role)[0]:
                risky.append(role)
        return risky


def pack(user_ids: Collection[str]) -> str:
    """Holders as stored: "|U1|U2|" (a LIKE '%|U1|%' finds them on every database)."""
    return "|" + "|".join(user_ids) + "|" if user_ids else ""


def unpack(holders: str | None) -> tuple[str, ...]:
    return tuple(uid for uid in (holders or "").split("|") if uid)
