"""Teams end to end: "Als Beispiel übernehmen" on an answered post-approval card, through signed activities, the real
Teams SDK app on a real port and the real core, into a copy of the sample company's knowledge folder; afterwards
the rule's examples (what `lotse rules test` runs) hold the case and still pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.postcheck.checker import PostChecker
from bot.postcheck.examples import run_rule_examples
from bot.teams import cards
from bot.teams import examples as review
from tests.bot.teams.conftest import CONTACT, EMPLOYEE, STRANGER, chat_of

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. Rückfragen gern an tim.berg@web.de"


@pytest.fixture
def settings(settings, tmp_path):
    """The shared settings over a copy of knowledge/ (this feature writes into it)."""
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy, ignore=shutil.ignore_patterns("eval"))
    return settings.model_copy(update={"knowledge_dir": copy})


def verbs(card: dict) -> list[str]:
    text = json.dumps(card)
    return [
        verb
        for verb in (cards.RESOLVE, cards.EXAMPLE_OPEN, cards.EXAMPLE_SAVE, cards.EXAMPLE_CANCEL)
        if f'"verb": "{verb}"' in text
    ]


def test_a_contact_takes_an_approved_draft_over_as_a_rule_example(teams, connector, teams_lotse):
    verdict = teams_lotse.postchecker.check(DRAFT)
    opened = teams_lotse.handoff_requests.post_approval(verdict, EMPLOYEE, "teams", "p1", chat_of(EMPLOYEE))
    handoff_id = opened.view.id
    data = {"handoff_id": handoff_id, cards.ANSWER_INPUT: "Freigegeben ohne die Umsatzzahl."}
    answered = teams.card_action(cards.ANSWER, data, user=CONTACT, conversation=f"a:personal-{CONTACT}").json()
    assert verbs(answered["value"]) == [cards.RESOLVE, cards.EXAMPLE_OPEN]
    figures = teams_lotse.settings.knowledge_dir / "postcheck" / "figures.yaml"
    before = figures.read_text(encoding="utf-8")

    refused = teams.card_action(cards.EXAMPLE_OPEN, {"handoff_id": handoff_id}, user=STRANGER).json()
    assert refused["type"] == "application/vnd.microsoft.activity.message"
    assert "nur die Ansprechpersonen" in refused["value"]

    opened_card = teams.card_action(cards.EXAMPLE_OPEN, {"handoff_id": handoff_id}, user=CONTACT).json()["value"]
    shown = json.dumps(opened_card, ensure_ascii=False)
    assert "tim.berg" not in shown and "[E-MAIL]" in shown and "Großkunden" in shown
    assert '"Input.ChoiceSet"' in shown and "figures.amounts" in shown and "customers.hints" in shown
    assert verbs(opened_card) == [cards.EXAMPLE_SAVE, cards.EXAMPLE_CANCEL]

    edited = "Umsatz +20% im Quartal – bestes Quartal bisher!"
    save = {"handoff_id": handoff_id, review.TARGET_INPUT: "rule:figures.amounts", review.TEXT_INPUT: edited}
    saved = teams.card_action(cards.EXAMPLE_SAVE, save, user=CONTACT).json()["value"]
    assert "Gespeichert" in json.dumps(saved, ensure_ascii=False) and "lotse rules test" in json.dumps(saved)
    after = figures.read_text(encoding="utf-8")
    assert after.startswith(before.split("examples:")[0]) and after.count(edited) == 1

    checker = PostChecker.load(
        teams_lotse.settings.knowledge_dir, embedder=lambda: teams_lotse.embedder, index=None, guideline=False
    )
    report = run_rule_examples(checker, check_guideline=False)
    assert report.ok, [str(f) for f in report.failures]
    assert edited in [e.text for e in checker.rule("figures.amounts").rule.examples.trigger]

    bad = {**save, review.TEXT_INPUT: "Ruf Tim an: 0171 2345678"}
    refused_text = teams.card_action(cards.EXAMPLE_SAVE, bad, user=CONTACT).json()["value"]
    assert "persönliche Daten" in json.dumps(refused_text, ensure_ascii=False)  # the review card stays, with why
    assert verbs(refused_text) == [cards.EXAMPLE_SAVE, cards.EXAMPLE_CANCEL]
    assert figures.read_text(encoding="utf-8") == after
    cancelled = teams.card_action(cards.EXAMPLE_CANCEL, {"handoff_id": handoff_id}, user=CONTACT).json()["value"]
    assert verbs(cancelled) == [cards.RESOLVE, cards.EXAMPLE_OPEN]
