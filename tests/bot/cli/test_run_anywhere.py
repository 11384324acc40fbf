"""`lotse` run from another directory, as a real process: the knowledge folder found or named, problems said in
one sentence (never a traceback), and nothing on screen but what Lotse says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE

LOTSE = str(Path(sys.executable).with_name("lotse"))
QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"


def run(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LOTSE_")) and k not in ("DATABASE_URL", "LOG_LEVEL")
    }
    env.update(HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", TOKENIZERS_PARALLELISM="false", **extra)
    return subprocess.run([LOTSE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "somewhere" / "else"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def data_dir(knowledge_data_dir: Path, tmp_path: Path) -> Path:
    """A copy of the session's index (so this test's database and log stay its own)."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", target / "index")
    return target


def test_ask_from_another_directory_with_knowledge_dir(elsewhere: Path, data_dir: Path) -> None:
    result = run("--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(data_dir), "ask", QUESTION, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "Quellen:" in result.stdout and "[faq-de]" in result.stdout
    assert result.stderr.strip() == ""  # quiet: the log went to the data dir
    assert (data_dir / "lotse.log").exists()


def test_ask_from_another_directory_without_knowledge_dir_finds_the_checkout(elsewhere: Path, data_dir: Path) -> None:
    result = run("--data-dir", str(data_dir), "ask", QUESTION, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "Quellen:" in result.stdout and result.stderr.strip() == ""


def test_a_missing_knowledge_folder_is_one_sentence(elsewhere: Path) -> None:
    result = run("--knowledge-dir", "nowhere", "ask", QUESTION, cwd=elsewhere)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(elsewhere / "nowhere") in result.stderr and "--knowledge-dir" in result.stderr


def test_a_broken_knowledge_file_is_one_sentence(tmp_path: Path, elsewhere: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "contacts.yaml").write_text("contacts: [unclosed\n", encoding="utf-8")
    result = run("--knowledge-dir", str(knowledge), "handoffs", "list", cwd=elsewhere, LOTSE_DEFAULT_LANGUAGE="en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "contacts.yaml" in result.stderr and "broken" in result.stderr


def test_an_unusable_data_folder_is_one_sentence(tmp_path: Path, elsewhere: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(blocker / "data"), "ask", QUESTION, cwd=elsewhere)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "--data-dir" in result.stderr


def test_no_index_says_which_folder_and_what_to_do(tmp_path: Path, elsewhere: Path) -> None:
    result = run(
        "--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(tmp_path / "empty"), "ask", QUESTION, cwd=elsewhere
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "lotse ingest" in result.stderr and str(tmp_path / "empty") in result.stderr


def test_verbose_shows_the_log_on_stderr(elsewhere: Path, data_dir: Path) -> None:
    result = run(
        "--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(data_dir), "--verbose", "handoffs", "list", cwd=elsewhere
    )
    assert result.returncode == 0 and "INFO" in result.stderr


def test_a_handoff_from_ask_says_where_it_waits(elsewhere: Path, data_dir: Path) -> None:
    press = "Ein Journalist der Neuen Westfälischen will ein Statement zu den Entlassungen"
    result = run("--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(data_dir), "ask", press, cwd=elsewhere)
    assert result.returncode == 0 and "lokalen Posteingang" in result.stdout and "Presseanfrage" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
    listed = run("--knowledge-dir", str(KNOWLEDGE), "--data-dir", str(data_dir), "handoffs", "list", cwd=elsewhere)
    assert "Presseanfrage" in listed.stdout and "offen" in listed.stdout and "press " not in listed.stdout
