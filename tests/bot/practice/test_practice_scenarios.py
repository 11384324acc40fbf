"""Scenarios from the sample company's own material, and a company's own scenario file with broken entries."""

from __future__ import annotations

from pathlib import Path

from bot.practice.catalog import load_catalog
from bot.practice.render import outcome_text, scenario_text
from bot.practice.service import Outcome

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


def test_scenarios_come_from_faq_rule_examples_and_guideline_in_both_languages():
    catalog = load_catalog(KNOWLEDGE)
    origins = {(s.origin, s.language) for s in catalog.scenarios}
    for origin in ("faq", "rule", "guideline"):
        assert {(origin, "de"), (origin, "en")} <= origins
    for scenario in catalog.scenarios:
        assert len(set(scenario.choices)) == 3
        assert 0 <= scenario.right <= 2
        assert scenario.reason and scenario.source.document and scenario.source.section
    assert len({s.id for s in catalog.scenarios}) == len(catalog.scenarios)


def test_an_faq_entry_becomes_a_yes_no_ask_first_question_with_its_reason():
    catalog = load_catalog(KNOWLEDGE)
    figures = next(s for s in catalog.scenarios if s.id == "faq:faq-de-003")
    assert "Umsatzzahlen" in figures.situation
    assert figures.right_choice == "Nein, das lasse ich."
    assert figures.source.document == "Häufige Fragen zu Social Media"
    consent = next(s for s in catalog.scenarios if s.id == "faq:faq-en-012")
    assert consent.right_choice.startswith("Only after checking")


def test_a_rule_example_draft_asks_whether_it_can_go_out():
    catalog = load_catalog(KNOWLEDGE)
    drafts = [s for s in catalog.scenarios if s.origin == "rule" and "Patentklage" in s.situation]
    assert drafts, "the legal rule's example draft should be a scenario"
    scenario = drafts[0]
    assert "Darf das so raus?" in scenario.situation
    assert scenario.choices == (
        "Ja, das kann so raus.",
        "Erst zur Freigabe an die Unternehmenskommunikation.",
        "Überarbeiten – das lässt sich selbst beheben.",
    )
    assert scenario.right_choice.startswith("Erst zur Freigabe")
    assert "Patentklage" in scenario.reason
    assert scenario.source.section == "Personal, Rechtsstreitigkeiten und Vorfälle"

    shown = scenario_text(scenario)
    assert "A) Ja, das kann so raus." in shown and "C) Überarbeiten" in shown
    explained = outcome_text(Outcome(1, scenario, 0, False, True))
    assert "Fast – gemeint ist: B) Erst zur Freigabe" in explained
    assert "Quelle: social-media-richtlinie-de › Personal, Rechtsstreitigkeiten und Vorfälle" in explained


def test_a_guideline_sentence_asks_which_rule_covers_a_section():
    catalog = load_catalog(KNOWLEDGE)
    scenario = next(s for s in catalog.scenarios if s.origin == "guideline" and s.language == "en")
    assert scenario.source.section in scenario.situation
    assert scenario.source.section in scenario.reason


def _copy_knowledge(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns("eval"))
    return target


def test_company_scenarios_are_added_switched_off_and_broken_entries_named(tmp_path):
    knowledge = _copy_knowledge(tmp_path)
    (knowledge / "practice.yaml").write_text(
        """disable: [faq:faq-de-003, "rule:legal.*"]
scenarios:
  - id: logo-kunde
    language: de
    topic: customers
    situation: "Du willst ein Foto vom Messestand posten, auf dem das Logo eines Kunden zu sehen ist."
    choices: ["Einfach posten.", "Logo unkenntlich machen oder Freigabe holen.", "Den Kunden selbst fragen."]
    right: 2
    reason: "Kundennamen und Logos sind vertraulich, solange der Kunde keiner Referenz zugestimmt hat."
    source: {document: social-media-richtlinie-de, section: Kundenprojekte und Kundennamen}
  - id: kaputt
    language: de
    topic: customers
    situation: "Zu wenige Antworten in diesem Eintrag."
    choices: ["Ja", "Nein"]
    right: 4
    reason: "Egal."
    source: {document: x, section: y}
  - id: aus
    language: en
    topic: press
    situation: "A journalist writes to you on LinkedIn."
    choices: ["Reply", "Forward to communications", "Ignore"]
    right: 2
    reason: "Press inquiries go to the communications team."
    source: {document: social-media-guideline-en, section: Press and media inquiries}
    enabled: false
  - just a string
""",
        encoding="utf-8",
    )
    catalog = load_catalog(knowledge)
    ids = {s.id for s in catalog.scenarios}
    assert "company:logo-kunde" in ids
    assert "company:aus" not in ids and "company:kaputt" not in ids
    assert "faq:faq-de-003" not in ids
    assert not any(i.startswith("rule:legal.") for i in ids)
    assert "faq:faq-de-001" in ids  # the rest keeps working
    own = catalog.get("company:logo-kunde")
    assert own is not None and own.right_choice == "Logo unkenntlich machen oder Freigabe holen."

    problems = [str(e) for e in catalog.errors]
    assert len(problems) == 2, problems
    assert "practice.yaml, entry 2 (line 11)" in problems[0]
    assert "choices" in problems[0] and "right" in problems[0]
    assert "entry 4 (line 28)" in problems[1] and "mapping" in problems[1]


def test_a_file_that_is_not_yaml_is_reported_with_its_line(tmp_path):
    knowledge = _copy_knowledge(tmp_path)
    (knowledge / "practice.yaml").write_text("scenarios:\n  - id: [unclosed\n", encoding="utf-8")
    catalog = load_catalog(knowledge)
    assert catalog.scenarios  # built scenarios still there
    assert "not valid YAML" in str(catalog.errors[0]) and "line" in str(catalog.errors[0])
