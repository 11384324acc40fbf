"""`lotse handoffs` as a contact person uses it, against a temporary data dir (SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.app import Lotse
from bot.handoff.service import HandoffRequest
from bot.settings import Settings

CONTACTS = '{"communications": ["UCOMM1"], "legal": ["ULEGAL"]}'


@pytest.fixture
def env(tmp_path: Path, knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in ("DATABASE_URL", "LOTSE_DATABASE_URL", "LOTSE_CLI_USER"):
        monkeypatch.delenv(name, raising=False)
    values = {
        "LOTSE_DATA_DIR": str(tmp_path / "cli-data"),
        "LOTSE_KNOWLEDGE_DIR": str(knowledge_dir),
        "LOTSE_CONTACT_IDS": CONTACTS,
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def handoff_id(env: dict[str, str]) -> int:
    lotse = Lotse(Settings())
    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id="M1",
            asker_id="UEMP",
            language="de",
            reason="sensitive",
            question="Darf ich das Foto aus Halle 3 posten?",
            context=[{"document": "leitfaden", "section": "Fotos", "text": "Nur mit Einwilligung.", "score": 0.8}],
        )
    )
    lotse.store.dispose()
    return view.id


def run(*args: str):
    from bot.cli.main import cli

    return CliRunner().invoke(cli, ["handoffs", *args], catch_exceptions=False)


def test_list_show_claim_answer_resolve(handoff_id: int):
    listed = run("list")
    assert listed.exit_code == 0 and f"#{handoff_id}" in listed.output and "Halle 3" in listed.output
    shown = run("show", str(handoff_id))
    assert "Nur mit Einwilligung." in shown.output and "Katrin Vogt" in shown.output
    assert run("claim", str(handoff_id)).exit_code == 0
    answered = run("answer", str(handoff_id), "Nur mit Einwilligung der Kollegen.", "--faq")
    assert answered.exit_code == 0 and "Answered" in answered.output
    assert run("list").output.strip() == "Keine Anfragen / No handoffs."
    data = json.loads(run("list", "--all", "--json").output)
    assert data[0]["status"] == "answered" and data[0]["answered_by"] == "UCOMM1"
    assert run("resolve", str(handoff_id)).exit_code == 0
    detail = json.loads(run("show", str(handoff_id), "--json").output)
    assert detail["status"] == "resolved" and detail["resolved_by"] == "UCOMM1"
    assert run("reopen", str(handoff_id)).exit_code == 0
    assert json.loads(run("show", str(handoff_id), "--json").output)["reopen_count"] == 1


def test_non_contact_is_refused_without_traceback(handoff_id: int):
    result = run("--as", "USTRANGER", "claim", str(handoff_id))
    assert result.exit_code == 1
    assert "Keine Berechtigung" in result.output and "Not permitted" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("show", str(handoff_id), "--json").output)["status"] == "open"


def test_asker_sees_only_own_and_may_resolve(handoff_id: int, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LOTSE_CLI_USER", "UEMP")
    assert f"#{handoff_id}" in run("list").output
    assert run("resolve", str(handoff_id)).exit_code == 0
    other = run("--as", "UOTHER", "list", "--all").output.strip().splitlines()
    assert other[0] == "Keine Anfragen / No handoffs."
    assert "keine Ansprechperson" in other[1] and "--as UCOMM1" in other[1]  # says why the list is empty


def test_invalid_transition_empty_answer_and_unknown_id(handoff_id: int):
    assert run("resolve", str(handoff_id)).exit_code == 0
    again = run("resolve", str(handoff_id))
    assert again.exit_code == 1 and "resolved" in again.output
    empty = run("answer", str(handoff_id), "  ")
    assert empty.exit_code == 1 and "empty" in empty.output
    missing = run("show", "999")
    assert missing.exit_code == 1 and "not found" in missing.output
