"""Logging: quiet terminals, a log file in the data dir; message text only when debugging is on (privacy).

The CLI and the terminal chat show only what Lotse says to its user. Library logs (alembic, bm25s, chromadb),
Python warnings and Lotse's own operational lines go to `<data dir>/lotse.log`. `--verbose`, or setting
`LOTSE_LOG_LEVEL` explicitly, adds standard error; `lotse serve` logs to standard error as servers do.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from bot.settings import Settings

LOG_FILE = "lotse.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY = (
    "chromadb",
    "httpx",
    "sentence_transformers",
    "urllib3",
    "transformers",
    "bm25s",
    "matplotlib",
    "PIL",
    "apscheduler",
)
_MARK = "_lotse_handler"
# Libraries that may put a request body, and with it an employee's message, into a log line: slack_bolt logs the
# whole body of a request whose signature fails at INFO. Quiet below WARNING, and redacted (RedactLibraryText).
# openai and langchain log whole requests (the prompt) at DEBUG.
TALKATIVE = ("slack_bolt", "slack_sdk", "slack", "uvicorn.access", "starlette", "openai", "langchain", "langchain_core")
OWN = ("bot", "ingest", "__main__", "py", "alembic")  # Lotse, Python warnings, migrations: no user text


def configure_logging(settings: Settings, *, verbose: bool = False) -> Path | None:
    """Send logs to the data dir's log file (and to stderr when asked); returns the log file, if any."""
    _offline_environment()
    level = _level(settings)
    root = logging.getLogger()
    _remove_own_handlers(root)
    root.setLevel(min(level, logging.INFO) if verbose else level)
    logging.captureWarnings(True)
    log_file = _add_file_handler(root, settings.data_dir, level, settings.debug)
    if verbose or explicit_level(settings) or log_file is None:
        log_to_console(settings, logging.INFO if verbose and level > logging.INFO else level)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    for name in TALKATIVE:
        logging.getLogger(name).setLevel(logging.DEBUG if settings.debug else max(level, logging.WARNING))
    return log_file


def log_to_console(settings: Settings, level: int | None = None) -> None:
    """Also log to standard error (servers, --verbose, LOTSE_LOG_LEVEL)."""
    root = logging.getLogger()
    if any(getattr(h, _MARK, "") == "console" for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level if level is not None else _level(settings))
    _own(handler, "console", settings.debug)
    root.addHandler(handler)
    root.setLevel(min(root.level, handler.level))


def _add_file_handler(root: logging.Logger, data_dir: Path, level: int, debug: bool = False) -> Path | None:
    path = Path(data_dir) / LOG_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setLevel(level)
    _own(handler, "file", debug)
    root.addHandler(handler)
    return path


def _own(handler: logging.Handler, kind: str, debug: bool = False) -> None:
    handler.setFormatter(logging.Formatter(FORMAT))
    if not debug:
        handler.addFilter(RedactLibraryText())
    setattr(handler, _MARK, kind)


class RedactLibraryText(logging.Filter):
    """Privacy by default: a library's log line keeps its logger, level and exception type, not its text.

    Lotse's own lines never carry message text (see `text_for_log`); a library's may (a request body, an error
    quoting the payload), at any level, so without LOTSE_DEBUG their text is replaced by its length. Tracebacks of
    library errors are reduced to the exception type for the same reason.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] in OWN or getattr(record, "_lotse_redacted", False):
            return True
        try:
            length = len(record.getMessage())
        except Exception:  # noqa: BLE001 - a malformed library log call must not break logging
            length = -1
        kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        record.msg = f"<{length} chars withheld{'; ' + kind if kind else ''}; LOTSE_DEBUG=true shows them>"
        record.args = None
        record.exc_info = record.exc_text = record.stack_info = None
        record._lotse_redacted = True
        return True


def _remove_own_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _MARK, ""):
            root.removeHandler(handler)
            handler.close()


def explicit_level(settings: Settings) -> bool:
    """LOTSE_LOG_LEVEL (or LOG_LEVEL) set to a level: the user wants to see the log."""
    return "log_level" in settings.model_fields_set and bool(str(settings.log_level).strip())


def _level(settings: Settings) -> int:
    level = getattr(logging, str(settings.log_level).strip().upper() or "INFO", None)
    return level if isinstance(level, int) else logging.INFO


def _offline_environment() -> None:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def text_for_log(settings: Settings, text: str) -> str:
    """What a log line may say about a user's message: its text only when debugging is on."""
    if settings.debug:
        return repr(text[:500])
    return f"<{len(text)} chars>"
