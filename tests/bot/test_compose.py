"""The composer as the asker reads it: a colleague's answer (rule first, then the quote), a short honest hedge."""

from __future__ import annotations

from bot.compose import compose, compose_tentative, key_sentence
from bot.retrieval.hybrid import Hit
from ingest.index_store import StoredChunk

RULE = "Nenne keine Kundennamen, solange der Kunde keiner Referenz zugestimmt hat."
TEXT = (
    "Wer unsere Kunden sind, ist vertraulich. " + RULE + " Derzeit ist das allein Vettermann. "
    "Wünscht ein Kunde eine Referenz, läuft das über die Kommunikation. " * 6
)


def hit(text: str, section: str = "Kundenprojekte und Kundennamen", score: float = 0.8, kind: str = "document") -> Hit:
    meta = {"document": "richtlinie-de", "section": f"Richtlinie › {section}", "language": "de"}
    meta |= {"title": "Social-Media-Richtlinie", "anchor": section, "kind": kind}
    chunk = StoredChunk(chunk_id=section, text=text, metadata=meta)
    return Hit(chunk=chunk, score=score)


def test_a_confident_answer_states_the_rule_first_then_quotes_its_source() -> None:
    answer = compose("Darf ich den Kundennamen posten?", "de", [hit(TEXT)]).answer
    first, second, third = answer.splitlines()[:3]
    assert first == RULE
    assert second == "So steht es in „Kundenprojekte und Kundennamen“ (Social-Media-Richtlinie):"
    assert third.startswith("> ") and RULE in third


def test_a_one_sentence_passage_is_not_quoted_twice() -> None:
    answer = compose("May I name customers?", "en", [hit(RULE)]).answer
    assert answer.count(RULE) == 1 and "Social-Media-Richtlinie" in answer


def test_the_tentative_answer_is_short_honest_and_offers_the_person() -> None:
    hits = [hit(TEXT), hit("Andere Regel.", "Tabuthemen", 0.79), hit("Noch eine.", "Presse", 0.78)]
    composition = compose_tentative("Darf ich den Kunden nennen?", "de", hits, "Katrin Vogt")
    lines = composition.answer.splitlines()
    assert (
        lines[0]
        == "Ich bin nicht sicher, ob das passt. Meinst du „Kundenprojekte und Kundennamen“ (Social-Media-Richtlinie)?"
    )
    assert lines[-1] == "Falls nicht, gebe ich deine Frage an Katrin Vogt weiter."
    assert len(lines) == 3 and len(composition.answer) < 600 < len(TEXT)
    assert "Tabuthemen" not in composition.answer and [s.section for s in composition.sources] == [
        "Richtlinie › Kundenprojekte und Kundennamen"
    ]
    english = compose_tentative("May I name the customer?", "en", hits, "Katrin Vogt").answer
    assert english.startswith("I'm not sure this fits. Do you mean") and "Katrin Vogt" in english


def test_the_key_sentence_prefers_what_the_question_asks_about() -> None:
    text = "Fotos sind in der Halle erlaubt. Kundennamen dürfen nicht genannt werden."
    assert key_sentence(text, "Kundennamen nennen?", "de") == "Kundennamen dürfen nicht genannt werden."


def test_an_faq_answer_leads_with_its_verdict_and_the_reason_after_it() -> None:
    text = (
        "Darf ich Kollegen fotografieren? Antwort: Nur mit Einwilligung. Frag alle vorher. Keine Schichtpläne posten."
    )
    answer = compose("Darf ich ein Foto von Kollegen posten?", "de", [hit(text, kind="faq")]).answer
    assert answer.splitlines()[0] == "Nur mit Einwilligung. Frag alle vorher."
    assert answer.splitlines()[1].startswith("Aus unseren häufigen Fragen (")
