"""`lotse serve` as a real child process the tests start, stop at a checkpoint, kill -9 and restart.

server = ServeProcess(data_dir, log_path, env={...}).start(block_at="inbox.work")
...                                   # send signed requests to server.url
server.wait_blocked("inbox.work")     # it printed LOTSE_TEST_BLOCKED inbox.work and stands still
server.kill()                         # SIGKILL, no clean-up of any kind
server.start()                        # same data dir, same port

`entry` names the module run with `python -m` (default `bot.cli.main`; `tests.support.serve_with_teams` adds a
token provider in place of Entra, so the process also serves Teams against the local stand-ins).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
STARTUP_TIMEOUT = 300.0  # loads the embedding model and the index before it listens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(api_url: str, secret: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LOTSE_", "CHROMA_")) and k not in ("PORT", "DATABASE_URL")
    }
    env.update(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=api_url,
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        TOKENIZERS_PARALLELISM="false",
    )
    return env


class ServeProcess:
    def __init__(
        self,
        data_dir: Path,
        log: Path,
        env: dict[str, str],
        port: int | None = None,
        entry: str = "bot.cli.main",
        knowledge: Path = KNOWLEDGE,
    ) -> None:
        self.data_dir = data_dir
        self.knowledge = knowledge
        self.entry = entry
        self.log = log
        self.env = env
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._log_start = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, block_at: str = "") -> ServeProcess:
        env = dict(self.env, LOTSE_TEST_BLOCK_AT=block_at)
        if self.entry.startswith("tests."):  # a test-side entry: the child runs elsewhere, so it needs the repo root
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
        command = [
            sys.executable,
            "-m",
            self.entry,
            "--data-dir",
            str(self.data_dir),
            "--knowledge-dir",
            str(self.knowledge),
            "serve",
            "--port",
            str(self.port),
        ]
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        with open(self.log, "ab") as err:  # cwd: no stray .env or ./data is picked up
            self.process = subprocess.Popen(
                command, cwd=self.log.parent, env=env, stdout=subprocess.DEVNULL, stderr=err
            )
        self._wait_listening()
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_blocked(self, name: str, timeout: float = 180.0) -> None:
        marker = f"LOTSE_TEST_BLOCKED {name}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in self.output()[self._log_start :]:
                return
            self._check_alive()
            time.sleep(0.1)
        raise AssertionError(f"lotse serve never reached {name}:\n{self.output()[-3000:]}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, the way a supervisor stops it; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def ensure_dead(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def _check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"lotse serve exited with {self.process.returncode}:\n{self.output()[-3000:]}")

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            self._check_alive()
            if f"port {self.port}" in self.output()[self._log_start :]:  # printed once the server runs
                return
            time.sleep(0.2)
        raise AssertionError(f"lotse serve did not listen on port {self.port}:\n{self.output()[-3000:]}")
