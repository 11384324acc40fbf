"""The three answer tiers as the asker sees them, on the sample company's real index."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.triage.answerability import AnswerModel


def test_tiers_follow_the_probability(lotse) -> None:
    result = lotse.retriever.search("Welche Kunden darf ich in einem Beitrag namentlich nennen?", "de")
    model = AnswerModel(confident=0.8, tentative=0.2)
    probability = model.score(result)
    assert 0.0 <= probability <= 1.0
    assert model.tier(result) == ("confident" if probability >= 0.8 else "tentative" if probability >= 0.2 else "none")
    assert AnswerModel(confident=1.0, tentative=0.0).tier(result) == "tentative"
    assert AnswerModel(confident=0.0, tentative=0.0).tier(result) == "confident"


def test_a_faq_question_in_other_words_gets_its_entry(ask) -> None:
    reply = ask("gibt es kunden, die man in posts beim namen nennen darf?")
    assert reply.outcome == "answered"
    first = reply.sources[0]
    assert first.anchor == "faq-de-002" or first.section.endswith("Kundenprojekte und Kundennamen")
    if reply.tentative:
        assert "nicht sicher" in reply.answer and "weiter" in reply.answer


def test_tentative_answer_says_so_in_english_too(lotse) -> None:
    from bot.settings import Settings

    strict = lotse.settings.model_copy(update={"min_confidence": 0.999})
    from bot.app import Lotse

    reply = Lotse(Settings(**strict.model_dump()), clock=lotse.clock).assistant.ask(
        "May I share our job ads on LinkedIn?", record=False
    )
    assert reply.outcome == "answered" and reply.tentative
    assert reply.answer.startswith("I'm not sure") and "Katrin Vogt" in reply.answer
    assert reply.to_json()["tentative"] is True


def test_eval_answers_tells_a_right_passage_from_a_wrong_one(lotse, tmp_path) -> None:
    from bot.cli.main import cli

    rows = [
        {
            "message": "Welche Kunden darf ich in einem Beitrag namentlich nennen?",
            "language": "de",
            "label": "covered",
            "gold": [{"document": "faq-de", "section": "faq-de-002"}],
        },
        {
            "message": "Welche Kunden darf ich in einem Beitrag namentlich nennen?",
            "language": "de",
            "label": "covered",
            "gold": [{"document": "faq-de", "section": "faq-de-040"}],
        },
        {
            "message": "Eine Journalistin vom Lokalblatt will mich interviewen.",
            "language": "de",
            "label": "sensitive",
            "category": "press",
        },
    ]
    path = tmp_path / "answers-mini.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    settings = lotse.settings
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(settings.data_dir),
            "--knowledge-dir",
            str(settings.knowledge_dir),
            "eval",
            "answers",
            "--set",
            str(path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    classes = [item["class"] for item in report["items"]]
    assert classes[0].endswith("_right") and classes[1].endswith("_wrong")
    assert classes[2] == "handoff_by_category"
    assert report["rates"]["sensitive_by_category"] == 1.0
