"""Broken rule files are reported with path and problem; the other rules keep working."""

from __future__ import annotations

from postcheck_helpers import write_rule

from bot.postcheck.checker import PostChecker
from bot.postcheck.examples import run_rule_examples

GOOD = """
id: test.good
kind: lexicon
terms: [Abmahnung]
examples:
  trigger: ["Eine Abmahnung kam", "Zwei Abmahnungen"]
  no_trigger: ["Alles gut", "Nichts los"]
"""


def test_broken_files_are_reported_and_others_work(make_knowledge):
    knowledge = make_knowledge()
    folder = knowledge / "postcheck"
    write_rule(folder, "good.yaml", GOOD)
    (folder / "syntax.yaml").write_text("id: x\nkind: [unclosed\n", encoding="utf-8")
    write_rule(
        folder,
        "regex.yaml",
        "id: test.regex\nkind: pattern\npatterns: ['(unclosed']\n"
        + "examples: {trigger: [a, b], no_trigger: [c, d]}\n",
    )
    write_rule(folder, "kind.yaml", "id: test.kind\nkind: magic\n")
    write_rule(
        folder,
        "few.yaml",
        "id: test.few\nkind: lexicon\nterms: [Klage]\n" + "examples: {trigger: [a], no_trigger: [c, d]}\n",
    )
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    checker = PostChecker.load(knowledge, shipped=False, guideline=False)
    errors = {e.path.rsplit("/", 1)[-1]: e.problem for e in checker.rule_errors}
    assert set(errors) == {"syntax.yaml", "regex.yaml", "kind.yaml", "few.yaml", "empty.yaml"}
    assert "YAML" in errors["syntax.yaml"] and "line" in errors["syntax.yaml"]
    assert "regular expression" in errors["regex.yaml"]
    assert "unknown kind 'magic'" in errors["kind.yaml"]
    assert "trigger" in errors["few.yaml"]
    assert [r.id for r in checker.rules] == ["test.good"]
    assert checker.check("Heute kam eine Abmahnung").verdict == "revise"
    report = run_rule_examples(checker)
    assert not report.ok and len(report.errors) == 5 and report.failures == []


def test_family_file_reports_the_broken_rule_only(make_knowledge):
    knowledge = make_knowledge()
    (knowledge / "postcheck" / "family.yaml").write_text(
        """
family: demo
defaults:
  category: test
  severity: revise
  message: {de: "x", en: "x"}
  fix: {de: "y", en: "y"}
  guideline: {de: {document: social-media-richtlinie-de, section: "Netiquette"}}
  examples: {trigger: [Depp, Trottel], no_trigger: [Hallo, Tschüss]}
rules:
  - {id: demo.ok, kind: lexicon, terms: [Depp, Trottel]}
  - {id: demo.bad, kind: lexicon, severity: extreme, terms: [Idiot]}
""",
        encoding="utf-8",
    )
    checker = PostChecker.load(knowledge, shipped=False, guideline=False)
    assert [r.id for r in checker.rules] == ["demo.ok"]
    [error] = checker.rule_errors
    assert error.rule == "demo.bad" and "severity" in error.problem and "family.yaml" in error.path


def test_duplicate_ids_and_missing_guideline_section(make_knowledge):
    knowledge = make_knowledge()
    write_rule(knowledge / "postcheck", "a.yaml", GOOD)
    write_rule(knowledge / "postcheck", "b.yaml", GOOD)
    checker = PostChecker.load(knowledge, shipped=False, guideline=False)
    assert any("duplicate" in e.problem for e in checker.rule_errors)
    assert len(checker.rules) == 1
    (knowledge / "postcheck" / "b.yaml").unlink()
    text = (knowledge / "postcheck" / "a.yaml").read_text().replace('"Tabuthemen"', '"Gibt es nicht"')
    (knowledge / "postcheck" / "a.yaml").write_text(text)
    report = run_rule_examples(PostChecker.load(knowledge, shipped=False, guideline=False))
    assert [f.kind for f in report.failures] == ["guideline"]
