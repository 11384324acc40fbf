"""A real run of one question, one handoff and one post check, rendered as Slack shows them.

With LOTSE_WRITE_TRANSCRIPT=1 the rendering is written to docs/slack-transcript.md (never by hand).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bot.slack import blocks as kit
from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM
from tests.bot.slack.test_slack_e2e import PHOTO_QUESTION, PRESS_QUESTION

TRANSCRIPT = Path(__file__).resolve().parents[3] / "docs" / "slack-transcript.md"
DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. #stolz"


def render_blocks(blocks: list[dict]) -> str:
    """Block Kit as readable text: sections as they read, context small, buttons in brackets."""
    out: list[str] = []
    for block in blocks or []:
        kind = block.get("type")
        if kind == "header":
            out.append(f"## {block['text']['text']}")
        elif kind == "section":
            out.append(block["text"]["text"])
        elif kind == "context":
            out.append("\n".join(f"  ⟨{e.get('text', '')}⟩" for e in block["elements"]))
        elif kind == "divider":
            out.append("────────")
        elif kind == "actions":
            out.append("  ".join(f"[ {e['text']['text']} ]" for e in block["elements"]))
        elif kind == "input":
            out.append(f"✎ {block['label']['text']}")
    return "\n".join(out)


def render_call(call) -> str:
    body = call.body
    if call.method == "views.open":
        view = call.json_field("view")
        title = f"Modal „{view['title']['text']}“ (views.open)"
        return _message(title, render_blocks(view["blocks"]) + f"\n[ {view['submit']['text']} ]")
    if call.method == "views.publish":
        return _message(f"App Home von {body['user_id']}", render_blocks(call.json_field("view")["blocks"]))
    if call.method == "response_url":
        where = "nur für dich sichtbar (ephemeral)" if body.get("response_type") == "ephemeral" else "Antwort"
        return _message(f"Lotse → {where}", render_blocks(body.get("blocks")) or body.get("text", ""))
    target = body.get("channel", "?")
    thread = " im Thread" if body.get("thread_ts") else ""
    label = f"Lotse → DM {target}{thread} ({call.method})"
    blocks = call.json_field("blocks")
    return _message(label, render_blocks(blocks) if blocks else body.get("text", ""))


def _message(label: str, text: str) -> str:
    return f"**{label}**\n\n```text\n{text}\n```\n"


def test_transcript_of_a_question_a_handoff_and_a_post_check(slack, fake_slack, slack_lotse):
    parts = [
        "# Lotse in Slack – Transkript",
        "",
        "Erzeugt aus einem echten Lauf der End-to-End-Tests (`LOTSE_WRITE_TRANSCRIPT=1 pytest "
        "tests/bot/slack/test_slack_transcript.py`): signierte HTTP-Anfragen an die Bolt-App, die "
        "Block-Kit-Nachrichten so, wie sie bei der Slack-Web-API ankamen, als Text gerendert. "
        "Nicht von Hand bearbeiten.",
        "",
    ]

    # 1. a question
    parts += ["## 1. Eine Frage (Direktnachricht)", "", f"**{EMPLOYEE} → Lotse (DM):** {PHOTO_QUESTION}", ""]
    _, ts = slack.dm(PHOTO_QUESTION)
    [answer] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    assert answer.body["thread_ts"] == ts
    parts.append(render_call(answer))
    fake_slack.clear()

    # 2. a handoff: sensitive question → contact person's DM → answer modal → answer in the thread
    parts += ["## 2. Eine Übergabe an einen Menschen", "", f"**{EMPLOYEE} → Lotse (DM):** {PRESS_QUESTION}", ""]
    _, press_ts = slack.dm(PRESS_QUESTION)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    to_employee = next(c for c in posts if c.body["channel"] == EMPLOYEE_DM)
    to_contact = next(c for c in posts if c.body["channel"] == CONTACT)
    parts += [render_call(to_employee), render_call(to_contact)]
    [handoff] = slack_lotse.handoffs.list_for(CONTACT)
    fake_slack.clear()
    parts += [f"*{CONTACT} klickt „{kit.button('Antworten', kit.ANSWER, 0)['text']['text']}“.*", ""]
    slack.click(kit.ANSWER, handoff.id, user=CONTACT, channel="DCOMMS1", message_ts=to_contact.body.get("ts", "1.0"))
    [modal] = fake_slack.wait_for("views.open")
    parts.append(render_call(modal))
    reply = (
        "Bitte gib kein Statement ab, auch nicht inoffiziell. Ich rufe die Redaktion zurück – "
        "gib mir bitte nur den Namen und die Nummer des Journalisten."
    )
    parts += [f"*{CONTACT} schreibt im Modal:* {reply}", ""]
    values = {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": reply}}}
    slack.submit(kit.ANSWER_MODAL, values, user=CONTACT, private_metadata=modal.json_field("view")["private_metadata"])
    [delivered] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    assert delivered.body["thread_ts"] == press_ts
    parts.append(render_call(delivered))
    [confirmed] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == CONTACT)
    parts.append(render_call(confirmed))
    fake_slack.clear()

    # 3. a post check with approval
    parts += ["## 3. Ein Post-Check", "", f"**{EMPLOYEE} in #general:** `/postcheck {DRAFT}`", ""]
    slack.command("/postcheck", DRAFT)
    [verdict] = fake_slack.wait_for("response_url")
    parts.append(render_call(verdict))
    [check_id] = [
        e["value"]
        for b in verdict.json_field("blocks")
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == kit.SEND_APPROVAL
    ]
    parts += [f"*{EMPLOYEE} klickt „Zur Freigabe senden“.*", ""]
    slack.click(kit.SEND_APPROVAL, check_id, user=EMPLOYEE, channel="C0GENERAL", response="approval")
    contact_dm = fake_slack.wait_for(
        "chat.postMessage", where=lambda c: c.body["channel"] == CONTACT and "Neue Anfrage" in c.body["text"]
    )[0]
    note = fake_slack.wait_for("response_url", 2)[-1]
    parts += [render_call(note), render_call(contact_dm)]

    text = "\n".join(parts)
    assert "Quellen" in text and "Journalist" in text and "Zur Freigabe senden" in text
    assert "Freigabe eines Beitrags" in text  # the contact person got the approval request
    assert json.dumps(text)  # printable
    if os.environ.get("LOTSE_WRITE_TRANSCRIPT") == "1":
        TRANSCRIPT.write_text(text, encoding="utf-8")
