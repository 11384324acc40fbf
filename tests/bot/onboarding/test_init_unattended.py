"""`lotse init` with flags only (unattended): bad input gets one clear sentence, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from reportlab.pdfgen import canvas

from bot.cli.main import cli
from tests.bot.onboarding.test_init_terminal import GUIDE


def _init(tmp_path: Path, *args: str):
    return CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path / "data"), "init", str(tmp_path / "knowledge"), "--no-input", *args]
    )


def _scanned_pdf(path: Path) -> None:
    """A page with only a drawn shape: what a scan without text recognition looks like to a text extractor."""
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 500, fill=1)
    page.save()


def test_an_invalid_email_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    result = _init(tmp_path, "--lang", "en", "--company", "Probe", "--contact", "Anna <anna(at)probe.example> hr")
    assert result.exit_code == 1
    assert "is not an e-mail address" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "knowledge" / "company.yaml").exists()


def test_bad_documents_are_named_and_the_good_one_is_set_up(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "richtlinie.md").write_text(GUIDE, encoding="utf-8")
    (docs / "kopie.md").write_text(GUIDE, encoding="utf-8")
    (docs / "leer.txt").write_text("  \n", encoding="utf-8")
    (docs / "kaputt.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    _scanned_pdf(docs / "scan.pdf")
    result = _init(
        tmp_path,
        "--lang", "de", "--company", "Probe Werkzeug GmbH", "--hours", "7-16", "--no-samples",
        "--contact", "Anna Beispiel <anna@probe.example> communications",
        "--contact", "Lena Wolf <lena@probe.example> it_security",
        "--document", str(docs),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "scan.pdf: Das ist ein eingescanntes PDF ohne Text" in result.output
    assert "leer.txt: Die Datei ist leer" in result.output
    assert "kaputt.pdf: Die Datei lässt sich nicht lesen" in result.output
    assert "Dieselbe Datei wie" in result.output  # kopie.md and richtlinie.md: one is taken
    knowledge = tmp_path / "knowledge"
    assert len(list((knowledge / "documents").iterdir())) == 1
    contacts = (knowledge / "contacts.yaml").read_text(encoding="utf-8")
    assert "security:" in contacts and "lena@probe.example" in contacts  # it_security → the role triage routes to
    assert "LOTSE_WORKDAY_START=7" in (knowledge / "lotse.env").read_text(encoding="utf-8")
    assert re.search(r"\b[1-9]\d* Abschnitte eingelesen", result.output)  # the good document was read


def test_doctor_finds_no_error_in_a_folder_init_wrote(tmp_path: Path) -> None:
    (tmp_path / "richtlinie.md").write_text(GUIDE, encoding="utf-8")
    args = ["--company", "Probe", "--contact", "Anna <anna@probe.example> communications", "--no-samples"]
    assert _init(tmp_path, *args, "--document", str(tmp_path / "richtlinie.md")).exit_code == 0
    knowledge, data = tmp_path / "knowledge", tmp_path / "data"
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(data), "--knowledge-dir", str(knowledge), "doctor", "--no-model"],
        env={"LOTSE_CONTACT_IDS": "{}"},
    )
    assert result.exit_code == 0, result.output
