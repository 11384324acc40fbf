"""Query vectors of fixed texts (triage examples, post-check passages and guideline sentences) kept on disk beside
the index, so a new process does not embed them again.

One small SQLite file (`<data dir>/index/query-vectors.sqlite`) maps (embedding model, text) to the float32
vector of `embed_queries([text])`. A `lotse ask` process then loads the few hundred triage examples in a few
milliseconds instead of embedding them at every start (issue 19). Keyed by model name and the exact text: a
changed example or another model simply misses and is embedded (and stored) again; stale rows cost only disk.

The cache is an optimisation only: a read-only or broken file is logged and the vectors are embedded as before.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
FILE_NAME = "query-vectors.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL)"

_directory: Path | None = None
_lock = threading.Lock()


def use_directory(directory: Path | None) -> None:
    """Keep vectors in `directory` from now on (None: in memory only). Called by the composition root."""
    global _directory
    with _lock:
        _directory = Path(directory) if directory is not None else None


def current_directory() -> Path | None:
    return _directory


def _key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


def cached_queries(model: str, texts: list[str], embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """The query vectors of `texts`, read from disk where known; the missing ones embedded and stored."""
    directory = _directory
    if directory is None or not texts:
        return embed(list(texts))
    try:
        return _through_file(directory / FILE_NAME, model, texts, embed)
    except (sqlite3.Error, OSError, ValueError) as exc:
        log.warning("triage vector cache %s not usable (%s); embedding without it", directory / FILE_NAME, exc)
        return embed(list(texts))


def _through_file(path: Path, model: str, texts: list[str], embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = [_key(model, text) for text in texts]
    with _lock, sqlite3.connect(path, timeout=10) as connection:
        connection.execute(_SCHEMA)
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # SQLite's bound-parameter limit
            batch = unique[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", batch)
            found.update({key: blob for key, blob in rows})
        missing = [text for text, key in zip(texts, keys, strict=True) if key not in found]
        if missing:
            missing = list(dict.fromkeys(missing))
            fresh = np.asarray(embed(missing), dtype=np.float32)
            rows_in = [(_key(model, t), model, v.tobytes()) for t, v in zip(missing, fresh, strict=True)]
            connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows_in)
            found.update({key: blob for key, _, blob in rows_in})
    return np.stack([np.frombuffer(found[key], dtype=np.float32) for key in keys])


def fixed_vectors(embedder: Any, texts: list[str]) -> np.ndarray:
    """`embedder.embed_queries(texts)` through the cache, keyed by the embedder's name (none: not cached)."""
    name = getattr(embedder, "name", None)
    if not name:
        return np.asarray(embedder.embed_queries(list(texts)))
    return cached_queries(str(name), list(texts), embedder.embed_queries)
