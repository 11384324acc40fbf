"""A real run of a question, a handoff answered on its card and a post check, rendered as Teams shows them.

With LOTSE_WRITE_TRANSCRIPT=1 the rendering is written to docs/teams-transcript.md (never by hand).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bot.teams import cards
from tests.bot.teams.conftest import CONTACT, EMPLOYEE, NAMES, chat_of
from tests.bot.teams.test_teams_e2e import PHOTO_QUESTION, PRESS_QUESTION, answers_to

TRANSCRIPT = Path(__file__).resolve().parents[3] / "docs" / "teams-transcript.md"
DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. #stolz"


def render_card(node: Any) -> list[str]:
    """Adaptive Card elements as readable text: text blocks, facts, inputs, buttons in brackets."""
    out: list[str] = []
    kind = node.get("type") if isinstance(node, dict) else None
    if kind == "AdaptiveCard":
        for item in node.get("body") or []:
            out += render_card(item)
    elif kind == "TextBlock":
        out.append(("**" + node["text"] + "**") if node.get("weight") == "Bolder" else node["text"])
    elif kind == "FactSet":
        out += [f"{fact['title']}: {fact['value']}" for fact in node["facts"]]
    elif kind == "Input.Text":
        out.append(f"✎ [{node.get('placeholder', '')}]")
    elif kind == "Input.Toggle":
        out.append(f"☐ {node['title']}")
    elif kind == "ActionSet":
        out.append("  ".join(f"[ {a['title']} ]" for a in node["actions"]))
    return out


def render_sent(sent: Any, label: str) -> str:
    lines = [sent.text] if sent.text else []
    for claim in [c for e in sent.body.get("entities") or [] for c in e.get("citation") or []]:
        lines.append(f"  [{claim['position']}] {claim['appearance']['name']} – {claim['appearance']['abstract']}")
    if (sent.body.get("channelData") or {}).get("feedbackLoop"):
        lines.append("  👍 👎 (Feedback)")
    for card in sent.cards:
        lines += render_card(card)
    return _message(label, "\n".join(lines))


def _message(label: str, text: str) -> str:
    return f"**{label}**\n\n```text\n{text}\n```\n"


def test_transcript_of_a_question_a_handoff_and_a_post_check(teams, connector, teams_lotse):
    employee, contact = NAMES[EMPLOYEE], NAMES[CONTACT]
    parts = [
        "# Lotse in Teams – Transkript",
        "",
        "Erzeugt aus einem echten Lauf der End-to-End-Tests (`LOTSE_WRITE_TRANSCRIPT=1 pytest "
        "tests/bot/teams/test_teams_transcript.py`): signierte Aktivitäten an `/api/messages` der Teams-SDK-App, "
        "die Nachrichten und Adaptive Cards so, wie sie beim (lokalen) Bot Connector ankamen, als Text gerendert. "
        "Nicht von Hand bearbeiten.",
        "",
    ]

    parts += ["## 1. Eine Frage (1:1-Chat)", "", f"**{employee} → Lotse:** {PHOTO_QUESTION}", ""]
    teams.message(PHOTO_QUESTION)
    [answer] = answers_to(connector)
    parts.append(render_sent(answer, "Lotse → 1:1-Chat"))
    connector.clear()

    parts += ["## 2. Eine Übergabe an einen Menschen", "", f"**{employee} → Lotse:** {PRESS_QUESTION}", ""]
    teams.message(PRESS_QUESTION)
    [to_employee] = answers_to(connector)
    [to_contact] = connector.wait_for("send", where=lambda s: s.conversation_id == f"a:personal-{CONTACT}")
    parts += [
        render_sent(to_employee, "Lotse → 1:1-Chat"),
        "*Lotse öffnet proaktiv einen 1:1-Chat mit der Ansprechperson (`POST /v3/conversations`).*",
        "",
        render_sent(to_contact, f"Lotse → {contact} (Karte)"),
    ]
    [handoff] = teams_lotse.handoffs.list_for(CONTACT)
    reply = (
        "Bitte gib kein Statement ab, auch nicht inoffiziell. Ich rufe die Redaktion zurück – "
        "gib mir bitte nur den Namen und die Nummer des Journalisten."
    )
    parts += [f"*{contact} schreibt in die Karte und klickt „Antwort senden“:* {reply}", ""]
    connector.clear()
    response = teams.card_action(
        cards.ANSWER,
        {"handoff_id": handoff.id, cards.ANSWER_INPUT: reply},
        user=CONTACT,
        conversation=f"a:personal-{CONTACT}",
    )
    parts.append(_message(f"Die Karte bei {contact} wird ersetzt", "\n".join(render_card(response.json()["value"]))))
    [delivered] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE))
    parts.append(render_sent(delivered, f"Lotse → 1:1-Chat von {employee}"))
    connector.clear()

    parts += ["## 3. Ein Post-Check", "", f"**{employee} → Lotse:** prüfen {DRAFT}", ""]
    teams.message(f"prüfen {DRAFT}")
    [verdict] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.cards)
    parts.append(render_sent(verdict, "Lotse → 1:1-Chat (Karte)"))
    check_id = next(a["data"]["check_id"] for a in _actions(verdict.cards) if a.get("verb") == cards.SEND_APPROVAL)
    parts += [f"*{employee} klickt „Zur Freigabe senden“.*", ""]
    note = teams.card_action(cards.SEND_APPROVAL, {"check_id": check_id}, user=EMPLOYEE).json()
    parts.append(_message("Lotse → Antwort auf den Klick", note["value"]))

    text = "\n".join(parts)
    assert "[1]" in text and "Journalist" in text and "Beantwortet von Katrin Vogt" in text
    assert "Zur Freigabe senden" in text and "Redaktion" in text
    if os.environ.get("LOTSE_WRITE_TRANSCRIPT") == "1":
        TRANSCRIPT.write_text(text, encoding="utf-8")


def _actions(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "Action.Execute":
            found.append(node)
        for value in node.values():
            found += _actions(value)
    elif isinstance(node, list):
        for value in node:
            found += _actions(value)
    return found
