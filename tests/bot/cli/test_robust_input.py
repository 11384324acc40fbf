"""Odd bytes and bad arguments at the command line: cleaned or refused in one clear sentence, never a traceback;
one bad line of a batch file costs that line (with its number), not the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.cli.main import cli

LOTSE = str(Path(sys.executable).with_name("lotse"))


def _env(settings, **extra: str) -> dict[str, str]:
    return {"DATABASE_URL": settings.database_url, "LOTSE_CONTACT_IDS": json.dumps(settings.contact_ids), **extra}


def _run(settings, *args: str, input: str | bytes | None = None, **env: str):
    return CliRunner().invoke(
        cli,
        ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir), *args],
        input=input,
        env=_env(settings, **env),
    )


def _subprocess(settings, *args: bytes | str, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, **_env(settings, **env)}
    return subprocess.run(
        [LOTSE, "--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir), *args],
        capture_output=True,
        env=full,
        timeout=300,
    )


def test_an_undecodable_argument_is_answered_not_a_traceback(settings):
    done = _subprocess(settings, b"ask", b"\xff")  # what `lotse ask $'\xff'` passes
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert "nicht verstanden" in done.stdout.decode() or "leer" in done.stdout.decode()
    press = _subprocess(
        settings,
        b"ask",
        "Ein Journalist will ein Statement zu den Entlassungen \udcff".encode("utf-8", "surrogateescape") + b"\xfe",
        "--json",
    )
    assert press.returncode == 0 and b"Traceback" not in press.stderr
    assert json.loads(press.stdout.decode().strip().splitlines()[-1])["outcome"] == "handoff"


def test_ask_batch_one_bad_line_costs_that_line(settings, tmp_path: Path):
    batch = tmp_path / "questions.txt"
    batch.write_bytes(
        b"Darf ich Fotos von der Messe posten?\r\n"
        b"kaputt \xff\xfe Zeile\n"
        b"Darf ich\rFotos posten?\n"  # a \r inside a line does not split it
        b"Darf ich\x00 Videos posten?\n"
    )
    result = _run(settings, "ask", "--batch", str(batch), "--json", "--no-record")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert len(rows) == 4
    assert rows[1] == {"line": 2, "error": "Zeile 2 ist kein gültiges UTF-8 und wurde übersprungen."}
    assert rows[2]["question"] == "Darf ich Fotos posten?" and rows[3]["question"] == "Darf ich Videos posten?"


def test_check_batch_one_bad_line_costs_that_line(settings, tmp_path: Path):
    batch = tmp_path / "posts.jsonl"
    batch.write_bytes(
        json.dumps({"post": "Heute kam eine Abmahnung vom Wettbewerber."}).encode()
        + b"\n"
        + b'{"post": "kaputt \xff"}\n'
        + b'{"post": "Sch\xc3\xb6ner Tag\rin der Lehrwerkstatt."}\n'
        + b'{"post": "NUL\\u0000 und \\ud800 Surrogat: Abmahnung"}\n'
    )
    result = _run(settings, "check", "--batch", str(batch))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert len(rows) == 4
    assert rows[0]["verdict"] == "approval" and rows[1]["line"] == 2 and rows[1]["verdict"] is None
    assert rows[2]["verdict"] == "ok" and rows[3]["verdict"] == "approval"


def test_clear_sentences_for_missing_files_bad_ids_and_bad_settings(settings):
    missing = _run(settings, "check", "--batch", "missing.jsonl")
    assert missing.exit_code == 1 and "missing.jsonl" in missing.output and "Traceback" not in missing.output
    assert len(missing.output.strip().splitlines()) == 1
    huge = _run(settings, "handoffs", "--as", "UCOMMS1", "show", "99999999999999999999")
    assert huge.exit_code == 1 and "Anfrage 99999999999999999999 nicht gefunden" in huge.output
    word = _run(settings, "handoffs", "--as", "UCOMMS1", "show", "abc")
    assert word.exit_code == 2 and "„abc“ ist keine Anfragenummer" in word.output and "Anfrage 0" not in word.output
    bad = _run(settings, "handoffs", "list", LOTSE_CONTACT_IDS='{"hr": ')
    assert (
        bad.exit_code == 1
        and "LOTSE_CONTACT_IDS" in bad.output
        and bad.exception is None
        or isinstance(bad.exception, SystemExit)
    )
    ask_missing = _run(settings, "ask", "--batch", "nowhere.txt")
    assert ask_missing.exit_code == 1 and "nowhere.txt" in ask_missing.output


@pytest.fixture
def pg_settings(settings):
    url = make_url(os.environ.get("LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/lotse_test"))
    schema = f"lotse_cli_{os.getpid()}"
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    scoped = url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    yield settings.model_copy(update={"database_url": scoped})
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.mark.postgres
def test_a_draft_with_a_nul_byte_is_recorded_and_sent_for_approval_on_postgresql(pg_settings):
    draft = "Wir haben einen neuen Großkunden gewonnen!\x00 Umsatz +20% im Quartal."
    result = _run(pg_settings, "check", draft, "--json", "--request-approval", "--as", "UEMP")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "approval" and data["handoff"] and "handoff_error" not in data
    shown = _run(pg_settings, "handoffs", "--as", "UCOMMS1", "show", str(data["handoff"]["id"]))
    assert "Umsatz +20% im Quartal" in shown.output and "\x00" not in shown.output
