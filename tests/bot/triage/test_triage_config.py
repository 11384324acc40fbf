"""triage.yaml: loads, routes every category to a known contact, reports errors with the file's path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.triage.config import ROLES, TriageConfigError, load_config
from bot.triage.matching import MessageTokens, compile_terms

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
REQUIRED = {
    "press",
    "crisis",
    "legal",
    "data_leak",
    "security",
    "harassment",
    "wellbeing",
    "misconduct",
    "insider",
    "endorsement",
}


def test_shipped_config_covers_the_required_categories():
    config = load_config(KNOWLEDGE / "triage.yaml")
    routing = config.routing()
    assert REQUIRED <= set(routing)
    assert set(routing.values()) <= set(ROLES)
    for category in config.sensitive:
        assert category.examples_de and category.examples_en, category.name
        assert category.terms_de and category.terms_en, category.name
    press = next(c for c in config.sensitive if c.name == "press")
    assert "Westfalen-Blatt" in press.terms_de and "Journalist" in press.terms_de  # Nordwerk's words on the defaults


def test_invalid_yaml_is_reported_with_its_path(tmp_path):
    path = tmp_path / "triage.yaml"
    path.write_text("sensitive: [unclosed\n", encoding="utf-8")
    with pytest.raises(TriageConfigError) as error:
        load_config(path)
    assert str(path) in str(error.value)
    assert "YAML" in str(error.value)


def test_invalid_content_names_file_and_field(tmp_path):
    path = tmp_path / "triage.yaml"
    path.write_text(
        "confidence: {threshold: 0.5}\n"
        "sensitive:\n"
        "  - name: press\n"
        "    contact: marketing\n"
        "    terms_de: [Journalist]\n",
        encoding="utf-8",
    )
    with pytest.raises(TriageConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert str(path) in message and "sensitive.0.contact" in message and "marketing" in message


def test_no_threshold_needed_and_missing_file_named(tmp_path):
    path = tmp_path / "triage.yaml"
    path.write_text("sensitive:\n  - {name: press, contact: communications, terms_de: [Presse]}\n", encoding="utf-8")
    assert [c.name for c in load_config(path).sensitive] == ["press"]  # thresholds belong to the model now
    with pytest.raises(TriageConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_without_a_company_file_the_packaged_defaults_apply(tmp_path):
    from bot.triage.config import load_config_or_default

    config, source = load_config_or_default(tmp_path / "triage.yaml")
    assert source.endswith("default.yaml")
    assert {"press", "legal", "data_leak", "harassment", "insider"} <= set(config.routing())
    assert not any("Nordwerk" in text for c in config.sensitive for text in c.examples_de + c.examples_en)


def test_company_file_extends_the_defaults(tmp_path):
    from bot.triage.config import load_config_or_default

    (tmp_path / "triage.yaml").write_text(
        "extends: default\n"
        "sensitive:\n"
        "  - {name: press, terms_de: [Kreisblatt]}\n"
        "  - {name: works_council, contact: hr, terms_de: [Betriebsratswahl]}\n",
        encoding="utf-8",
    )
    config, _ = load_config_or_default(tmp_path / "triage.yaml")
    press = next(c for c in config.sensitive if c.name == "press")
    assert "Kreisblatt" in press.terms_de and "Journalist" in press.terms_de  # added, not replaced
    assert config.routing()["works_council"] == "hr" and "legal" in config.routing()


def test_app_reports_invalid_triage_yaml_with_path(tmp_path):
    from bot.embeddings import Embedder
    from bot.triage.triage import Triage

    (tmp_path / "triage.yaml").write_text("confidence: {threshold: 2}\nsensitive: []\n", encoding="utf-8")
    with pytest.raises(TriageConfigError) as error:
        Triage.load(tmp_path, Embedder.load())
    assert str(tmp_path / "triage.yaml") in str(error.value)


@pytest.mark.parametrize(
    "term, message",
    [
        ("Journalist", "Zwei Journalistinnen haben angerufen"),
        ("Anwalt", "Post von einer Rechtsanwältin"),
        ("Polizei", "Die Kriminalpolizei war da"),
        ("Abmahnung", "Ich habe Abmahnungen bekommen"),
        ("gehackt", "mein Konto ist gehackt worden"),
    ],
)
def test_terms_survive_inflection_and_compounds(term, message):
    assert MessageTokens(message).matching(compile_terms([term], []))


@pytest.mark.parametrize(
    "term, message",
    [
        ("Presse", "Darf ich die Pressemitteilung teilen?"),  # a long compound on the right is another word
        ("Journalist", "Wie viele Hashtags?"),
    ],
)
def test_terms_do_not_overmatch(term, message):
    assert not MessageTokens(message).matching(compile_terms([term], []))


def test_a_company_adds_a_combination_and_an_empty_group_is_named(tmp_path):
    path = tmp_path / "triage.yaml"
    path.write_text(
        "extends: default\n"
        "sensitive:\n"
        "  - name: insider\n"
        "    combinations:\n"
        "      - groups: [[verraten, reveal], [Prototyp, prototype]]\n",
        encoding="utf-8",
    )
    insider = next(c for c in load_config(path).sensitive if c.name == "insider")
    assert len(insider.combinations) >= 2  # the shipped ones and the company's
    path.write_text(
        "sensitive:\n  - name: insider\n    contact: legal\n    combinations:\n      - groups: [[verraten], []]\n",
        encoding="utf-8",
    )
    with pytest.raises(TriageConfigError) as error:
        load_config(path)
    assert str(path) in str(error.value) and "combinations" in str(error.value)


def test_a_combination_needs_every_group_in_either_language():
    from bot.triage.matching import CompiledCombination

    combination = CompiledCombination.of([["teilen", "share"], ["intern", "internal"], ["Prognose", "forecast"]])
    assert combination.found_in(MessageTokens("Darf ich die Quartalsprognose teilen, die intern gezeigt wurde?", "de"))
    assert combination.found_in(
        MessageTokens("Kann ich den internen Forecast teilen?", "de")
    )  # English word, German text
    assert combination.found_in(MessageTokens("Can I share the internal forecast?", "en"))
    assert not combination.found_in(MessageTokens("Darf ich die Prognose teilen?", "de"))  # nothing says internal
    assert not combination.found_in(MessageTokens("Darf ich erzählen, was wir intern gebaut haben?", "de"))
