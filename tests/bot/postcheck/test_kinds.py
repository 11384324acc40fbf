"""Each rule kind on its own, with small rule files written for the test."""

from __future__ import annotations

from postcheck_helpers import write_rule

from bot.postcheck.checker import PostChecker

EXAMPLES = """
examples:
  trigger: ["{t1}", "{t2}"]
  no_trigger: ["{n1}", "{n2}"]
"""


def _load(knowledge):
    checker = PostChecker.load(knowledge, shipped=False, guideline=False)
    assert checker.rule_errors == [], [str(e) for e in checker.rule_errors]
    return checker


def _examples(t1="a", t2="b", n1="c", n2="d"):
    return EXAMPLES.format(t1=t1, t2=t2, n1=n1, n2=n2)


def test_lexicon_stems_compounds_and_exceptions(make_knowledge):
    knowledge = make_knowledge()
    write_rule(
        knowledge / "postcheck",
        "lex.yaml",
        """
id: test.lexicon
kind: lexicon
terms:
  - {term: Klage, compound: any}
  - Abmahnung
  - lawsuit
exceptions: [Klagenfurt]
"""
        + _examples(),
    )
    checker = _load(knowledge)
    found = lambda text: [f.excerpt for f in checker.check(text).findings]  # noqa: E731
    assert found("Zwei Abmahnungen kamen heute") == ["Abmahnungen"]  # inflection
    assert found("Die Patentklage läuft") == ["Patentklage"]  # compound head
    assert found("Die Klageschrift ist da") == ["Klageschrift"]  # compound modifier
    assert found("The lawsuits are pending") == ["lawsuits"]  # English stem
    assert found("Urlaub in Klagenfurt") == []  # exception
    assert found("Wir beklagen uns nicht") == []  # 'be' is too short to be a compound part


def test_pattern_context_and_unless(make_knowledge):
    knowledge = make_knowledge()
    write_rule(
        knowledge / "postcheck",
        "pat.yaml",
        r"""
id: test.pattern
kind: pattern
patterns: ['\d+(?:[.,]\d+)?\s*(?:%|Mio\.?)']
context: ['Umsatz|revenue']
context_window: 40
unless: ['Pressemitteilung']
"""
        + _examples(),
        severity="approval",
    )
    checker = _load(knowledge)
    assert checker.check("Unser Umsatz stieg um 12 %").verdict == "approval"
    assert checker.check("Die Maschine spart 12 % Energie").verdict == "ok"
    assert checker.check("Laut Pressemitteilung stieg der Umsatz um 12 %").verdict == "ok"


def test_personal_data_detectors_and_masking(plain_checker):
    verdict = plain_checker.check(
        "Ruf an: +49 170 9876543, Mail jan.meier@nordwerk.de, IBAN DE89 3704 0044 0532 0130 00, USt-IdNr. DE136695976"
    )
    rules = sorted(f.rule for f in verdict.findings)
    assert rules == ["personal-data.email", "personal-data.iban", "personal-data.phone", "personal-data.vat-id"]
    assert verdict.verdict == "revise"
    assert "9876543" not in verdict.revision and "jan.meier" not in verdict.revision
    assert "DE89 xxxx" in verdict.revision
    # public function address and press line are allowed; an invalid IBAN checksum is not a finding
    assert (
        plain_checker.check("Presse: presse@nordwerk.de, +49 521 998877-10, DE00 1234 5678 9012 3456 78").findings == []
    )


def test_tax_id_needs_a_valid_checksum(plain_checker):
    assert [f.rule for f in plain_checker.check("Steuer-ID 86095742719").findings] == ["personal-data.tax-id"]
    assert plain_checker.check("Seriennummer 12345678901").findings == []


def test_company_lists_from_company_yaml(plain_checker):
    assert plain_checker.check("Besuch bei Hessler Aerospace").verdict == "approval"
    assert plain_checker.check("Fallstudie mit Vettermann Medizintechnik, ich arbeite bei Nordwerk").verdict == "ok"
    # a code name that is also a bird counts only in a work context
    assert plain_checker.check("Ein Falke kreist über dem Garten").verdict == "ok"
    assert plain_checker.check("Der Falke wird auf der EMO gezeigt").verdict == "approval"
    # a competitor counts only with a comparison
    assert plain_checker.check("Netter Vortrag von Brückmann CNC-Technik").verdict == "ok"
    assert plain_checker.check("Brückmann CNC-Technik ist viel langsamer als wir").verdict == "revise"


def test_conditional_disclosure_with_revision(plain_checker):
    draft = "Die NORDMILL 800 ist genial, ich kann sie nur empfehlen!"
    verdict = plain_checker.check(draft)
    assert [f.rule for f in verdict.findings] == ["disclosure.missing"]
    assert verdict.revision.startswith(draft) and "Ich arbeite bei Nordwerk" in verdict.revision
    assert plain_checker.check(draft + " #NordwerkTeam").verdict == "ok"
    assert plain_checker.check("Ich arbeite seit 5 Jahren bei Nordwerk. " + draft).verdict == "ok"
    en = plain_checker.check("Check out the PortalMill P3000, an amazing machine!")
    assert "I work for Nordwerk" in en.revision and en.language == "en"


def test_semantic_kind_uses_embeddings(checker, plain_checker):
    text = "Here is a secret first look at the new machine that nobody has announced yet."
    assert [f.rule for f in checker.check(text).findings] == ["semantic.dont-passages"]
    assert plain_checker.check(text).findings == []  # without embedder the net is skipped
    assert checker.check("Had a wonderful walk along the river with my kids today.").verdict == "ok"


def test_semantic_threshold_comes_from_the_model_calibration(checker):
    compiled = checker.rule("semantic.dont-passages")
    assert compiled.rule.threshold is None  # the shipped rule leaves it to the model's calibration
    from bot.calibration import calibration_for
    from bot.embeddings import PACKAGED_MODEL

    assert compiled.matcher.threshold() == calibration_for(PACKAGED_MODEL).postcheck_semantic


def test_info_findings_do_not_change_the_verdict(plain_checker):
    verdict = plain_checker.check("Teamfoto vom Sommerfest mit allen Kolleginnen und Kollegen 🎉")
    assert verdict.verdict == "ok"
    assert [f.severity for f in verdict.findings] == ["info"]
