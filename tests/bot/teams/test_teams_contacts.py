"""Teams contact people by Entra object id: in settings or in contacts.yaml; one notifier for Slack and Teams."""

from __future__ import annotations

import shutil

import pytest

from bot.contacts import ContactDirectory
from bot.handoff.routed_notifier import RoutedNotifier, platform_of
from tests.conftest import KNOWLEDGE

AAD = "0000c001-aaaa-4bbb-8ccc-000000000001"


def test_ids_in_contacts_yaml_join_the_settings(tmp_path):
    shutil.copy(KNOWLEDGE / "contacts.yaml", tmp_path / "contacts.yaml")
    text = (tmp_path / "contacts.yaml").read_text(encoding="utf-8")
    text = text.replace("  communications:\n", f'  communications:\n    ids: ["{AAD}"]\n', 1)
    (tmp_path / "contacts.yaml").write_text(text, encoding="utf-8")
    directory = ContactDirectory.load(tmp_path, {"communications": ["UCOMMS1"]})
    assert directory.is_contact(AAD) and directory.is_contact("UCOMMS1")
    assert set(directory.user_ids_for("communications")) == {AAD, "UCOMMS1"}


def test_ids_that_are_not_a_list_are_refused_with_the_file_named(tmp_path):
    shutil.copy(KNOWLEDGE / "contacts.yaml", tmp_path / "contacts.yaml")
    text = (tmp_path / "contacts.yaml").read_text(encoding="utf-8")
    (tmp_path / "contacts.yaml").write_text(
        text.replace("  communications:\n", "  communications:\n    ids: 42\n", 1), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="contacts.yaml.*ids"):
        ContactDirectory.load(tmp_path, {})


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def notify_contact(self, user_id, handoff):
        self.calls.append(("notify", user_id))

    def deliver_answer(self, handoff, answer):
        self.calls.append(("answer", handoff.asker_id))

    def remind(self, user_id, handoff, hours):
        self.calls.append(("remind", user_id))


class View:
    def __init__(self, platform: str, asker: str) -> None:
        self.platform, self.asker_id, self.id = platform, asker, 1


def test_one_process_reaches_each_person_on_their_platform():
    slack, teams = Recorder(), Recorder()
    notifier = RoutedNotifier({"slack": slack, "teams": teams})
    notifier.notify_contact("UCOMMS1", View("slack", "UEMP"))
    notifier.notify_contact(AAD, View("slack", "UEMP"))  # a Slack question, a contact who lives in Teams
    notifier.deliver_answer(View("teams", "0000e001-aaaa-4bbb-8ccc-000000000001"), "x")
    notifier.remind(AAD, View("teams", "x"), 9.0)
    assert slack.calls == [("notify", "UCOMMS1")]
    assert teams.calls == [("notify", AAD), ("answer", "0000e001-aaaa-4bbb-8ccc-000000000001"), ("remind", AAD)]
    assert platform_of("W012AB3CD") == "slack" and platform_of(AAD.upper()) == "teams"
