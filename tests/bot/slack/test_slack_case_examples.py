"""Slack end to end: "Als Beispiel übernehmen" under an answered handoff, through signed requests, the real Bolt app
on a real port and the real core, into a copy of the sample company's knowledge folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.handoff.service import HandoffRequest
from bot.slack import blocks as kit
from bot.slack import examples as modal
from bot.triage.config import load_config
from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM, STRANGER

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
QUESTION = "Frau Schulz vom Westfalen-Blatt (0171 2345678) will wissen, ob die Kurzarbeit in Halle 4 stimmt."


@pytest.fixture
def settings(settings, tmp_path):
    """The shared settings over a copy of knowledge/ (this feature writes into it)."""
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy, ignore=shutil.ignore_patterns("eval"))
    return settings.model_copy(update={"knowledge_dir": copy})


def action_ids(call) -> list[str]:
    return [e["action_id"] for b in call.json_field("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def text_value(text: str) -> dict:
    return {modal.TEXT_INPUT[0]: {modal.TEXT_INPUT[1]: {"type": "plain_text_input", "value": text}}}


def test_a_contact_takes_an_answered_case_over_as_an_example(slack, fake_slack, slack_lotse):
    triage = slack_lotse.settings.knowledge_dir / "triage.yaml"
    view, _ = slack_lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id=f"{EMPLOYEE_DM}:1763400000.000100",
            asker_id=EMPLOYEE,
            asker_channel=EMPLOYEE_DM,
            asker_thread="1763400000.000100",
            language="de",
            reason="sensitive",
            question=QUESTION,
            category="press",
        )
    )
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == CONTACT)
    answer = {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": "Bitte nichts sagen."}}}
    meta = json.dumps({"handoff_id": view.id, "channel_id": "DCOMMS1", "message_ts": "1.0"})
    assert slack.submit(kit.ANSWER_MODAL, answer, user=CONTACT, private_metadata=meta).status == 200
    [updated] = fake_slack.wait_for("chat.update")
    assert action_ids(updated) == [kit.EXAMPLE]  # the answered card offers "Als Beispiel übernehmen"
    before = triage.read_text(encoding="utf-8")

    # someone who is not a contact person clicks: refused, nothing opens, nothing is written
    assert slack.click(kit.EXAMPLE, view.id, user=STRANGER, channel="DSTRANGER1").status == 200
    [note] = fake_slack.wait_for("response_url")
    assert "Ansprechpersonen" in note.body["text"] and fake_slack.calls("views.open") == []

    # the contact person sees the anonymised case and its target, prefilled and editable
    slack.click(kit.EXAMPLE, view.id, user=CONTACT, channel="DCOMMS1")
    [opened] = fake_slack.wait_for("views.open")
    form = opened.json_field("view")
    prefilled = next(b for b in form["blocks"] if b.get("block_id") == modal.TEXT_INPUT[0])["element"]
    assert prefilled["initial_value"] == (
        "Frau [NAME] vom Westfalen-Blatt ([TELEFON]) will wissen, ob die Kurzarbeit in Halle 4 stimmt."
    )
    assert "Presseanfrage" in json.dumps(form, ensure_ascii=False) and form["submit"]["text"] == "Speichern"

    # personal data typed back in: the modal says so at the field, the file stays
    bad = slack.submit(
        modal.EXAMPLE_MODAL,
        text_value("Ruf mich an: 0171 2345678"),
        user=CONTACT,
        private_metadata=form["private_metadata"],
    )
    assert bad.json()["response_action"] == "errors" and "persönliche Daten" in str(bad.json()["errors"])
    assert triage.read_text(encoding="utf-8") == before

    edited = "Das Westfalen-Blatt fragt, ob die Kurzarbeit in Halle 4 stimmt."
    saved = slack.submit(
        modal.EXAMPLE_MODAL, text_value(edited), user=CONTACT, private_metadata=form["private_metadata"]
    )
    assert saved.status == 200 and saved.body in ("", None)
    [confirmation] = fake_slack.wait_for("chat.postMessage", where=lambda c: "Gespeichert" in c.body.get("text", ""))
    assert confirmation.body["channel"] == CONTACT and "Triage neu" in confirmation.body["text"]
    press = next(c for c in load_config(triage).sensitive if c.name == "press")
    assert press.examples_de[-1] == edited

    again = slack.submit(
        modal.EXAMPLE_MODAL, text_value(edited), user=CONTACT, private_metadata=form["private_metadata"]
    )
    assert "schon ein Beispiel" in str(again.json()["errors"])
    assert triage.read_text(encoding="utf-8").count(edited) == 1
