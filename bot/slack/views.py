"""Reading what Slack sends back from buttons and modals: action values, input values, private metadata."""

from __future__ import annotations

import json
from typing import Any


def action_value(body: dict[str, Any]) -> str:
    return str((body.get("actions") or [{}])[0].get("value") or "")


def action_id_number(body: dict[str, Any]) -> int | None:
    """The numeric id a button carries (an exchange, a handoff, a post check), or None."""
    try:
        return int(action_value(body))
    except ValueError:
        return None


def input_value(view: dict[str, Any], block_id: str, action_id: str) -> Any:
    state = (view.get("state") or {}).get("values") or {}
    element = (state.get(block_id) or {}).get(action_id) or {}
    if element.get("type") == "checkboxes":
        return [o.get("value") for o in element.get("selected_options") or []]
    if element.get("type") == "static_select":
        return (element.get("selected_option") or {}).get("value")
    if element.get("type") == "datepicker":
        return element.get("selected_date")
    return element.get("value")


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def clicked_channel(body: dict[str, Any]) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
