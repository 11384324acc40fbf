"""Burst benchmark of `lotse serve`: N signed DMs sent at the same moment to a real server process (uvicorn,
durable inbox) backed by the local Slack stand-in; how many were accepted at the first try, how long the
acknowledgement took (Slack wants it within 3 s), how long until every message was answered.

Run: `.venv/bin/python bench/bench_serve_burst.py [--burst 50] [--data-dir DIR] [--out bench/results/serve_burst.json]`
Without --data-dir the knowledge/ folder is indexed into a temporary data dir first (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bot.slack.conftest import SIGNING_SECRET  # noqa: E402
from tests.support.burst import fire_burst  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.serve_process import ServeProcess, base_env  # noqa: E402

QUESTIONS = [
    "Darf ich ein Foto von meinen Kollegen posten?",
    "Darf ich auf LinkedIn schreiben, dass ich bei Nordwerk arbeite?",
    "Can I share our job postings on my private profile?",
    "Darf ich Fotos aus der Montagehalle posten?",
]


def index_into(data_dir: Path) -> None:
    from bot.app import Lotse
    from bot.settings import Settings
    from ingest.indexer import ingest

    ingest([REPO / "knowledge"], Lotse(Settings(data_dir=data_dir, knowledge_dir=REPO / "knowledge")).index)


def index_or_build(given: Path | None, work: Path) -> Path:
    """`given` (a data dir with an index of knowledge/), else one built in `work`."""
    if given is not None:
        return given
    index_into(work / "indexed")
    return work / "indexed"


def run(burst: int, source: Path | None, work: Path) -> dict[str, object]:
    data_dir = work / "data"
    if source is None:
        index_into(data_dir)
    else:
        shutil.copytree(source / "index", data_dir / "index")
    (data_dir / "lotse.db").unlink(missing_ok=True)
    with FakeSlack() as fake:
        server = ServeProcess(data_dir, work / "serve.log", base_env(fake.api_url, SIGNING_SECRET)).start()
        try:
            started = time.perf_counter()
            sent = fire_burst(server.url, [QUESTIONS[n % len(QUESTIONS)] for n in range(burst)], SIGNING_SECRET)
            fake.wait_for("chat.postMessage", count=burst, timeout=900)
            all_answered = time.perf_counter() - started
            server.stop()
        finally:
            server.ensure_dead()
    acks = [s.seconds for s in sent if s.status == 200]
    return {
        "burst": burst,
        "accepted_first_try": len(acks),
        "refused_or_reset": burst - len(acks),
        "ack_seconds_median": round(statistics.median(acks), 3) if acks else None,
        "ack_seconds_p95": round(sorted(acks)[int(0.95 * (len(acks) - 1))], 3) if acks else None,
        "ack_seconds_max": round(max(acks), 3) if acks else None,
        "acked_within_3s": sum(1 for a in acks if a < 3.0),
        "replies": len(fake.calls("chat.postMessage")),
        "all_answered_seconds": round(all_answered, 1),
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--data-dir", type=Path, default=None, help="a data dir with an index of knowledge/")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "serve_burst.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        result = run(args.burst, args.data_dir, Path(work))
    text = json.dumps(result, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
