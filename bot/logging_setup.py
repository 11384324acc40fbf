"""Logging: levels from settings; message text only when debugging is switched on (privacy)."""

from __future__ import annotations

import logging
import os

from bot.settings import Settings

_configured = False


def configure_logging(settings: Settings) -> None:
    global _configured
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if _configured:
        return
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("chromadb", "httpx", "sentence_transformers", "urllib3", "transformers"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    _configured = True


def text_for_log(settings: Settings, text: str) -> str:
    """What a log line may say about a user's message: its text only when debugging is on."""
    if settings.debug:
        return repr(text[:500])
    return f"<{len(text)} chars>"
