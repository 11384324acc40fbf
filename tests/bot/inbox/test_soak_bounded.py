"""A soak of our own (issue 22): two `lotse serve` replicas on PostgreSQL with the DEFAULT lease settings, about
30 s of mixed Slack and Teams traffic (DMs, press questions, `/lotse`, `/postcheck`, clicks, post-check modals,
signed Teams messages), two kill -9 of a random replica with restarts. Nothing lost, nothing answered twice (but
what the platform took in the moments before a kill: for Slack messages the delivery key in their metadata closes
that instant, for Teams messages and Slack's ephemeral replies it stays open, see docs/architecture.md; such
repeats are counted apart), each press question's contact
notification once, and every request a kill interrupted answered within 30 s of its replica's restart. The figures (and each replica's memory at start and end) are printed in one line and kept in
the test report; the long version is `bench/bench_soak.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.handoff.conftest import _ensure_database, _pg_url, _unavailable
from tests.support.soak import Plan, Soak, postgres_schema, summary

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

PLAN = Plan(  # about 1 request/s, at most 6 waiting for their answer: a kill interrupts work, not a long queue
    seconds=30,
    kills=2,
    seed=22,
    first_kill=(2.0, 6.0),
    kill_gap=(1.0, 4.0),
    pause=(0.5, 1.5),
    max_in_flight=6,
    settle=3.0,
    drain=90.0,
)
RECOVERY_LIMIT = 30.0  # seconds from a replica's restart to the answer of what its kill interrupted


@pytest.fixture
def database_url():
    try:
        _ensure_database(_pg_url())
    except Exception as exc:  # noqa: BLE001 - any connection problem means "not available"
        _unavailable(f"{type(exc).__name__}: {exc}")
    with postgres_schema("lotse_soak") as url:
        yield url


def test_bounded_soak_loses_nothing_and_answers_nothing_twice(
    knowledge_data_dir: Path, tmp_path, database_url, record_property
):
    with Soak(tmp_path, knowledge_data_dir, database_url, PLAN) as soak:
        result = soak.run()
        logs = soak.logs()
    line = summary(result)
    print("\n" + line + "\n" + json.dumps(result, indent=2))
    record_property("soak", line)

    assert not result["errors"], result["errors"]
    assert len(result["kills"]) >= 2 and sum(r["restarts"] for r in result["replicas"]) == len(result["kills"])
    assert {"teams", "dm", "press"} <= set(result["by_kind"]), "mixed traffic, Teams included"
    # the one gap no guard closes (docs/architecture.md): a reply the platform took in the instant before the kill,
    # not yet recorded, is sent again; any other second answer is a fault
    assert result["lost"] == 0, line
    assert result["duplicated"] == result["duplicated_answered_just_before_a_kill"], line
    notifications = result["contact_notifications"]
    assert notifications["lost"] == 0, line
    assert notifications["duplicated"] == notifications["duplicated_sent_just_before_a_kill"], line
    assert result["interrupted_unanswered"] == 0, line
    slowest = result["slowest_recovery_seconds_after_restart"]
    assert slowest is None or slowest <= RECOVERY_LIMIT, line
    assert [r["exit_code"] for r in result["replicas"]] == [0, 0], line
    assert "Traceback" not in "".join(logs.values()), {name: text[-3000:] for name, text in logs.items()}
