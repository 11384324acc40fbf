"""Which files an ingest run looks at: supported formats below the given paths, minus `.lotseignore`."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ingest.loaders import supported

IGNORE_FILE = ".lotseignore"


def _ignore_patterns(root: Path) -> list[str]:
    try:
        lines = (root / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _ignored(relative: str, patterns: list[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern):
            return True
        if pattern.endswith("/**") and relative.startswith(pattern[:-3] + "/"):
            return True
    return False


def scan(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files to ingest, explicitly named files that are not supported)."""
    files: list[Path] = []
    unsupported: list[Path] = []
    for path in paths:
        path = path.resolve()
        if path.is_file():
            (files if supported(path) else unsupported).append(path)
            continue
        if not path.is_dir():
            unsupported.append(path)
            continue
        patterns = _ignore_patterns(path)
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path).as_posix()
            if any(part.startswith(".") for part in relative.split("/")):
                continue
            if candidate.is_file() and not _ignored(relative, patterns) and supported(candidate):
                files.append(candidate)
    return sorted(set(files)), unsupported
