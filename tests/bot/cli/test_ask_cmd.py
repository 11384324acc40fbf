"""`lotse ask`: the JSON contract, batch mode, and bad input (empty, huge, control characters, injection)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli

KEYS = {"question", "language", "outcome", "answer", "sources", "handoff"}


def _run(settings, *args: str, input: str | None = None):
    env = {"DATABASE_URL": settings.database_url, "LOTSE_CONTACT_IDS": json.dumps(settings.contact_ids)}
    return CliRunner().invoke(
        cli,
        ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir), "ask", *args],
        input=input,
        env=env,
    )


def test_ask_json_contract_with_cited_sources(settings) -> None:
    result = _run(settings, "Darf ich Fotos von Kollegen ohne deren Einverständnis posten?", "--json")
    assert result.exit_code == 0, result.output
    reply = json.loads(result.output.strip().splitlines()[-1])
    assert KEYS <= set(reply)
    assert reply["language"] == "de"
    assert reply["outcome"] in ("answered", "handoff", "out_of_scope")
    if reply["outcome"] == "answered":
        assert reply["sources"] and {"document", "section", "text", "score"} <= set(reply["sources"][0])
        assert reply["sources"][0]["text"][:40] in reply["answer"] or "›" in reply["sources"][0]["section"]


def test_batch_answers_every_line_in_order(settings, tmp_path: Path) -> None:
    questions = [
        "Darf ich Stellenanzeigen von Nordwerk teilen?",
        "",
        "May I share Nordwerk job ads on LinkedIn?",
        "x" * 20000,
    ]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    result = _run(settings, "--batch", str(batch), "--json")
    assert result.exit_code == 0, result.output
    replies = [json.loads(line) for line in result.output.strip().splitlines() if line.startswith("{")]
    assert len(replies) == 4
    assert replies[0]["language"] == "de" and replies[2]["language"] == "en"
    assert replies[1]["outcome"] == "out_of_scope" and "leer" in replies[1]["answer"]
    assert len(replies[3]["question"]) <= settings.max_question_chars


def test_text_mode_names_the_sources(settings) -> None:
    result = _run(settings, "Wie gehe ich mit negativen Kommentaren unter einem Nordwerk-Post um?")
    assert result.exit_code == 0, result.output
    named = "Quellen:" in result.output or "Meinst du „" in result.output  # a tentative answer names its one passage
    assert named or "Weitergegeben" in result.output


def test_missing_question_is_a_usage_error(settings) -> None:
    result = _run(settings)
    assert result.exit_code != 0 and "missing question" in result.output


def test_ask_without_index_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "empty"), "ask", "Hallo?"])
    assert result.exit_code != 0 and "lotse ingest" in result.output


def test_dry_run_says_who_would_get_a_sensitive_question(settings) -> None:
    result = _run(settings, "--no-record", "Ein Journalist hat mich wegen des Werks angeschrieben, was soll ich tun?")
    assert result.exit_code == 0, result.output
    assert "Probelauf" in result.output and "würde ich an" in result.output
    assert "Katrin Vogt" in result.output  # press questions go to communications in Nordwerk's contacts


def test_dry_run_in_english_names_the_reason(settings) -> None:
    result = _run(settings, "--no-record", "--json", "Can I talk to a human please?")
    reply = json.loads(result.output.strip().splitlines()[-1])
    assert reply["outcome"] == "handoff" and reply["handoff"] is None  # nothing was opened
    assert "Dry run" in reply["answer"] and "person" in reply["answer"]
