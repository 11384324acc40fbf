"""`lotse eval answers` on bad labelled sets and a broken calibration file: one clear sentence, no traceback."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from bot.cli.main import cli


def _run(settings, *args: str, knowledge=None):
    knowledge = knowledge or settings.knowledge_dir
    return CliRunner().invoke(
        cli, ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(knowledge), "eval", "answers", *args]
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"message": "Darf ich posten?", "label": "covered"\n', "not valid JSON"),
        ('{"message": "Darf ich posten?", "label": "maybe"}\n', "label"),
        ('{"label": "covered"}\n', "message"),
        ("", "no messages"),
        ("\x00\xff binary\n", "not valid JSON"),
    ],
)
def test_a_bad_labelled_set_is_one_sentence(settings, tmp_path, content: str, expected: str) -> None:
    path = tmp_path / "answers-bad.jsonl"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    result = _run(settings, "--set", str(path))
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
    if content:
        assert str(path) in result.output


def test_a_broken_company_calibration_names_the_file(settings, tmp_path) -> None:
    from bot.calibration import _load

    knowledge = tmp_path / "knowledge"
    shutil.copytree(settings.knowledge_dir, knowledge, ignore=shutil.ignore_patterns("eval"))
    (knowledge / "calibration.yaml").write_text(
        'models:\n  "packaged:multilingual-e5-small": {fusion: {k: 5}}\n', encoding="utf-8"
    )
    set_path = tmp_path / "one.jsonl"
    set_path.write_text('{"message": "Darf ich posten?", "label": "uncovered"}\n', encoding="utf-8")
    _load.cache_clear()
    try:
        result = _run(settings, "--set", str(set_path), knowledge=knowledge)
    finally:
        _load.cache_clear()
    assert result.exit_code == 1, result.output
    assert "calibration.yaml" in result.output and "Traceback" not in result.output
