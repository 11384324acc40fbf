"""A contact person whose contacts.yaml entry says `language: en` reads Lotse in English; employees keep theirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.slack import blocks as kit
from tests.bot.slack.conftest import CONTACT, EMPLOYEE_DM, SIGNING_SECRET
from tests.bot.slack.test_slack_e2e import PRESS_QUESTION, blocks_text, open_handoff

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


@pytest.fixture
def slack_lotse(settings, clock, fake_slack, tmp_path):
    """Like the shared fixture, but the communications contact (CONTACT) reads English."""
    from bot.app import Lotse

    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    contacts_file = knowledge / "contacts.yaml"
    contacts = yaml.safe_load(contacts_file.read_text(encoding="utf-8"))
    contacts["contacts"]["communications"]["language"] = "en"
    contacts_file.write_text(yaml.safe_dump(contacts, allow_unicode=True), encoding="utf-8")
    updated = settings.model_copy(
        update={
            "knowledge_dir": knowledge,
            "slack_bot_token": "xoxb-test-token",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.api_url,
        }
    )
    return Lotse(updated, clock=clock)


def button_labels(call) -> list[str]:
    return [e["text"]["text"] for b in call.json_field("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def test_english_contact_gets_the_handoff_in_english_and_the_employee_stays_german(slack, fake_slack):
    slack.dm(PRESS_QUESTION)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    [to_contact] = [p for p in posts if p.body["channel"] == CONTACT]
    [to_employee] = [p for p in posts if p.body["channel"] == EMPLOYEE_DM]
    assert "New request" in blocks_text(to_contact) and "Neue Anfrage" not in blocks_text(to_contact)
    assert button_labels(to_contact) == ["Claim", "Answer", "Done"]
    assert "Journalist" in blocks_text(to_contact)  # the employee's words travel unchanged
    assert "weitergegeben" in blocks_text(to_employee) or "Katrin Vogt" in blocks_text(to_employee)


def test_english_contact_clicks_and_modal_are_english(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == CONTACT)
    slack.click(kit.CLAIM, view.id, user=CONTACT, channel="DCOMMS1")
    [note] = fake_slack.wait_for("response_url")
    assert f"You claimed request #{view.id}" in note.body["text"]
    slack.click(kit.ANSWER, view.id, user=CONTACT, channel="DCOMMS1")
    [modal] = fake_slack.wait_for("views.open")
    opened = modal.json_field("view")
    assert opened["title"]["text"] == "Answer the employee"[:24] and opened["submit"]["text"] == "Send"


def test_a_contact_language_other_than_de_or_en_is_refused_with_the_file_named(tmp_path):
    from bot.contacts import ContactDirectory

    (tmp_path / "contacts.yaml").write_text(
        "fallback: communications\ncontacts:\n  communications:\n    name: K\n    language: fr\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"contacts\.yaml.*language"):
        ContactDirectory.load(tmp_path)
