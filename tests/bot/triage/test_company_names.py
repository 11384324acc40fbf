"""A company's confidential names (knowledge/company.yaml) reach triage without being repeated in triage.yaml."""

from __future__ import annotations

from pathlib import Path

from bot.triage.company_names import confidential_names, with_company_names
from bot.triage.config import DEFAULT_PATH, load_config

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


def test_unannounced_products_projects_and_confidential_customers_are_read_with_aliases():
    names = confidential_names(KNOWLEDGE)
    for name in ("Projekt Falke", "NORDMILL X9", "Kranich", "Werk Gütersloh II", "Brandt Automotive"):
        assert name in names
    for public in ("NORDMILL 800", "Vettermann Medizintechnik", "Steinhauer Werkzeugmaschinen"):
        assert public not in names  # public products, public references and competitors are ordinary


def test_a_company_without_company_file_adds_nothing(tmp_path):
    config = load_config(DEFAULT_PATH)
    assert confidential_names(tmp_path) == []
    assert with_company_names(config, []) is config


def test_names_are_not_added_when_the_company_switched_insider_off():
    config = load_config(DEFAULT_PATH)
    without = config.model_copy(update={"sensitive": [c for c in config.sensitive if c.name != "insider"]})
    assert with_company_names(without, ["Projekt Falke"]) is without


def test_naming_an_unannounced_product_in_a_harmless_sounding_question_is_handed_off(ask):
    reply = ask("Can I put 'Mechanical design – NORDMILL X9' as my current position on LinkedIn? Sounds cooler.")
    assert reply.outcome == "handoff" and reply.category == "insider", (reply.outcome, reply.category)


def test_a_public_product_in_the_same_question_is_not_an_insider_matter(ask):
    reply = ask("Can I put 'Mechanical design – NORDMILL 800' as my current position on LinkedIn? Sounds cooler.")
    assert reply.category != "insider", (reply.outcome, reply.category)


def test_a_broken_company_file_costs_the_names_not_triage(tmp_path, caplog):
    (tmp_path / "company.yaml").write_text("unannounced_products: [Falke\n  - oops: {", encoding="utf-8")
    assert confidential_names(tmp_path) == []
    assert "company.yaml" in caplog.text


def test_a_single_name_without_a_list_is_one_name_and_very_short_names_are_left_out(tmp_path):
    (tmp_path / "company.yaml").write_text(
        "unannounced_products: Projekt Falke\nconfidential_projects: [X, AB, Kranich]\ncustomers: [Brandt]\n",
        encoding="utf-8",
    )
    assert confidential_names(tmp_path) == ["Projekt Falke", "Kranich"]
