"""A `lotse` command in a real pseudo-terminal that notes how long after a common start each prompt appeared.

clock = time.monotonic()
init = TimedTerminal(["init"], cwd=home, start=clock)
init.answer("Company name", "ACME")        # waits for the prompt, notes the time, types the answer
init.wait_for("Done.")                       # notes the time an output appeared
text = init.close()                          # the screen; each noted line ends with "  ⏱ m:ss"
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from pathlib import Path

import pexpect

from tests.conftest import REPO

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
MARK = "⏱"


def newcomer_env() -> dict[str, str]:
    """No Slack, no Teams, no Lotse variables, no database URL: what someone new to Lotse has."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSE_", "TEAMS_"))}
    env.pop("DATABASE_URL", None)
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", TERM="dumb")
    return env


def clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


class TimedTerminal:
    def __init__(self, args: list[str], cwd: Path, start: float) -> None:
        self.start = start
        self.screen = io.StringIO()
        self.marks: list[tuple[int, float]] = []  # (position in the raw screen, seconds since start)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "bot.cli.main", *args],
            cwd=str(cwd),
            env=newcomer_env(),
            encoding="utf-8",
            timeout=600,
            dimensions=(40, 200),
        )
        self.child.logfile_read = self.screen

    def wait_for(self, shown: str) -> float:
        self.child.expect_exact(shown)
        elapsed = time.monotonic() - self.start
        matched_end = len(self.screen.getvalue()) - len(self.child.buffer)  # read ahead stays in the buffer
        self.marks.append((matched_end, elapsed))
        return elapsed

    def answer(self, prompt: str, typed: str) -> float:
        elapsed = self.wait_for(prompt)
        self.child.sendline(typed)
        return elapsed

    def close(self) -> str:
        """The screen without colour codes, each noted line ending in its time."""
        self.child.expect(pexpect.EOF)
        raw, pieces, done = self.screen.getvalue(), [], 0
        for position, elapsed in self.marks:
            end = raw.find("\n", position)
            end = len(raw) if end < 0 else end
            if end < done:
                continue
            pieces += [raw[done:end].rstrip("\r"), f"  {MARK} {clock(elapsed)}"]
            done = end
        pieces.append(raw[done:])
        return ANSI.sub("", "".join(pieces).replace("\r\n", "\n").replace("\r", ""))
