"""Issue #18.4: an answered case becomes an example of its taboo topic or post-check rule, in a copy of knowledge/.

Real parts: the sample company's files, the real post checker (and embedding model), the real store; no mocks.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import yaml

from bot.handoff.errors import PermissionDenied
from bot.handoff.service import HandoffRequest
from bot.learning.anonymise import anonymise, shorten
from bot.learning.case_examples import example_offer_key
from bot.learning.example_texts import ExampleRefused
from bot.learning.yaml_append import append_string
from bot.postcheck.checker import PostChecker
from bot.postcheck.examples import run_rule_examples
from bot.practice.taboo import taboo_answer
from bot.triage.config import load_config

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
EMPLOYEE, CONTACT, LEGAL = "UEMP1", "UCOMMS1", "ULEGAL1"
PRESS_CASE = (
    "Herr Dr. Meier von der Neuen Westfälischen (t.meier@nw-online.de, 0521 5551234) will bis morgen ein Statement "
    "zu den Entlassungen in Halle 4, sagt <@U0KOLLEGE>."
)
DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. Fragen an anna.schulz@gmx.de"


@pytest.fixture
def knowledge(tmp_path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy, ignore=shutil.ignore_patterns("eval", "documents", "faq", "questions"))
    for folder in ("documents", "faq", "questions"):  # read only: linked, never written by this feature
        (copy / folder).symlink_to(KNOWLEDGE / folder)
    return copy


@pytest.fixture
def case_lotse(settings, clock, knowledge):
    from bot.app import Lotse

    return Lotse(settings.model_copy(update={"knowledge_dir": knowledge}), clock=clock)


def answered(lotse, question=PRESS_CASE, category="press", reason="sensitive", draft=None, source="m1"):
    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="cli",
            source_message_id=source,
            asker_id=EMPLOYEE,
            language="de",
            reason=reason,
            question=question,
            category=category,
            draft=draft,
            contact_role="communications" if reason == "post_approval" else None,
        )
    )
    return lotse.handoffs.answer(CONTACT, view.id, "Bitte nichts posten, ich kümmere mich.")


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if anything else changed (the rest stays byte for byte)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    changes = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert all(op[0] == "insert" for op in changes), changes
    return [line for _, _, _, start, end in changes for line in new[start:end]]


# --- pure parts ------------------------------------------------------------------------------------------
def test_a_realistic_message_is_anonymised():
    text = anonymise(PRESS_CASE + " Katrin Vogt weiß Bescheid, siehe https://nw.de/a/1.", "de", ["Katrin Vogt"])
    assert text == (
        "Herr Dr. [NAME] von der Neuen Westfälischen ([E-MAIL], [TELEFON]) will bis morgen ein Statement zu den "
        "Entlassungen in Halle 4, sagt [@PERSON]. [NAME] weiß Bescheid, siehe [LINK]."
    )
    assert anonymise("Call me on +49 170 1234567, staff no. 4711 0815 22.", "en") == (
        "Call me on [PHONE], staff no. [NUMBER]."
    )
    assert anonymise("Umsatz 1.000.000 € bei Brandt Automotive", "de") == "Umsatz 1.000.000 € bei Brandt Automotive"


def test_shortening_keeps_the_sentence_a_rule_is_about():
    long = "Heute war ein langer Tag in der Montage. " * 8 + "Wir haben einen Großkunden gewonnen! Danke an alle."
    short = shorten(long, 120, keep="Großkunden")
    assert short.startswith("Wir haben einen Großkunden gewonnen!") and len(short) <= 120


def test_the_yaml_edit_adds_lines_and_nothing_else():
    before = (KNOWLEDGE / "postcheck" / "taboo-topics.yaml").read_text(encoding="utf-8")
    after = append_string(before, ["rules", ("id", "personnel.matters"), "examples", "trigger"], 'Ein "Zitat"', "x")
    assert added_lines(before, after) == ['        - "Ein \\"Zitat\\""  # x\n']
    triage = (KNOWLEDGE / "triage.yaml").read_text(encoding="utf-8")
    new = append_string(triage, ["sensitive", ("name", "harassment"), "examples_de"], "Neu")
    assert added_lines(triage, new) == ["  - name: harassment\n", "    examples_de:\n", '      - "Neu"\n']
    assert yaml.safe_load(new)["sensitive"][-1] == {"name": "harassment", "examples_de": ["Neu"]}


# --- a sensitive question → its taboo topic ------------------------------------------------------------------
def test_a_press_case_becomes_an_example_of_the_taboo_topic(case_lotse, knowledge):
    view = answered(case_lotse)
    assert example_offer_key(view) is None
    examples = case_lotse.case_examples
    proposal = examples.propose(CONTACT, view.id)
    assert [x.key for x in proposal.targets] == ["triage:press"]
    assert "[E-MAIL]" in proposal.text and "Meier" not in proposal.text and "5551234" not in proposal.text
    edited = "Die Neue Westfälische will ein Statement zu den Entlassungen in Halle 4."
    before = (knowledge / "triage.yaml").read_text(encoding="utf-8")
    triage_before = case_lotse.triage

    saved = examples.save(CONTACT, view.id, "triage:press", edited)

    after = (knowledge / "triage.yaml").read_text(encoding="utf-8")
    [line] = added_lines(before, after)
    assert line.strip().startswith(f'- "{edited}"  # Fall/case #{view.id}, 2026-11-18')
    press = next(c for c in load_config(knowledge / "triage.yaml").sensitive if c.name == "press")
    assert press.examples_de[-1] == edited
    assert "Lotse lädt die Triage neu" in saved.message("de") and "reloads its triage" in saved.message("en")
    assert case_lotse.triage is not triage_before  # the running Lotse reads the new example
    assert f"• Presseanfrage – z. B. „{edited}“" in taboo_answer(knowledge, "de")
    [event] = [e for e in case_lotse.handoffs.events(CONTACT, view.id) if e.action == "example_added"]
    assert event.actor == CONTACT and event.detail["target"] == "triage:press"
    assert edited not in str(event.detail)  # the audit names the target, never the text

    with pytest.raises(ExampleRefused) as twice:
        examples.save(
            CONTACT,
            view.id,
            "triage:press",
            "  die neue westfälische will ein Statement zu den Entlassungen in Halle 4. ",
        )
    assert twice.value.key == "example.refused.duplicate"
    assert (knowledge / "triage.yaml").read_text(encoding="utf-8") == after


def test_a_category_only_lotse_ships_is_extended_in_the_company_file(case_lotse, knowledge):
    view = answered(case_lotse, "Mein Teamleiter schreibt mir ständig anzügliche Nachrichten.", "harassment")
    proposal = case_lotse.case_examples.propose(CONTACT, view.id)
    assert proposal.targets[0].extends and "Lotses Standard" in proposal.targets[0].label("de")
    case_lotse.case_examples.save(CONTACT, view.id, None, proposal.text)
    harassment = next(c for c in load_config(knowledge / "triage.yaml").sensitive if c.name == "harassment")
    assert harassment.examples_de[-1] == proposal.text and len(harassment.examples_de) > 1  # defaults kept
    assert harassment.contact  # the shipped category's routing stays


def test_personal_data_left_in_the_edit_is_refused(case_lotse, knowledge):
    view = answered(case_lotse)
    before = (knowledge / "triage.yaml").read_text(encoding="utf-8")
    with pytest.raises(ExampleRefused) as refused:
        case_lotse.case_examples.save(CONTACT, view.id, None, "Frau Schulz von der NW will ein Statement.")
    assert refused.value.key == "example.refused.personal_data"
    assert (knowledge / "triage.yaml").read_text(encoding="utf-8") == before


def test_only_contact_people_of_the_topic_may_do_it(case_lotse, knowledge):
    view = answered(case_lotse)
    before = (knowledge / "triage.yaml").read_text(encoding="utf-8")
    for actor, key in ((EMPLOYEE, "handoff.error.contacts_only"), (LEGAL, "handoff.error.not_a_party")):
        with pytest.raises(PermissionDenied) as refused:
            case_lotse.case_examples.save(actor, view.id, None, "Die Zeitung will ein Statement.")
        assert refused.value.key == key
    assert (knowledge / "triage.yaml").read_text(encoding="utf-8") == before


def test_an_unanswered_handoff_offers_nothing(case_lotse):
    view, _ = case_lotse.handoffs.open(
        HandoffRequest(
            platform="cli",
            source_message_id="m9",
            asker_id=EMPLOYEE,
            language="de",
            reason="sensitive",
            question="Die Presse ruft an.",
            category="press",
        )
    )
    assert example_offer_key(view) == "example.refused.status"
    with pytest.raises(ExampleRefused):
        case_lotse.case_examples.propose(CONTACT, view.id)


# --- a draft sent for approval → the rule that flagged it ------------------------------------------------------
def test_an_approved_draft_becomes_an_example_the_rules_test_runs(case_lotse, knowledge):
    view = answered(case_lotse, "Freigabe", "customers", reason="post_approval", draft=DRAFT)
    proposal = case_lotse.case_examples.propose(CONTACT, view.id)
    assert [x.key for x in proposal.targets] == ["rule:customers.hints", "rule:figures.amounts"]
    assert "anna.schulz" not in proposal.text and "Großkunden" in proposal.text
    path = knowledge / "postcheck" / "customers.yaml"
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ExampleRefused) as refused:
        case_lotse.case_examples.save(CONTACT, view.id, "rule:customers.hints", "Wir haben gewonnen!")
    assert refused.value.key == "example.refused.not_triggering"
    with pytest.raises(ExampleRefused):
        case_lotse.case_examples.save(CONTACT, view.id, "rule:lotse.figures.hints", proposal.text)

    saved = case_lotse.case_examples.save(CONTACT, view.id, "rule:customers.hints", proposal.text)

    assert saved.target.path == path and "`lotse rules test`" in saved.message("de")
    lines = added_lines(before, path.read_text(encoding="utf-8"))
    assert lines == [f'        - {{text: "{proposal.text}", case: "Fall/case #{view.id}, 2026-11-18"}}\n']
    # `lotse rules test` (guideline sentences left out: they carry no examples of their own)
    checker = PostChecker.load(knowledge, embedder=lambda: case_lotse.embedder, index=None, guideline=False)
    report = run_rule_examples(checker, check_guideline=False)
    assert report.ok, [str(f) for f in report.failures] + [str(e) for e in report.errors]
    rule = checker.rule("customers.hints").rule
    assert proposal.text in [e.text for e in rule.examples.trigger]
    assert f"• Kunden – z. B. „{proposal.text[:100]}" in taboo_answer(knowledge, "de")
    with pytest.raises(ExampleRefused) as twice:
        case_lotse.case_examples.save(CONTACT, view.id, "rule:customers.hints", proposal.text)
    assert twice.value.key == "example.refused.duplicate"


# --- the terminal ---------------------------------------------------------------------------------------------
def test_lotse_handoffs_example_shows_prompts_and_saves(case_lotse, knowledge):
    from click.testing import CliRunner

    from bot.cli.handoffs_cmd import handoffs

    view = answered(case_lotse)
    settings = case_lotse.settings
    cancelled = CliRunner().invoke(handoffs, ["--as", CONTACT, "example", str(view.id)], obj=settings, input="\nn\n")
    assert "Abgebrochen" in cancelled.output and cancelled.exit_code == 1
    edited = "Die Neue Westfälische fragt nach den Entlassungen in Halle 4."
    result = CliRunner().invoke(
        handoffs, ["--as", CONTACT, "example", str(view.id)], obj=settings, input=f"{edited}\nj\n"
    )
    assert result.exit_code == 0, result.output
    assert "Tabuthema „Presseanfrage“" in result.output and "[E-MAIL]" in result.output  # shown before saving
    assert "Gespeichert" in result.output
    press = next(c for c in load_config(knowledge / "triage.yaml").sensitive if c.name == "press")
    assert press.examples_de[-1] == edited
