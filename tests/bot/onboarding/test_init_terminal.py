"""`lotse init` in a real pseudo-terminal: from an empty folder to the first answered question, as a newcomer.

The person types a wrong e-mail address and an empty document on the way; each gets a sentence and the question
again, never a traceback. The run ends with answers quoted from the company's own text and one handoff.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect

from tests.conftest import REPO

GUIDE = """# Social-Media-Richtlinie der Probe Werkzeug GmbH

## Fotos vom Arbeitsplatz
Fotos aus der Werkstatt darfst du auf Instagram oder LinkedIn posten, wenn keine Kolleginnen oder Kollegen ohne
ihre Einwilligung zu sehen sind und keine Bildschirme, Zeichnungen oder Kundenteile im Bild sind.

## Kennzeichnung als Mitarbeiter
Wenn du in sozialen Netzwerken über Produkte der Probe Werkzeug GmbH schreibst, sag dazu, dass du hier arbeitest,
zum Beispiel mit dem Hashtag #TeamProbe. So bleibt deine Empfehlung ehrlich und rechtlich sauber.

## Umgang mit Kritik im Netz
Antworte nicht selbst auf Kritik an der Firma in Kommentaren oder Bewertungen. Gib den Link an die
Unternehmenskommunikation weiter; sie antwortet sachlich und schnell.

## Private Nutzung während der Arbeitszeit
Kurzes privates Posten in Pausen ist in Ordnung. Während der Arbeitszeit nutzt du soziale Medien nur für
dienstliche Zwecke.
"""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSE_", "TEAMS_"))}
    env.pop("DATABASE_URL", None)
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", TERM="dumb")
    return env


def test_init_from_an_empty_folder_to_the_first_answer(tmp_path: Path) -> None:
    home = tmp_path / "acme"
    home.mkdir()
    (tmp_path / "richtlinie.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "leer.txt").write_text("", encoding="utf-8")
    screen = io.StringIO()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bot.cli.main", "init"],
        cwd=str(home),
        env=_env(),
        encoding="utf-8",
        timeout=600,
        dimensions=(40, 160),
    )
    child.logfile_read = screen
    child.expect_exact("Sprache / language")
    child.sendline("de")
    child.expect_exact("Name der Firma")
    child.sendline("Probe Werkzeug GmbH")
    child.expect_exact("Name der Ansprechperson")
    child.sendline("Anna Beispiel")
    child.expect_exact("E-Mail von Anna Beispiel")
    child.sendline("anna(at)probe.example")
    child.expect_exact("ist keine E-Mail-Adresse")
    child.expect_exact("E-Mail von Anna Beispiel")
    child.sendline("anna@probe.example")
    child.expect_exact("Rolle von Anna Beispiel")
    child.sendline("")  # communications, the offered default
    child.expect_exact("Noch eine Ansprechperson?")
    child.sendline("n")
    child.expect_exact("Arbeitszeit")
    child.sendline("9-17")
    child.expect_exact("Dokument oder Ordner")
    child.sendline(str(tmp_path / "leer.txt"))
    child.expect_exact("leer oder enthält keinen Text")
    child.expect_exact("Dokument oder Ordner")
    child.sendline(str(tmp_path / "richtlinie.md"))
    child.expect_exact("Abschnitte gelesen")
    child.expect_exact("Dokument oder Ordner")
    child.sendline("")
    child.expect_exact("Fertig.")
    child.expect(pexpect.EOF)
    text = ANSI.sub("", screen.getvalue().replace("\r\n", "\n"))
    assert "Traceback" not in text
    knowledge = home / "knowledge"
    assert (knowledge / "documents" / "richtlinie.md").exists() and (knowledge / "postcheck" / "README.md").exists()
    assert "extends: default" in (knowledge / "triage.yaml").read_text(encoding="utf-8")
    assert "anna@probe.example" in (knowledge / "contacts.yaml").read_text(encoding="utf-8")
    answers = text.split("So antworte ich jetzt aus euren eigenen Texten:")[1]
    assert answers.count("Social-Media-Richtlinie der Probe Werkzeug GmbH") >= 3  # each answer names its source
    assert "Probelauf" in answers and "Anna Beispiel" in answers  # the press question would go to Anna
    if os.environ.get("LOTSE_WRITE_TRANSCRIPT"):
        _write_transcript(text.replace(str(home), "~/acme").replace(str(tmp_path), "~/Downloads"))


def _write_transcript(text: str) -> None:
    """docs/init-walkthrough.txt and the transcript in docs/setup.md: written from this run, never by hand."""
    transcript = "$ cd ~/acme && lotse init\n" + text.strip() + "\n"
    (REPO / "docs" / "init-walkthrough.txt").write_text(transcript, encoding="utf-8")
    setup = REPO / "docs" / "setup.md"
    begin, end = "<!-- init-walkthrough:begin -->", "<!-- init-walkthrough:end -->"
    page = setup.read_text(encoding="utf-8")
    head, rest = page.split(begin, 1)
    setup.write_text(f"{head}{begin}\n```text\n{transcript}```\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
