"""`lotse doctor`: a broken company folder gets every planted fault named with its fix; Nordwerk's gets no error."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli

CONTACTS = """fallback: communications
contacts:
  communications:
    name: Katrin Probe
    email: katrin(at)probe.example
"""

LONG = " ".join(["Beiträge über Messen sind willkommen, wenn keine Prototypen zu sehen sind."] * 40)
GUIDE = f"""---
id: probe-richtlinie
title: Probe-Richtlinie
language: de
---
# Probe-Richtlinie
## Messen
{LONG}
## Fotos
Fotos aus der Halle nur nach Freigabe.
"""

FAQ = """kind: faq
id: probe-faq
title: Probe-FAQ
language: de
entries:
  - id: probe-faq-001
    question: Darf ich Fotos aus der Werkshalle auf Instagram posten?
    answer: Ja, wenn keine Bildschirme und keine Kolleginnen ohne Einwilligung zu sehen sind.
  - id: probe-faq-002
    question: Darf ich Fotos aus der Werkshalle bei Instagram posten?
    answer: Nein, Fotos aus der Fertigung sind grundsätzlich verboten.
"""

RULE = """family: probe
rules:
  - id: probe.figures
    kind: pattern
    category: figures
    severity: revise
    patterns: ['\\bUmsatz\\b']
    message: {de: "„{excerpt}“ ist eine Zahl.", en: "“{excerpt}” is a figure."}
    fix: {de: "Streichen.", en: "Remove it."}
    guideline:
      de: {document: probe-richtlinie, section: Messen}
    examples:
      trigger:
        - "Unser Umsatz ist gestiegen."
        - "Unser Auftragseingang ist gestiegen."
      no_trigger:
        - "Wir waren auf der Messe."
        - "Schöner Stand heute."
"""


def _doctor(knowledge: Path, data: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        cli, ["--data-dir", str(data), "--knowledge-dir", str(knowledge), "doctor", *args], env=env or {}
    )


def _broken_folder(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    for folder in ("documents", "faq", "postcheck"):
        (knowledge / folder).mkdir(parents=True)
    (knowledge / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (knowledge / "documents" / "richtlinie.de.md").write_text(GUIDE, encoding="utf-8")
    (knowledge / "documents" / "leer.txt").write_text("", encoding="utf-8")
    (knowledge / "faq" / "faq.de.yaml").write_text(FAQ, encoding="utf-8")
    (knowledge / "postcheck" / "probe.yaml").write_text(RULE, encoding="utf-8")
    return knowledge


def test_doctor_names_each_planted_fault_with_its_fix(tmp_path: Path) -> None:
    knowledge = _broken_folder(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    sqlite3.connect(data / "lotse.db").execute("CREATE TABLE t (x)").connection.commit()  # a database never migrated
    env = {
        "SLACK_BOT_TOKEN": "xoxb-probe",  # Slack half set up: neither app token nor signing secret
        "SLACK_APP_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
        "TEAMS_CLIENT_ID": "probe-app",  # Teams half set up: no secret
        "TEAMS_CLIENT_SECRET": "",
        "LOTSE_CONTACT_IDS": "{}",
        "DATABASE_URL": "",
    }
    result = _doctor(knowledge, data, "--json", "--lang", "en", env=env)
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    found = {f["check"] for f in findings}
    assert {
        "sensitive_no_contact",  # the default categories route to legal, data protection, HR, IT security
        "contact_email",
        "no_text",
        "long_section",
        "faq_contradiction",
        "rule_example",
        "no_index",
        "migrations",
        "slack_incomplete",
        "teams_incomplete",
    } <= found, found
    by_check = {f["check"]: f for f in findings}
    assert "leer.txt" in by_check["no_text"]["problem"]
    assert "Messen" in by_check["long_section"]["problem"]
    assert "probe-faq-001" in by_check["faq_contradiction"]["problem"]
    assert "probe.figures" in by_check["rule_example"]["problem"]
    assert all(f["fix"] for f in findings)  # every finding says how to fix it


def test_doctor_names_a_contact_without_chat_id_and_an_index_of_another_model(tmp_path: Path) -> None:
    knowledge = _broken_folder(tmp_path)
    data = tmp_path / "data"
    (data / "index").mkdir(parents=True)
    manifest = {"collection": "lotse_x", "embedding_model": "packaged:all-MiniLM-L6-v2", "files": {}}
    (data / "index" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    env = {
        "SLACK_BOT_TOKEN": "xoxb-probe",
        "SLACK_APP_TOKEN": "xapp-probe",
        "LOTSE_CONTACT_IDS": "{}",
        "EMBEDDING_MODEL": "",
    }
    result = _doctor(knowledge, data, "--no-model", env=env)  # German by default
    assert result.exit_code == 1
    assert "Katrin Probe (communications) hat keine Slack- oder Teams-ID" in result.output
    assert "all-MiniLM-L6-v2" in result.output and "`lotse ingest` ausführen" in result.output


def test_doctor_finds_no_error_in_nordwerks_folder(settings, lotse) -> None:
    assert lotse.store is not None  # the database as a running Lotse leaves it: migrated
    env = {"DATABASE_URL": settings.database_url, "LOTSE_CONTACT_IDS": json.dumps(settings.contact_ids)}
    result = _doctor(settings.knowledge_dir, settings.data_dir, "--json", env=env)
    report = json.loads(result.output)
    errors = [f["problem"] for f in report["findings"] if f["level"] == "error"]
    assert errors == [] and result.exit_code == 0, errors
