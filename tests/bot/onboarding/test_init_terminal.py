"""`lotse init` in a real pseudo-terminal, in German and in English: from an empty folder to the first answered
question, as a newcomer.

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
import pytest

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
GUIDE_EN = """# Social Media Guideline of Sample Tools Ltd

## Photos from the workplace
You may post photos from the workshop on Instagram or LinkedIn if no colleagues can be seen without their consent
and no screens, drawings or customer parts are in the picture.

## Saying that you work here
When you write about Sample Tools products on social networks, say that you work here, for example with the hashtag
#TeamSample. That keeps your recommendation honest and within the law.

## Criticism online
Do not answer criticism of the company in comments or reviews yourself. Pass the link on to corporate
communications; they reply factually and quickly.

## Private use during working hours
Posting privately for a moment during breaks is fine. During working hours you use social media for work only.
"""
# (wait for, then type) for each language; None types nothing (a message, then the same question again)
STEPS = {
    "de": [
        ("Sprache / language", "de"),
        ("Name der Firma", "Probe Werkzeug GmbH"),
        ("Name der Ansprechperson", "Anna Beispiel"),
        ("E-Mail von Anna Beispiel", "anna(at)probe.example"),
        ("ist keine E-Mail-Adresse", None),
        ("E-Mail von Anna Beispiel", "anna@probe.example"),
        ("Rolle von Anna Beispiel", ""),  # communications, the offered default
        ("Noch eine Ansprechperson?", "n"),
        ("Arbeitszeit", "9-17"),
        ("Dokument oder Ordner", "{empty}"),
        ("leer oder enthält keinen Text", None),
        ("Dokument oder Ordner", "{guide}"),
        ("Abschnitte gelesen", None),
        ("Dokument oder Ordner", ""),
        ("Fertig.", None),
    ],
    "en": [
        ("Sprache / language", "en"),
        ("Company name", "Sample Tools Ltd"),
        ("Contact person's name", "Tom Example"),
        ("E-mail of Tom Example", "tom at sample.example"),
        ("is not an e-mail address", None),
        ("E-mail of Tom Example", "tom@sample.example"),
        ("Role of Tom Example", ""),
        ("Another contact person?", "n"),
        ("Working hours", "8-16"),
        ("Document or folder", "{empty}"),
        ("empty or holds no text", None),
        ("Document or folder", "{guide}"),
        ("sections read", None),
        ("Document or folder", ""),
        ("Done.", None),
    ],
}
# what the end of the run shows: the heading of the samples, the guide's title, the dry-run handoff, the contact
CLOSING = {
    "de": (
        "So antworte ich jetzt aus euren eigenen Texten:",
        "Social-Media-Richtlinie der Probe Werkzeug GmbH",
        "Probelauf",
        "Anna Beispiel",
        "anna@probe.example",
    ),
    "en": (
        "This is how I now answer from your own texts:",
        "Social Media Guideline of Sample Tools Ltd",
        "Dry run",
        "Tom Example",
        "tom@sample.example",
    ),
}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSE_", "TEAMS_"))}
    env.pop("DATABASE_URL", None)
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", TERM="dumb")
    return env


@pytest.mark.parametrize("language", ["de", "en"])
def test_init_from_an_empty_folder_to_the_first_answer(tmp_path: Path, language: str) -> None:
    home = tmp_path / "acme"
    home.mkdir()
    guide = tmp_path / ("richtlinie.md" if language == "de" else "guideline.md")
    guide.write_text(GUIDE if language == "de" else GUIDE_EN, encoding="utf-8")
    (tmp_path / "leer.txt").write_text("", encoding="utf-8")
    text = _run_init(home, STEPS[language], {"empty": str(tmp_path / "leer.txt"), "guide": str(guide)})
    assert "Traceback" not in text
    knowledge = home / "knowledge"
    heading, title, dry_run, contact, email = CLOSING[language]
    assert (knowledge / "documents" / guide.name).exists() and (knowledge / "postcheck" / "README.md").exists()
    assert "extends: default" in (knowledge / "triage.yaml").read_text(encoding="utf-8")
    assert email in (knowledge / "contacts.yaml").read_text(encoding="utf-8")
    answers = text.split(heading)[1]
    assert answers.count(title) >= 3  # each answer names its source
    assert dry_run in answers and contact in answers  # the press question would go to the contact
    if language == "de" and os.environ.get("LOTSE_WRITE_TRANSCRIPT"):
        _write_transcript(text.replace(str(home), "~/acme").replace(str(tmp_path), "~/Downloads"))


def _run_init(home: Path, steps: list[tuple[str, str | None]], paths: dict[str, str]) -> str:
    """The screen of `lotse init` typed step by step in a pseudo-terminal, without colour codes."""
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
    for prompt, typed in steps:
        child.expect_exact(prompt)
        if typed is not None:
            child.sendline(typed.format(**paths))
    child.expect(pexpect.EOF)
    return ANSI.sub("", screen.getvalue().replace("\r\n", "\n"))


def _write_transcript(text: str) -> None:
    """docs/init-walkthrough.txt and the transcript in docs/setup.md: written from this run, never by hand."""
    transcript = "$ cd ~/acme && lotse init\n" + text.strip() + "\n"
    (REPO / "docs" / "init-walkthrough.txt").write_text(transcript, encoding="utf-8")
    setup = REPO / "docs" / "setup.md"
    begin, end = "<!-- init-walkthrough:begin -->", "<!-- init-walkthrough:end -->"
    page = setup.read_text(encoding="utf-8")
    head, rest = page.split(begin, 1)
    setup.write_text(f"{head}{begin}\n```text\n{transcript}```\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
