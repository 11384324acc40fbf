"""The company's contact people (knowledge/contacts.yaml) joined with their platform user ids (settings).

The YAML names people and roles; which Slack or Teams user ids act for a role comes from `settings.contact_ids`
and, where a company prefers to keep them with the people, from a contact's optional `ids:` list in the YAML
(e.g. Entra object ids for Teams); both are merged.

A role can hold several people (`people:`, each with a `name` and optional `ids`) and name a `deputy:` (another
role, or a person by name or user id) who stands in when nobody of the role is present (bot/handoff/reach.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

CONTACTS_FILE = "contacts.yaml"
DEFAULT_ROLE = "communications"
DEFAULT_NAME = "Social-Media-Team"
LANGUAGES = ("", "de", "en")
_TEXT_FIELDS = ("name", "role_de", "role_en", "email", "topics_de", "topics_en")


@dataclass(frozen=True)
class Person:
    """One person of a role (`people:` in contacts.yaml); ids as in a contact's `ids:`."""

    name: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    role_de: str = ""
    role_en: str = ""
    email: str = ""
    topics_de: str = ""
    topics_en: str = ""
    language: str = ""  # what this contact reads in Slack (de/en); "" = LOTSE_DEFAULT_LANGUAGE
    lead: bool = False  # sees and acts on every handoff, not only those of this role (need-to-know)
    user_ids: tuple[str, ...] = ()
    deputy: str = ""  # a role, a person's name (from some role's `people:`) or a user id; "" = none
    people: tuple[Person, ...] = ()

    def role_label(self, language: str) -> str:
        label = self.role_en if language == "en" else self.role_de
        return label or self.role

    def topics(self, language: str) -> str:
        return self.topics_en if language == "en" else self.topics_de


class ContactDirectory:
    def __init__(
        self,
        contacts: Mapping[str, Contact],
        fallback: str,
        contact_ids: Mapping[str, list[str] | tuple[str, ...]] | None = None,
    ) -> None:
        self._contacts = dict(contacts)
        self.fallback_role = fallback
        self._ids = {role: tuple(ids) for role, ids in (contact_ids or {}).items()}

    # --- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(
        cls, knowledge_dir: Path | str, contact_ids: Mapping[str, list[str] | tuple[str, ...]] | None = None
    ) -> ContactDirectory:
        path = Path(knowledge_dir) / CONTACTS_FILE
        if not path.exists():
            return cls({}, DEFAULT_ROLE, contact_ids)
        raw = _read_yaml(path)
        contacts = _parse_contacts(path, raw)
        fallback = raw.get("fallback", DEFAULT_ROLE)
        if not isinstance(fallback, str) or (contacts and fallback not in contacts):
            raise ValueError(f"{path}: 'fallback' must name one of the contacts, got {fallback!r}")
        return cls(contacts, fallback, _with_file_ids(path, raw, contact_ids))

    # --- lookups ---------------------------------------------------------------------------------
    def get(self, role: str | None) -> Contact:
        """The contact for `role`; unknown or missing roles go to the fallback contact."""
        contact = self._contacts.get(role or "") or self._contacts.get(self.fallback_role)
        if contact is None:
            contact = Contact(role=self.fallback_role, name=DEFAULT_NAME)
        return replace(contact, user_ids=self._ids.get(contact.role, ()))

    def has_role(self, role: str | None) -> bool:
        return bool(role) and role in self._contacts

    def roles(self) -> list[str]:
        return list(self._contacts)

    def is_contact(self, user_id: str) -> bool:
        return bool(self.roles_of(user_id))

    def roles_of(self, user_id: str) -> list[str]:
        return [role for role, ids in self._ids.items() if user_id in ids]

    def language_of(self, user_id: str, default: str) -> str:
        """The language a contact person reads (their first role's `language:`), else `default`."""
        for role in self.roles_of(user_id):
            language = getattr(self._contacts.get(role), "language", "")
            if language:
                return language
        return default

    def is_lead(self, user_id: str) -> bool:
        """Does the user hold a role marked `lead: true` (sees every handoff)?"""
        return any(getattr(self._contacts.get(role), "lead", False) for role in self.roles_of(user_id))

    def all_user_ids(self) -> set[str]:
        return {uid for ids in self._ids.values() for uid in ids}

    def user_ids_for(self, role: str | None) -> tuple[str, ...]:
        """Who to notify for `role`: its own ids, else the fallback role's ids."""
        ids = self.get(role).user_ids
        return ids or self.get(self.fallback_role).user_ids

    # --- people and deputies (bot/handoff/reach.py) ------------------------------------------------
    def own_ids(self, role: str | None) -> tuple[str, ...]:
        """The ids of `role` itself, without falling back to another role."""
        return self._ids.get(role or "", ()) if self.has_role(role) else ()

    def lead_roles(self) -> list[str]:
        return [role for role, contact in self._contacts.items() if contact.lead]

    def deputy_of(self, role: str | None) -> tuple[str, str]:
        """`role`'s deputy as (kind, target): ("role", role), ("person", user id) or ("", "") for none."""
        contact = self._contacts.get(role or "")
        deputy = contact.deputy if contact is not None else ""
        if not deputy:
            return "", ""
        if deputy in self._contacts:
            return "role", deputy
        return "person", deputy

    def deputy_name(self, role: str | None) -> str:
        kind, target = self.deputy_of(role)
        if kind == "role":
            return self._contacts[target].name
        return target if kind else ""

    def ids_of_person(self, name_or_id: str) -> tuple[str, ...]:
        """A person's ids by their `people:` name, or the id itself."""
        for contact in self._contacts.values():
            for person in contact.people:
                if person.name == name_or_id:
                    return person.ids
        return (name_or_id,)

    def name_of(self, user_id: str) -> str:
        """A person's name: from `people:`, else the name of the (first) role the id acts for, else the id."""
        for contact in self._contacts.values():
            for person in contact.people:
                if user_id in person.ids:
                    return person.name
        roles = self.roles_of(user_id)
        return self._contacts[roles[0]].name if roles and roles[0] in self._contacts else user_id

    def names_of(self, user_ids: Iterable[str]) -> str:
        """ "Katrin Vogt, Jana Brandt": each person once, in order."""
        names: list[str] = []
        for uid in user_ids:
            name = self.name_of(uid)
            if name not in names:
                names.append(name)
        return ", ".join(names)


def _with_file_ids(
    path: Path, raw: dict[str, Any], contact_ids: Mapping[str, list[str] | tuple[str, ...]] | None
) -> dict[str, list[str]]:
    """Settings' ids plus a contact's optional `ids:` in contacts.yaml (e.g. Teams' Entra object ids), and the ids
    of the role's `people:`."""
    merged = {role: list(ids) for role, ids in (contact_ids or {}).items()}
    for role, entry in (raw.get("contacts") or {}).items():
        if not isinstance(entry, dict):
            continue
        ids = _id_list(path, str(role), entry.get("ids"))
        for person in entry.get("people") or []:
            ids += _id_list(path, str(role), person.get("ids") if isinstance(person, dict) else None)
        if not ids:
            continue
        merged.setdefault(str(role), [])
        merged[str(role)] += [i for i in ids if i not in merged[str(role)]]
    return merged


def _id_list(path: Path, role: str, ids: object) -> list[str]:
    if ids is None:
        return []
    if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
        raise ValueError(f"{path}: contact {role!r}: 'ids' must be a list of user ids")
    return [i.strip() for i in ids]


def _parse_people(path: Path, role: str, entry: dict[str, Any]) -> tuple[Person, ...]:
    people = entry.get("people") or []
    if not isinstance(people, list):
        raise ValueError(f"{path}: contact {role!r}: 'people' must be a list of {{name, ids}}")
    parsed = []
    for person in people:
        name = person.get("name") if isinstance(person, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{path}: contact {role!r}: every entry of 'people' needs a 'name'")
        parsed.append(Person(name=name.strip(), ids=tuple(_id_list(path, role, person.get("ids")))))
    return tuple(parsed)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping with 'fallback' and 'contacts'")
    return raw


def _parse_contacts(path: Path, raw: dict[str, Any]) -> dict[str, Contact]:
    entries = raw.get("contacts") or {}
    if not isinstance(entries, dict):
        raise ValueError(f"{path}: 'contacts' must be a mapping role -> contact")
    return {str(role): _parse_contact(path, str(role), entry) for role, entry in entries.items()}


def _parse_contact(path: Path, role: str, entry: object) -> Contact:
    if not isinstance(entry, dict):
        raise ValueError(f"{path}: contact {role!r} must be a mapping")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{path}: contact {role!r} needs a 'name'")
    fields = {key: str(entry.get(key) or "").strip() for key in _TEXT_FIELDS}
    language = str(entry.get("language") or "").strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"{path}: contact {role!r}: 'language' must be de or en, got {language!r}")
    lead = entry.get("lead", False)
    if not isinstance(lead, bool):
        raise ValueError(f"{path}: contact {role!r}: 'lead' must be true or false, got {lead!r}")
    deputy = str(entry.get("deputy") or "").strip()
    if deputy == role:
        raise ValueError(f"{path}: contact {role!r}: a role cannot be its own deputy")
    people = _parse_people(path, role, entry)
    return Contact(
        role=role,
        name=fields["name"],
        role_de=fields["role_de"],
        role_en=fields["role_en"],
        email=fields["email"],
        topics_de=fields["topics_de"],
        topics_en=fields["topics_en"],
        language=language,
        lead=lead,
        deputy=deputy,
        people=people,
    )
