"""The inbox tests run on SQLite and on the real PostgreSQL (the handoff tests' `db_url`). The bounded soak's
figures (its `soak` property) are repeated in the terminal summary."""

from typing import Any

from tests.bot.handoff.conftest import clock, db_url  # noqa: F401  (fixtures)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                if name == "soak" and report.when == "call":
                    terminalreporter.write_line(f"{report.nodeid.rsplit('::', 1)[-1]} ({outcome}): {value}")
