"""A long fault soak: two `lotse serve` replicas on one PostgreSQL database, mixed Slack and Teams traffic (DMs,
press questions that open a handoff and notify the contact person, `/lotse`, `/postcheck`, button clicks,
submitted post-check modals, signed Teams messages and press questions), a replica killed with SIGKILL at random
moments and restarted, DEFAULT lease settings. Reports what was acknowledged but never answered (lost), answered
twice (duplicated), the slowest recovery of a request a kill interrupted, and each replica's memory (RSS) at the
start and the end. Traffic, kills and accounting are tests/support/soak.py, which the short soak in the test
suite (tests/bot/inbox/test_soak_bounded.py) runs too.

Run: `.venv/bin/python bench/bench_soak.py [--data-dir DIR] [--seconds 300] [--kills 5] [--out bench/results/soak.json]`
(DIR: a data dir with an index of knowledge/, else one is built first; PostgreSQL at LOTSE_TEST_POSTGRES_URL or
127.0.0.1:5432). Loopback only; the traffic is bounded by --seconds and --max-requests, each wait by a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_serve_burst import index_or_build  # noqa: E402
from tests.support.soak import Plan, Soak, postgres_schema, summary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="a data dir with an index of knowledge/")
    parser.add_argument("--seconds", type=float, default=300.0, help="how long traffic is sent")
    parser.add_argument("--max-requests", type=int, default=400)
    parser.add_argument(
        "--kills", type=int, default=5, help="this many kill -9 (the traffic lasts until they happened)"
    )
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--logs", type=Path, default=None, help="copy the replicas' logs into this folder")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "soak.json")
    args = parser.parse_args()
    plan = Plan(
        seconds=args.seconds,
        kills=args.kills,
        seed=args.seed,
        max_requests=args.max_requests,
        first_kill=(10.0, 25.0),
        kill_gap=(10.0, 30.0),
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        index = index_or_build(args.data_dir, work)
        with postgres_schema("lotse_soak") as database, Soak(work, index, database, plan) as soak:
            result = soak.run()
            if args.logs is not None:  # the replicas' logs, to read what the tracebacks were
                args.logs.mkdir(parents=True, exist_ok=True)
                for replica in soak.replicas:
                    shutil.copy(replica.process.log, args.logs / replica.process.log.name)
    text = json.dumps(result, indent=2)
    print(text)
    print(summary(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
