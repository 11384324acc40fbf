"""Question views written from the guideline's own sentences, in German and English, and the company's say."""

from __future__ import annotations

from pathlib import Path

from ingest.generated_views import ViewOverrides, views_for_passage


def _questions(text: str, language: str, heading: str = "Fotos") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for view in views_for_passage(("Richtlinie", heading), text, language, True):
        found.setdefault(view.language, []).append(view.question)
    return found


def test_a_german_prohibition_becomes_a_may_i_question_and_an_english_one() -> None:
    found = _questions("Du darfst keine Fotos von Kolleginnen und Kollegen ohne deren Einwilligung posten.", "de")
    assert "Darf ich Fotos von Kolleginnen und Kollegen ohne deren Einwilligung posten?" in found["de"]
    assert any("photo" in q.lower() and "colleague" in q.lower() for q in found["en"])


def test_an_english_dont_becomes_a_can_i_question_in_the_askers_words_and_a_german_one() -> None:
    found = _questions("Don't post pictures of your colleagues without their permission.", "en", "Photos")
    assert "Can I post pictures of my colleagues without their permission?" in found["en"]
    assert any(q.startswith("Darf ich") and "Erlaubnis" in q for q in found["de"])


def test_headings_become_questions_and_question_headings_stay_as_they_are() -> None:
    assert "Was gilt für Vernetzung?" in _questions("Text ohne Regel.", "de", "Vernetzung")["de"]
    asked = _questions("Ja, mit Kennzeichnung.", "de", "Darf ich für unsere Produkte werben?")["de"]
    assert asked[0] == "Darf ich für unsere Produkte werben?"


def test_the_company_removes_edits_or_switches_off_generated_views(tmp_path: Path) -> None:
    (tmp_path / "views.yaml").write_text(
        "kind: views\nremove:\n  - Was gilt für Vernetzung?\nedit:\n"
        "  'Darf ich Fotos posten?': 'Darf ich Fotos aus der Werkhalle posten?'\n",
        encoding="utf-8",
    )
    overrides = ViewOverrides.load(tmp_path)
    views = views_for_passage(("R", "Vernetzung"), "Du darfst keine Fotos posten.", "de", True)
    kept = [v.question for v in overrides.apply("R › Vernetzung", views)]
    assert "Was gilt für Vernetzung?" not in kept
    assert "Darf ich Fotos aus der Werkhalle posten?" in kept and "Darf ich Fotos posten?" not in kept
    (tmp_path / "views.yaml").write_text("kind: views\ngenerate: false\n", encoding="utf-8")
    assert ViewOverrides.load(tmp_path).apply("R › Vernetzung", views) == []
    assert ViewOverrides.load(tmp_path).digest != overrides.digest  # a changed file re-reads the documents
