"""Private replies through a `response_url` (slash commands, buttons), retried like every Web API call.

Bolt's own `respond` posts with a bare WebhookClient, so one 429 or 5xx from Slack would lose the reply; this
WebhookClient carries the same slack_sdk retry handlers as `make_client` (Retry-After is honoured).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk.webhook import WebhookClient

from bot.slack.app import retry_handlers

log = logging.getLogger(__name__)


def respond(response_url: str, text: str, blocks: Sequence[dict[str, Any]] | None = None) -> bool:
    """Post an ephemeral message (never replacing the original) to `response_url`; True when Slack took it."""
    client = WebhookClient(url=response_url, retry_handlers=retry_handlers(), timeout=30)
    response = client.send(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
    if response.status_code != 200:
        log.error("reply via response_url failed: HTTP %s", response.status_code)
    return response.status_code == 200
