"""Reading labelled JSON Lines sets with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class LabelledSetError(ValueError):
    """A labelled set that cannot be read or lacks a field; the message names file and line."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelledSetError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise LabelledSetError(f"{path}:{number}: expected a JSON object")
        rows.append(row)
    return rows
