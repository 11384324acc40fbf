"""What a new company gets on day one: the shipped triage defaults alone (no knowledge/triage.yaml, no views).

Sensitive questions in words no list holds, in either language and across languages, go to the right person;
harmless questions are not handed off because of an incidental word or number ("Halle 3", "Variante 3", a date)
that happens to stand in a shipped example.
"""

from __future__ import annotations

import re

import pytest

from bot.triage.config import DEFAULT_PATH, load_config
from bot.triage.matching import without_numbers

ENGLISH_POLICY = """---
id: acme-social-media-policy
title: Social Media Policy
language: en
kind: guideline
---
# Social Media Policy

## Confidential information

Do not share confidential or non-public information about the company: financial results, forecasts, deals,
customers, products that have not been announced, or plans about sites and jobs. If you are unsure whether
something is public, ask Corporate Communications before you post.

## Photos at work

You may post photos from work when nobody can be recognised without consent and no screens, drawings or
documents are visible. Ask your manager before taking pictures in production areas.

## Speaking for the company

Only authorised spokespeople speak for the company. When you post privately about your work, say that the views
are your own.
"""


@pytest.fixture(scope="module")
def day_one(tmp_path_factory, embedder):
    """Lotse for a company whose knowledge folder holds one English policy and nothing else."""
    from bot.app import Lotse
    from bot.settings import Settings
    from ingest.indexer import ingest

    root = tmp_path_factory.mktemp("day-one")
    knowledge = root / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    (knowledge / "documents" / "social-media-policy.en.md").write_text(ENGLISH_POLICY, encoding="utf-8")
    lotse = Lotse(
        Settings(data_dir=root / "data", knowledge_dir=knowledge, database_url=f"sqlite:///{root / 'lotse.db'}")
    )
    report = ingest([knowledge], lotse.index)
    assert not report.errors, report.errors
    return lotse


@pytest.fixture(scope="module")
def defaults(embedder):
    from bot.triage.triage import Triage

    return Triage(load_config(DEFAULT_PATH), embedder)


DISCLOSURE = [
    # sharing, confirming or hinting at something internal, unannounced or rumoured — worded as nobody listed it
    ("Der Vertriebsleiter hat uns intern die Jahresprognose gezeigt. Kann ich die Zahlen auf LinkedIn teilen?", "de"),
    (
        "Ich weiß aus einer internen Runde, dass die Gerüchte über den Verkauf unserer Sparte stimmen. "
        "Darf ich das unter einem Post bestätigen?",
        "de",
    ),
    (
        "Darf ich in meiner Story andeuten, dass wir einen Großkunden gewonnen haben, der noch nicht verkündet ist?",
        "de",
    ),
    ("My manager showed us the quarterly figures internally. Is it fine to share them in a post?", "en"),
    ("Everyone is asking about the takeover rumours. Can I confirm them in a comment since I know they're true?", "en"),
    ("Can I tease our unannounced product on Instagram?", "en"),
]


@pytest.mark.parametrize("message, language", DISCLOSURE)
def test_disclosing_something_not_public_goes_to_the_insider_contact(day_one, message, language):
    reply = day_one.assistant.ask(message, record=False)
    assert reply.outcome == "handoff", (message, reply.outcome, reply.answer[:80])
    assert reply.category == "insider", (message, reply.category)
    assert day_one.triage.routing()[reply.category] == "legal"  # the person who can say what is public


def test_german_insider_question_about_an_english_only_policy_is_handed_off(day_one):
    # the guideline is English; the question is German, paraphrased, with none of the listed terms
    reply = day_one.assistant.ask(
        "Wir übernehmen wohl bald einen Wettbewerber, das habe ich in einer Besprechung mitbekommen. "
        "Darf ich das schon mal auf Xing erwähnen?",
        record=False,
    )
    assert reply.outcome == "handoff" and reply.category == "insider"
    assert day_one.triage.routing()[reply.category] == "legal"


def test_the_same_rule_question_without_anything_secret_is_answered(day_one):
    reply = day_one.assistant.ask("Can I post a photo from work?", record=False)
    assert reply.outcome == "answered", reply.answer[:120]


HARMLESS_WITH_NUMBERS = [
    ("Darf ich ein Foto aus Halle 3 posten?", "de"),
    ("Darf ich ein Foto aus Halle 2 posten?", "de"),
    ("Darf ich ein Foto aus Halle 7 auf Instagram posten?", "de"),
    ("Can I post a picture from hall 3?", "en"),
    ("Darf ich über meine Arbeit auf LinkedIn schreiben? Variante 3?", "de"),
    ("Muss ich angeben, wo ich arbeite? Variante 3?", "de"),
    ("Was muss ich beachten, wenn ich am 12.03.2027 ein Teamfoto poste?", "de"),
    ("Can I share our job ad from 3 May on LinkedIn, version 2?", "en"),
]


@pytest.mark.parametrize("message, language", HARMLESS_WITH_NUMBERS)
def test_a_number_beside_a_harmless_question_does_not_make_it_sensitive(defaults, message, language):
    decision = defaults.assess(message, language)
    assert decision.kind != "sensitive", (message, decision.category, decision.matched)


@pytest.mark.parametrize(
    "message, language",
    [
        ("Es brennt in Halle 3 und die Leute posten schon Fotos.", "de"),
        ("In Halle 2 ist ein Feuer ausgebrochen, auf Instagram sind schon Videos davon.", "de"),
        ("There's a fire in hall 3 and people are already posting pictures.", "en"),
    ],
)
def test_a_real_fire_still_goes_to_crisis_whatever_the_hall(defaults, message, language):
    decision = defaults.assess(message, language)
    assert decision.kind == "sensitive" and decision.category == "crisis", (message, decision)


def test_shipped_examples_name_no_place_and_no_number():
    # defaults ship to every company: no hall, plant number, date or amount of anyone's in them
    config = load_config(DEFAULT_PATH)
    groups = [c.examples_de + c.examples_en for c in config.sensitive]
    groups += [config.ordinary.examples_de + config.ordinary.examples_en]
    for example in (text for group in groups for text in group):
        assert not re.search(r"\d", example), example


def test_numbers_are_left_out_when_meanings_are_compared():
    assert without_numbers("Darf ich ein Foto aus Halle 3 posten?") == "Darf ich ein Foto aus Halle posten?"
    assert without_numbers("Termin am 12.03.2027 um 14:30, Budget 1.800 €") == "Termin am um, Budget"
    assert without_numbers("Was gilt für #TeamNordwerk?") == "Was gilt für #TeamNordwerk?"


# Wordings from the session-10 tuning sets' misses, each caught by what makes it sensitive, beside harmless
# questions that share a word with it and must stay answerable.
CAUGHT_BY_WHAT_IS_DONE = [
    (
        "Unser Abteilungsleiter hat uns gebeten, mit privaten Zweitaccounts 5-Sterne-Bewertungen für unseren "
        "Service auf Google zu schreiben. Wie geh ich damit um?",
        "de",
        "misconduct",
    ),
    (
        "A customer posted a video showing a spindle crash on one of our machines and claims the operator got hurt. "
        "It's getting shared a lot. Can I comment?",
        "en",
        "crisis",
    ),
    (
        "Eine Kollegin hat in ihrer Story einen Screenshot geteilt, da sieht man Namen und Mailadressen der "
        "ganzen Kursgruppe. Was mache ich?",
        "de",
        "data_leak",
    ),
    ("Can I write 'a big automotive supplier just signed with us' without the name?", "en", "insider"),
    (
        "Für einen Meetup-Vortrag würde ich gern Screenshots von unserem neuen Feature zeigen, das erst im Herbst "
        "rauskommt. Geht das?",
        "de",
        "insider",
    ),
    ("Im Rathaus gab es eine Bombendrohung, wir evakuieren gerade. Was sollen wir posten?", "de", "crisis"),
]

HARMLESS_NEIGHBOURS = [
    ("Someone left a fake review about us on Google, what do I do?", "en"),
    ("Wie reagiere ich auf eine schlechte Bewertung auf Google?", "de"),
    ("Darf ich Fotos von unserem Crashkurs für Azubis teilen?", "de"),
    ("Darf ich die neue Version unserer App teilen, die heute erschienen ist?", "de"),
    ("I heard we are not allowed to share product photos, is that true?", "en"),
]


@pytest.mark.parametrize("message, language, category", CAUGHT_BY_WHAT_IS_DONE)
def test_a_sensitive_act_in_everyday_words_goes_to_its_category(defaults, message, language, category):
    decision = defaults.assess(message, language)
    assert decision.kind == "sensitive" and decision.category == category, (message, decision)


@pytest.mark.parametrize("message, language", HARMLESS_NEIGHBOURS)
def test_a_harmless_question_sharing_those_words_is_not_sensitive(defaults, message, language):
    decision = defaults.assess(message, language)
    assert decision.kind != "sensitive", (message, decision.category, decision.matched)


def test_a_word_ending_like_an_incident_word_is_not_an_incident(defaults):
    # "brauch" ends with "rauch": compound heads must not turn "Reicht da … oder brauch ich noch was?" into smoke
    message = "Ich will in nem Post Werbung für unser Service-Angebot machen. Reicht da ein Hashtag oder brauch ich noch was, wenn ich es poste?"
    decision = defaults.assess(message, "de")
    assert decision.category != "crisis", decision.matched


def test_a_fake_account_is_security_but_a_second_factor_on_the_company_account_is_not(defaults):
    assert defaults.assess("Jemand hat einen Fake-Account mit meinem Foto angelegt.", "de").category == "security"
    decision = defaults.assess(
        "Die Zwei-Faktor-Abfrage beim Firmenaccount nervt mich total, kann ich die für ne Woche ausschalten?", "de"
    )
    assert decision.category != "security", decision.matched
