"""No message text in the logs of a real `lotse serve` at the default level: answered, forged and stale requests.

Driven only over HTTP (signed and forged requests from the local Slack stand-in) and through the log files, so it
holds whatever server runs behind `lotse serve`.
"""

from __future__ import annotations

import json
import signal
import time

from tests.bot.slack.conftest import EMPLOYEE, EMPLOYEE_DM, sign
from tests.bot.slack.test_serve_process import served  # noqa: F401 - the real `lotse serve` fixture

SECRET_WORDS = ["Zebrastreifenkoordinate", "Quittengelee", "Walnussparlament", "Okapiverwaltung"]


def _event(text: str, event_id: str) -> str:
    return json.dumps(
        {
            "type": "event_callback",
            "event_id": event_id,
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": EMPLOYEE_DM,
                "user": EMPLOYEE,
                "text": text,
                "ts": f"{time.time():.6f}",
            },
        }
    )


def test_logs_carry_no_message_text(served, fake_slack, tmp_path):  # noqa: F811
    process, slack, stderr = served
    answered = f"Darf ich ein Foto vom {SECRET_WORDS[0]} posten?"
    response, _ = slack.dm(answered)
    assert response.status == 200
    fake_slack.wait_for("chat.postMessage", timeout=120)
    handed_off = f"Ein Journalist fragt nach {SECRET_WORDS[1]} und den Entlassungen"
    slack.dm(handed_off)
    fake_slack.wait_for("chat.postMessage", count=2, timeout=120)
    forged = _event(f"{SECRET_WORDS[2]} " * 2000, "EvForged")  # a big forged body, as in the report
    assert slack.post(forged, "application/json", signature=sign(forged, int(time.time()), "wrong")).status == 401
    stale = _event(f"{SECRET_WORDS[3]} bitte", "EvStale")
    old = int(time.time()) - 3600
    assert slack.post(stale, "application/json", timestamp=old, signature=sign(stale, old)).status in (400, 401)

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    logs = stderr.read_text(encoding="utf-8", errors="replace")
    for path in (tmp_path / "data").glob("lotse.log*"):
        logs += path.read_text(encoding="utf-8", errors="replace")
    assert "handoff" in logs  # the log is there and says what happened, without the words
    for word in SECRET_WORDS + ["Journalist", "Entlassungen"]:
        assert word not in logs, f"{word!r} found in the logs"
