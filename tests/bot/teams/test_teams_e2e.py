"""End to end: signed activities → the real Teams SDK app on a real port → the real core → our Bot Connector."""

from __future__ import annotations

import time

from bot.teams import cards
from tests.bot.teams.conftest import CONTACT, CONTACT2, EMPLOYEE, STRANGER, chat_of

PHOTO_QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"
PHOTO_QUESTION_EN = "May I post a photo of my colleagues?"
PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"


def answers_to(connector, user=EMPLOYEE, count=1):
    return connector.wait_for("send", count, where=lambda s: s.conversation_id == chat_of(user) and s.type == "message")


def citations(sent) -> list[dict]:
    return [claim for entity in sent.body.get("entities") or [] for claim in entity.get("citation") or []]


def execute_actions(sent) -> list[dict]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sent.cards)
    return found


def sensitive_handoff(teams, connector, lotse):
    teams.message(PRESS_QUESTION)
    cards_sent = connector.wait_for("send", 2, where=lambda s: s.conversation_id.startswith("a:personal-"))
    [handoff] = lotse.handoffs.list_for(CONTACT)
    return handoff, cards_sent


def test_dm_is_answered_with_citations_feedback_and_a_person_button(teams, connector, identity):
    started = time.monotonic()
    response, activity = teams.message(PHOTO_QUESTION)
    assert response.status == 200 and time.monotonic() - started < 5  # answered later, not in the request
    [answer] = answers_to(connector)
    assert "Foto" in answer.text and "[1]" in answer.text
    claims = citations(answer)
    assert claims and claims[0]["position"] == 1
    assert "›" in claims[0]["appearance"]["name"]  # document › section
    assert answer.body["channelData"]["feedbackLoop"] == {"type": "default"}
    [button] = execute_actions(answer)
    assert button["verb"] == cards.ASK_HUMAN and button["title"] == "Mit einer Person sprechen"
    typing = [s for s in connector.sent("send") if s.type == "typing"]
    assert typing and connector.sent("send").index(typing[0]) < connector.sent("send").index(answer)
    assert answer.authorization.startswith("Bearer ey")  # the token provider's token, not a secret


def test_the_same_activity_twice_is_answered_once(teams, connector, teams_lotse):
    activity = teams.activity("message", text=PHOTO_QUESTION, textFormat="plain")
    assert teams.post(activity).status == 200
    assert teams.post(activity).status == 200  # Teams redelivers with the same id
    answers_to(connector)
    time.sleep(3)
    assert len([s for s in connector.sent("send") if s.type == "message"]) == 1
    from bot.store.models import Exchange

    with teams_lotse.store.session() as session:
        assert session.query(Exchange).count() == 1


def test_feedback_button_is_stored_on_the_exchange(teams, connector, teams_lotse):
    teams.message(PHOTO_QUESTION)
    [answer] = answers_to(connector)
    assert teams.feedback(answer.activity_id, "dislike").status == 200
    assert teams.feedback(answer.activity_id, "like", user=STRANGER).status == 200  # not theirs: ignored
    from bot.store.models import Exchange

    with teams_lotse.store.session() as session:
        [row] = session.query(Exchange).all()
        assert row.feedback == "not_helpful"


def test_english_locale_gets_english(teams, connector):
    teams.message(PHOTO_QUESTION_EN, locale="en-US")
    [answer] = answers_to(connector)
    assert "consent" in answer.text.lower() or "photo" in answer.text.lower()
    [button] = execute_actions(answer)
    assert button["title"] == "Talk to a person"


def test_sends_are_retried_on_429_and_5xx_without_duplicates(teams, connector, teams_bot):
    connector.fail_next("send", 2, status=429, activity_type="message")
    teams.message(PHOTO_QUESTION)
    answers_to(connector)
    time.sleep(1)
    connector.fail_next("send", 1, status=503, activity_type="message")
    teams.message("Darf ich Fotos aus der Werkshalle posten?")
    answers_to(connector, count=2)
    time.sleep(1)
    to_employee = [s for s in connector.sent("send") if s.type == "message" and s.conversation_id == chat_of(EMPLOYEE)]
    assert [s.status for s in to_employee] == [429, 429, 200, 503, 200]  # each answer delivered exactly once
    assert teams_bot.ctx.sender.retry.retried == 3


def test_sensitive_dm_goes_as_a_proactive_card_to_the_contact_people(teams, connector, teams_lotse):
    handoff, sent_cards = sensitive_handoff(teams, connector, teams_lotse)
    created = connector.sent("create_conversation")
    assert {c.body["members"][0]["id"] for c in created} == {CONTACT, CONTACT2}
    assert all(c.body.get("tenantId") for c in created)
    assert all(c.authorization.startswith("Bearer ") for c in created)
    card_text = sent_cards[0].card_text()
    assert "Journalist" in card_text and "Presseanfrage" in card_text and "heikles Thema" in card_text
    assert [a["verb"] for a in execute_actions(sent_cards[0])] == [cards.CLAIM, cards.ANSWER, cards.RESOLVE]
    assert handoff.reason == "sensitive" and handoff.platform == "teams"
    assert handoff.asker_channel == chat_of(EMPLOYEE)
    [to_employee] = answers_to(connector)
    assert "Katrin Vogt" in to_employee.text and not citations(to_employee)
    assert not any(s.conversation_id.startswith("19:") for s in connector.sent())  # nothing in a channel


def test_contact_answers_on_the_card_and_the_employee_receives_it(teams, connector, teams_lotse):
    handoff, sent_cards = sensitive_handoff(teams, connector, teams_lotse)
    reply = "Bitte gib kein Statement ab. Ich rufe die Redaktion zurück."
    response = teams.card_action(
        cards.ANSWER,
        {"handoff_id": handoff.id, cards.ANSWER_INPUT: reply},
        user=CONTACT,
        conversation=f"a:personal-{CONTACT}",
    )
    assert response.status == 200
    body = response.json()
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    replaced = str(body["value"])
    assert "Beantwortet von Katrin Vogt" in replaced and "Action.Execute" in replaced  # only "Erledigt" left
    delivered = connector.wait_for(
        "send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and "Redaktion" in s.text
    )
    assert "Katrin Vogt" in delivered[0].text
    updates = connector.wait_for("update", 2)
    assert {u.conversation_id for u in updates} == {f"a:personal-{CONTACT}", f"a:personal-{CONTACT2}"}
    assert all("Beantwortet von Katrin Vogt" in u.card_text() for u in updates)
    assert teams_lotse.handoffs.get(CONTACT, handoff.id).status == "answered"


def test_a_non_contact_is_refused_and_nothing_changes(teams, connector, teams_lotse):
    handoff, _ = sensitive_handoff(teams, connector, teams_lotse)
    for verb in (cards.CLAIM, cards.ANSWER, cards.RESOLVE):
        response = teams.card_action(
            verb, {"handoff_id": handoff.id, cards.ANSWER_INPUT: "Ich antworte!"}, user=STRANGER
        )
        body = response.json()
        assert body["type"] == "application/vnd.microsoft.activity.message"
        assert "nur die Ansprechpersonen" in body["value"]
    time.sleep(1)
    assert connector.sent("update") == []
    assert teams_lotse.handoffs.get(CONTACT, handoff.id).status == "open"


def test_claim_then_resolve_replaces_the_card_in_place(teams, connector, teams_lotse):
    handoff, _ = sensitive_handoff(teams, connector, teams_lotse)
    claimed = teams.card_action(cards.CLAIM, {"handoff_id": handoff.id}, user=CONTACT2).json()
    assert "Übernommen von Jonas Brandt" in str(claimed["value"])
    resolved = teams.card_action(cards.RESOLVE, {"handoff_id": handoff.id}, user=CONTACT).json()
    assert "Erledigt von Katrin Vogt" in str(resolved["value"]) and "Action.Execute" not in str(resolved["value"])
    assert teams_lotse.handoffs.get(CONTACT, handoff.id).status == "resolved"


def test_talk_to_a_person_under_an_answer_opens_a_handoff_for_the_asker_only(teams, connector, teams_lotse):
    teams.message(PHOTO_QUESTION)
    [answer] = answers_to(connector)
    [button] = execute_actions(answer)
    refused = teams.card_action(cards.ASK_HUMAN, button["data"], user=STRANGER).json()
    assert "Nur wer die Frage gestellt hat" in refused["value"]
    assert teams_lotse.handoffs.list_for(CONTACT) == []
    opened = teams.card_action(cards.ASK_HUMAN, button["data"], user=EMPLOYEE).json()
    assert opened["type"] == "application/vnd.microsoft.activity.message" and "weitergegeben" in opened["value"]
    again = teams.card_action(cards.ASK_HUMAN, button["data"], user=EMPLOYEE).json()
    assert "bereits" in again["value"]  # clicked twice: one handoff
    [handoff] = teams_lotse.handoffs.list_for(CONTACT)
    assert handoff.reason == "requested" and handoff.asker_channel == chat_of(EMPLOYEE)
    connector.wait_for("send", 2, where=lambda s: s.conversation_id.startswith("a:personal-"))


def test_the_locale_decides_the_language(teams, connector):
    teams.message(PHOTO_QUESTION, locale="en-GB")  # a German question from someone whose Teams is English
    [answer] = answers_to(connector)
    [button] = execute_actions(answer)
    assert button["title"] == "Talk to a person"
    assert any(w in answer.text for w in ("FAQ", "says", "not sure"))  # the English intro (sure or tentative)


def test_a_follow_up_leans_on_the_chat_history(teams, connector, teams_lotse):
    teams.message(PHOTO_QUESTION)
    answers_to(connector)
    teams.message("Und wenn sie zustimmen?")
    answers_to(connector, count=2)
    from bot.store.models import Exchange

    with teams_lotse.store.session() as session:
        rows = session.query(Exchange).order_by(Exchange.id).all()
    assert [r.thread_id for r in rows] == [chat_of(EMPLOYEE)] * 2
    assert rows[1].outcome == "answered" and rows[1].top_section == rows[0].top_section


def test_bad_card_input_gets_a_clear_message_and_changes_nothing(teams, connector, teams_lotse):
    handoff, _ = sensitive_handoff(teams, connector, teams_lotse)
    empty = teams.card_action(cards.ANSWER, {"handoff_id": handoff.id, cards.ANSWER_INPUT: "   "}, user=CONTACT).json()
    assert "Die Antwort ist leer" in empty["value"]
    unknown = teams.card_action(cards.CLAIM, {"handoff_id": 9999}, user=CONTACT).json()
    assert "nicht gefunden" in unknown["value"]
    garbage = teams.card_action(cards.RESOLVE, {"handoff_id": "x; DROP TABLE"}, user=CONTACT).json()
    assert "keine gültige Anfragenummer" in garbage["value"]  # not a number: said so (#12's handoff.error.not_a_number)
    odd = teams.card_action("no_such_verb", {}, user=CONTACT).json()
    assert "schiefgegangen" in odd["value"]
    assert teams_lotse.handoffs.get(CONTACT, handoff.id).status == "open"
    assert not any(s.conversation_id == chat_of(EMPLOYEE) and "Antwort von" in s.text for s in connector.sent("send"))
