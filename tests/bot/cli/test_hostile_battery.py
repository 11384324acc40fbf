"""Hundreds of hostile inputs through the real CLI (`lotse ask --batch`, `lotse check --batch`, and a sample as real
processes): 0 tracebacks, exactly one output line per input, sensitive requests still handed off, junk never.

The generator is tests/support/hostile.py (deterministic). Rate limits are switched off here: the battery is one
user firing a thousand messages, which the limits exist to stop (tested in tests/bot/guard/). Questions are cut at
300 characters (a sensitive topic further on is still found, see Guard.sensitive_part) so that the embedding model,
the one cost that grows with a question's length, keeps the battery within seconds. The generator cycles through
its ten kinds, so 300 questions hold each kind 30 times (the battery was 1,000 questions and 127 s of the suite);
`LOTSE_HOSTILE_ASK=1000` runs the full size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from support.hostile import generate

from bot.cli.main import cli

ASK_INPUTS = int(os.environ.get("LOTSE_HOSTILE_ASK", "300"))  # sized to seconds; see the docstring
CHECK_INPUTS = int(os.environ.get("LOTSE_HOSTILE_CHECK", "60"))
PROCESS_SAMPLE = 12
LOTSE = str(Path(sys.executable).with_name("lotse"))


def _env(settings) -> dict[str, str]:
    return {
        "DATABASE_URL": settings.database_url,
        "LOTSE_CONTACT_IDS": json.dumps(settings.contact_ids),
        "LOTSE_RATE_QUESTIONS_PER_MINUTE": "0",
        "LOTSE_RATE_HANDOFFS_PER_HOUR": "0",
        "LOTSE_MAX_QUESTION_CHARS": "300",
    }  # robustness, not answer quality: short questions keep the model fast


def _invoke(settings, *args: str):
    return CliRunner().invoke(
        cli,
        ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir), *args],
        env=_env(settings),
    )


def test_ask_battery(settings, tmp_path: Path):
    inputs = generate(ASK_INPUTS)
    batch = tmp_path / "hostile.txt"
    batch.write_bytes(b"\n".join(item.data for item in inputs) + b"\n")
    result = _invoke(settings, "ask", "--batch", str(batch), "--json")
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0 and "Traceback" not in result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == len(inputs)
    for item, row in zip(inputs, rows, strict=True):
        if "error" in row:  # a line that was not UTF-8, refused with its number
            assert item.data.decode("utf-8", "replace") != item.data.decode("utf-8", "ignore"), item.kind
            continue
        assert row["answer"], item.kind
        if item.sensitive:
            assert row["outcome"] == "handoff" and row["handoff"], (item.kind, row["answer"][:80])
        if item.kind in ("binary", "invisible", "control"):
            assert row["handoff"] is None, (item.kind, row["question"][:80])
    handed_off_junk = sum(
        1
        for item, row in zip(inputs, rows, strict=True)
        if not item.sensitive and row.get("handoff") and item.kind in ("binary", "invisible", "control", "sql")
    )
    assert handed_off_junk == 0


def test_check_battery(settings, tmp_path: Path):
    inputs = generate(CHECK_INPUTS, seed=99)
    lines = []
    for item in inputs:
        text = item.data.decode("utf-8", "surrogateescape")  # lone bytes become lone surrogates, JSON-escaped
        lines.append(json.dumps({"post": text}).encode())
    batch = tmp_path / "posts.jsonl"
    batch.write_bytes(b"\n".join(lines) + b"\n")
    result = _invoke(settings, "check", "--batch", str(batch))
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0 and "Traceback" not in result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == len(inputs)
    assert all(row["verdict"] in ("ok", "revise", "approval") for row in rows)


def test_a_sample_as_real_processes(settings):
    env = {**os.environ, **_env(settings)}
    base = [LOTSE, "--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir)]
    for index, item in enumerate(generate(PROCESS_SAMPLE, seed=5)):
        data = item.data[:100_000]  # an argument list has a size limit of its own
        command = "ask" if index % 2 == 0 else "check"
        done = subprocess.run([*base, command, data.replace(b"\x00", b"")], capture_output=True, env=env, timeout=300)
        assert done.returncode == 0, (item.kind, done.stderr[-400:])
        assert b"Traceback" not in done.stderr and done.stdout.strip(), item.kind
