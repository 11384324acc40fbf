"""The verifier passes what the passages say and stops what they don't (real embedding model)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.reading.verifier import negated, split_sentences, verify

CRISIS = (
    "Bei einem Unfall, einem Brand, einem Produktproblem oder wenn sich plötzlich viele kritische Beiträge über "
    "Nordwerk häufen, kommt es auf abgestimmte Kommunikation an. Kommentiere in dieser Lage nicht, auch nicht zur "
    "Verteidigung des Unternehmens, und teile keine Vermutungen, Fotos oder internen Informationen. Informiere "
    "sofort die Unternehmenskommunikation: Katrin Vogt, social@nordwerk.de, Telefon +49 521 998877-10."
)
FIGURES = (
    "Nenne keine solchen Zahlen, auch nicht gerundet, geschätzt oder als Tendenz wie „Rekordquartal“. "
    "Bereits veröffentlichte Zahlen darfst du teilen, am besten mit einem Link auf die offizielle Quelle."
)
TAGGING = (
    "Do not publish personal data of customers, applicants, suppliers or colleagues: no names from projects, no "
    "contact details and no screenshots of emails, chats or calendars. Only tag other people if they agree."
)
MEDIA = (
    "Wenn du unsicher bist, nimm lieber ein freigegebenes Bild aus der Mediathek (mediathek.nordwerk.de). "
    "Fotos aus der Montage darfst du nur mit Freigabe der Unternehmenskommunikation posten."
)


@pytest.fixture(scope="module")
def similarity(embedder):
    def cosines(left: list[str], right: list[str]) -> np.ndarray:
        a, b = embedder.embed_passages(left), embedder.embed_passages(right)
        a = a / np.linalg.norm(a, axis=1, keepdims=True)
        b = b / np.linalg.norm(b, axis=1, keepdims=True)
        return a @ b.T

    return cosines


def check(answer: str, passages: dict[int, str], similarity, question: str = "", language: str = "de"):
    return verify(answer, passages, question, language, similarity)


def test_a_faithful_paraphrase_with_its_contact_passes(similarity):
    answer = (
        "Kommentiere in so einer Lage nicht, auch nicht zur Verteidigung des Unternehmens [1]. "
        "Informiere sofort die Unternehmenskommunikation unter social@nordwerk.de [1]."
    )
    verdict = check(answer, {1: CRISIS, 2: FIGURES}, similarity, "Was mache ich bei einem Brand im Werk?")
    assert verdict.ok, verdict
    assert verdict.cited == (1,)


def test_a_marker_after_the_full_stop_belongs_to_the_sentence_before():
    sentences = split_sentences("Kommentiere nicht. [1] Informiere die Kommunikation. [1, 2]")
    assert [(s.text, s.cites) for s in sentences] == [
        ("Kommentiere nicht.", [1]),
        ("Informiere die Kommunikation.", [1, 2]),
    ]


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("Informiere sofort die Unternehmenskommunikation unter presse@nordwerk-gruppe.de [1].", "invented_fact"),
        ("Ruf die Unternehmenskommunikation unter +49 521 998877-99 an [1].", "invented_fact"),
        ("Informiere innerhalb von 24 Stunden die Unternehmenskommunikation [1].", "invented_fact"),
        ("Melde den Vorfall über https://intranet.nordwerk.de/krise an die Kommunikation [1].", "invented_fact"),
        ("Informiere sofort Markus Brenner aus der Geschäftsleitung [1].", "invented_fact"),
        ("Kommentiere in dieser Lage nicht [3].", "unknown_passage"),
        ("Kommentiere in dieser Lage nicht. Informiere die Kommunikation [1].", "uncited"),
        ("Kommentiere in dieser Lage ruhig, auch zur Verteidigung des Unternehmens [1].", "flipped_rule"),
        ("Do not comment in this situation and inform Corporate Communications immediately [1].", "language"),
        ("Die Kantine hat heute Linsensuppe und Apfelstrudel im Angebot [1].", "unsupported"),
    ],
)
def test_a_wrong_answer_fails_with_its_defect(similarity, answer, reason):
    verdict = check(answer, {1: CRISIS, 2: FIGURES}, similarity, "Was mache ich bei einem Brand im Werk?")
    assert not verdict.ok
    assert reason in verdict.reasons, verdict


def test_a_flipped_permission_fails_and_the_right_one_passes(similarity):
    passages = {1: FIGURES}
    right = check(
        "Bereits veröffentlichte Zahlen darfst du teilen, am besten mit Link zur Quelle [1].", passages, similarity
    )
    flipped = check("Bereits veröffentlichte Zahlen darfst du nicht teilen [1].", passages, similarity)
    assert right.ok, right
    assert "flipped_rule" in flipped.reasons


def test_an_english_must_not_turned_into_may_fails(similarity):
    right = check("Only tag other people if they agree [1].", {1: TAGGING}, similarity, language="en")
    dropped = check("You may tag other people in your posts [1].", {1: TAGGING}, similarity, language="en")
    assert right.ok, right
    assert "dropped_condition" in dropped.reasons


def test_a_dropped_approval_fails_and_its_negative_form_passes(similarity):
    dropped = check("Fotos aus der Montage darfst du posten [1].", {1: MEDIA}, similarity)
    negative = check(
        "Ohne Freigabe der Unternehmenskommunikation darfst du Fotos aus der Montage nicht posten [1].",
        {1: MEDIA},
        similarity,
    )
    assert "dropped_condition" in dropped.reasons
    assert negative.ok, negative


def test_a_figure_from_the_question_may_be_repeated(similarity):
    question = "Darf ich die 12 Prozent Wachstum aus der Pressemitteilung teilen?"
    answer = "Bereits veröffentlichte Zahlen wie die 12 Prozent darfst du teilen, am besten mit Link [1]."
    assert check(answer, {1: FIGURES}, similarity, question).ok


@pytest.mark.parametrize("answer, reason", [("", "empty"), ("Kommentiere nicht [1]. " * 200, "too_long")])
def test_an_empty_or_endless_answer_fails(similarity, answer, reason):
    assert check(answer, {1: CRISIS}, similarity).reasons == (reason,)


def test_double_negation_is_no_negation():
    assert negated("Du darfst das nicht.")
    assert not negated("Das ist nicht verboten.")
    assert negated("You mustn't post it.")
