"""The contact directory: people from contacts.yaml, platform ids from settings, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.contacts import ContactDirectory

IDS = {"communications": ["UCOMM1", "UCOMM2"], "legal": ["ULEGAL", "UCOMM1"]}


def test_loads_contacts_with_their_user_ids(knowledge_dir: Path):
    contacts = ContactDirectory.load(knowledge_dir, IDS)
    legal = contacts.get("legal")
    assert legal.name == "Dr. Jonas Albers" and legal.email == "recht@nordwerk.de"
    assert legal.user_ids == ("ULEGAL", "UCOMM1")
    assert contacts.get("communications").role_label("en") == "Head of Communications"
    assert contacts.get("communications").topics("de") == "Social Media, Presse"
    assert contacts.fallback_role == "communications"


def test_unknown_role_goes_to_the_fallback(knowledge_dir: Path):
    contacts = ContactDirectory.load(knowledge_dir, IDS)
    fallback = contacts.get("marketing")
    assert fallback.role == "communications" and fallback.name == "Katrin Vogt"
    assert fallback.user_ids == ("UCOMM1", "UCOMM2")
    assert contacts.get(None).role == "communications"


def test_who_is_a_contact(knowledge_dir: Path):
    contacts = ContactDirectory.load(knowledge_dir, IDS)
    assert contacts.is_contact("UCOMM1") and not contacts.is_contact("UEMP")
    assert contacts.roles_of("UCOMM1") == ["communications", "legal"]
    assert contacts.all_user_ids() == {"UCOMM1", "UCOMM2", "ULEGAL"}
    assert contacts.user_ids_for("hr") == ("UCOMM1", "UCOMM2")  # no hr ids: fallback people


def test_missing_file_gives_a_generic_contact(tmp_path: Path):
    contacts = ContactDirectory.load(tmp_path, {"communications": ["U1"]})
    contact = contacts.get("legal")
    assert (contact.role, contact.name, contact.user_ids) == ("communications", "Social-Media-Team", ("U1",))
    assert contacts.roles() == []


@pytest.mark.parametrize(
    "content, message",
    [
        ("contacts: [1, 2", "not valid YAML"),
        ("- just a list", "expected a mapping"),
        ("contacts: [a, b]", "'contacts' must be a mapping"),
        ("contacts:\n  legal: {role_de: Recht}", "needs a 'name'"),
        ("fallback: marketing\ncontacts:\n  legal: {name: X}", "'fallback' must name"),
    ],
)
def test_malformed_file_names_the_path(tmp_path: Path, content: str, message: str):
    (tmp_path / "contacts.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        ContactDirectory.load(tmp_path, {})
    assert str(tmp_path / "contacts.yaml") in str(info.value)
