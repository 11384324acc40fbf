"""`lotse chat` in a real pseudo-terminal, as a newcomer tries Lotse without Slack: the whole loop.

Ask (answered with its source) → a sensitive question is handed off → answered with /anfragen as the contact
person → the employee reads the answer → a post check is sent for approval → an answer becomes an FAQ entry →
/bericht → the approval is answered from the command line and shown on the next start. No log line on screen.

With LOTSE_WRITE_TRANSCRIPT=1 the screen is written to docs/terminal-walkthrough.md and into the README's
"In fünf Minuten ausprobieren" (never by hand).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import KNOWLEDGE, REPO

LOTSE = str(Path(sys.executable).with_name("lotse"))
PROMPT = "\n› "
PHOTO = "Darf ich ein Foto von meinen Kollegen posten?"
PRESS = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
PRESS_ANSWER = "Bitte gib kein Statement ab. Ich rufe die Redaktion zurück; schick mir Name und Nummer."
DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. #stolz"
NEW_QUESTION = "Darf ich auf Mastodon oder Threads über meine Arbeit bei Nordwerk posten?"
NEW_ANSWER = (
    "Ja, privat darfst du das – auf Mastodon und Threads gelten dieselben Regeln wie auf LinkedIn. "
    "Sprich nicht im Namen der Firma."
)
APPROVAL_ANSWER = "Freigegeben, wenn du „Großkunden“ und die Umsatzzahl weglässt."
LOG_LINE = re.compile(r"\b(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b|Traceback|alembic|bm25s|UserWarning")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WALKTHROUGH = REPO / "docs" / "terminal-walkthrough.md"
README = REPO / "README.md"
BEGIN, END = "<!-- terminal-walkthrough:begin -->", "<!-- terminal-walkthrough:end -->"


@pytest.fixture(scope="module")
def home(tmp_path_factory, embedder) -> Path:
    """A copy of the knowledge folder with its own index: the FAQ step writes into knowledge/faq/."""
    from bot.app import Lotse
    from bot.settings import Settings
    from ingest.indexer import ingest

    root = tmp_path_factory.mktemp("terminal")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    lotse = Lotse(Settings(data_dir=root / "data", knowledge_dir=root / "knowledge"))
    lotse.__dict__["embedder"] = embedder
    assert not ingest([root / "knowledge"], lotse.index).errors
    (root / "elsewhere").mkdir()
    return root


def newcomer_env() -> dict[str, str]:
    """No Slack, no contact ids, no database URL: the embedded default a newcomer has."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LOTSE_")) and k not in ("DATABASE_URL", "PORT", "LOG_LEVEL")
    }
    env.update(
        LOTSE_CLI_USER="anna",
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        TOKENIZERS_PARALLELISM="false",
        TERM="dumb",
    )
    return env


class Terminal:
    """One `lotse chat` in a pseudo-terminal; `screen` is everything it showed, typed input included."""

    def __init__(self, home: Path) -> None:
        self.screen = io.StringIO()
        args = ["--knowledge-dir", str(home / "knowledge"), "--data-dir", str(home / "data"), "chat"]
        self.child = pexpect.spawn(
            LOTSE,
            args,
            cwd=str(home / "elsewhere"),
            env=newcomer_env(),
            encoding="utf-8",
            timeout=300,
            dimensions=(40, 140),
        )
        self.child.logfile_read = self.screen

    def type(self, line: str, wait_for: str = PROMPT) -> str:
        """Wait for `wait_for`, type `line`; returns what appeared since the last input."""
        self.child.expect_exact(wait_for)
        shown = self.child.before + wait_for
        self.child.sendline(line)
        return shown

    def close(self) -> str:
        self.child.expect(pexpect.EOF)
        return self.text

    @property
    def text(self) -> str:
        return ANSI.sub("", self.screen.getvalue().replace("\r\n", "\n").replace("\r", ""))


def test_the_whole_loop_in_a_terminal(home: Path) -> None:
    chat = Terminal(home)
    chat.type("/hilfe")
    chat.type(PHOTO)
    chat.type(PRESS)
    chat.type("/anfragen")
    chat.type("1", wait_for="Nummer (Enter = zurück) › ")
    chat.type(PRESS_ANSWER, wait_for="Deine Antwort (Enter = zurück) › ")
    chat.type(f"/check {DRAFT}")
    chat.type("j", wait_for="Zur Freigabe senden? (j/n) › ")
    chat.type(NEW_QUESTION)
    chat.type("/mensch")
    chat.type("/anfragen")
    handoff_id = _last_case(chat.text)
    chat.type(str(handoff_id), wait_for="Nummer (Enter = zurück) › ")
    chat.type(NEW_ANSWER, wait_for="Deine Antwort (Enter = zurück) › ")
    chat.type("j", wait_for="selbst beantwortet? (j/n) › ")
    chat.type(NEW_QUESTION)
    chat.type("/bericht")
    chat.type("/ende")
    first = chat.close()

    assert "Quellen:" in first and "Darf ich ein Foto von meinen Kollegen posten?  [faq-de]" in first
    assert "lokalen Posteingang" in first and "selbst die Ansprechperson" in first
    assert first.count("lokalen Posteingang") == 1  # said once
    assert "an Katrin Vogt weitergegeben" in first and "Presseanfrage" in first
    assert "Offene Anfragen (1):" in first
    assert "Deine Antwort zu Anfrage #1 ist gespeichert und zugestellt." in first
    assert "📬 Antwort von Katrin Vogt zu deiner Frage" in first and PRESS_ANSWER in first
    assert "Freigabe nötig" in first and "zur Freigabe an Katrin Vogt geschickt" in first
    assert "Zur FAQ hinzugefügt" in first
    assert first.rstrip().endswith("Bis bald!")
    assert "Kategorie: Presseanfrage" in first  # the week at a glance, in words
    assert "data_leak" not in first and "post_approval" not in first and "low_confidence" not in first
    _assert_no_log_lines(first)
    assert "Ja, privat darfst du das" in first.split("Zur FAQ hinzugefügt", 1)[1]  # Lotse answers it now

    # the contact person answers the approval from the command line; the author reads it on the next start
    approval = _case_of(first, "zur Freigabe an Katrin Vogt geschickt")
    answered = subprocess.run(
        [
            LOTSE,
            "--knowledge-dir",
            str(home / "knowledge"),
            "--data-dir",
            str(home / "data"),
            "handoffs",
            "answer",
            str(approval),
            APPROVAL_ANSWER,
        ],
        cwd=home / "elsewhere",
        env=newcomer_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert answered.returncode == 0, answered.stderr
    _assert_no_log_lines(answered.stdout + answered.stderr)

    again = Terminal(home)
    again.type("/ende")
    second = again.close()
    assert "📬 Antwort von Katrin Vogt zu deinem Entwurf" in second and APPROVAL_ANSWER in second
    assert "Nummer" not in second and PRESS_ANSWER not in second  # answers already read are not repeated
    _assert_no_log_lines(second)
    assert (home / "data" / "lotse.log").read_text(encoding="utf-8").count("INFO") > 0  # the log went to the file

    if os.environ.get("LOTSE_WRITE_TRANSCRIPT") == "1":
        write_walkthrough(first, approval, answered.stdout, second)


def _assert_no_log_lines(text: str) -> None:
    offending = [line for line in text.splitlines() if LOG_LINE.search(line)]
    assert not offending, offending


def _last_case(text: str) -> int:
    return int(re.findall(r"Anfrage #(\d+) liegt jetzt in deinem Posteingang", text)[-1])


def _case_of(text: str, marker: str) -> int:
    line = next(line for line in text.splitlines() if marker in line)
    return int(re.search(r"\(#(\d+)\)", line).group(1))


def write_walkthrough(first: str, approval: int, answered: str, second: str) -> None:
    body = "\n".join(
        [
            "Erzeugt aus einem echten Lauf im Pseudo-Terminal (`LOTSE_WRITE_TRANSCRIPT=1 .venv/bin/python -m pytest "
            "tests/bot/terminal/test_terminal_loop.py`): ohne Slack, ohne Ansprechpersonen-IDs, auf den eingebetteten "
            "Standards. Nicht von Hand bearbeiten.",
            "",
            "```text",
            "$ make run        # oder: .venv/bin/lotse chat",
            first.strip(),
            "```",
            "",
            "Später beantwortet die Unternehmenskommunikation die Freigabe auch von der Kommandozeile aus:",
            "",
            "```text",
            f'$ .venv/bin/lotse handoffs answer {approval} "{APPROVAL_ANSWER}"',
            answered.strip(),
            "$ .venv/bin/lotse chat",
            second.strip(),
            "```",
        ]
    )
    WALKTHROUGH.write_text("# Lotse im Terminal – in fünf Minuten ausprobieren\n\n" + body + "\n", encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    README.write_text(readme[:start] + "\n" + body + "\n" + readme[end:], encoding="utf-8")
