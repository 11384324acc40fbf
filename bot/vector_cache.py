"""Query vectors of fixed texts (triage examples, post-check passages and guideline sentences) kept on disk beside
the index, so a new process does not embed them again.

One small SQLite file (`<data dir>/index/query-vectors.sqlite`) maps (embedding model, text) to the float32
vector of `embed_queries([text])`. A `lotse ask` process then loads the few hundred triage examples in a few
milliseconds instead of embedding them at every start (issue 19). Keyed by model name and the exact text: a
changed example or another model simply misses and is embedded (and stored) again; stale rows cost only disk.

With a language model configured, ingest also keeps here the passage vectors (`embed_passages`, kind "passage")
of the sentences and clauses the answer verifier compares a model's answer with (ingest/verifier_vectors.py), so a
first question about a passage does not embed them (bot/reading/similarity.py).

The cache is an optimisation only: a read-only or broken file is logged and the vectors are embedded as before.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
FILE_NAME = "query-vectors.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL)"
QUERY, PASSAGE = "query", "passage"  # what the vector is: embed_queries or embed_passages of the text
_BOUND = 500  # SQLite's bound-parameter limit, with room

_directory: Path | None = None
_lock = threading.Lock()


def use_directory(directory: Path | None) -> None:
    """Keep vectors in `directory` from now on (None: in memory only). Called by the composition root."""
    global _directory
    with _lock:
        _directory = Path(directory) if directory is not None else None


def current_directory() -> Path | None:
    return _directory


def _key(model: str, text: str, kind: str = QUERY) -> str:
    """Query keys keep their first form, so files written before passages were kept stay valid."""
    scope = model if kind == QUERY else f"{model}\0{kind}"
    return hashlib.sha256(f"{scope}\0{text}".encode()).hexdigest()


def _select(connection: sqlite3.Connection, keys: list[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _BOUND):
        batch = unique[start : start + _BOUND]
        marks = ",".join("?" * len(batch))
        rows = connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", batch)
        found.update({key: blob for key, blob in rows})
    return found


def stored_vectors(directory: Path | None, model: str, texts: list[str], *, kind: str) -> dict[str, np.ndarray]:
    """The vectors the file holds for `texts` (text → vector); a lookup only: nothing is embedded or written."""
    path = directory / FILE_NAME if directory is not None else None
    if path is None or not texts or not path.exists():
        return {}
    keys = {_key(model, text, kind): text for text in texts}
    try:
        with _lock, closing(sqlite3.connect(path, timeout=10)) as connection:
            connection.execute(_SCHEMA)
            found = _select(connection, list(keys))
    except (sqlite3.Error, OSError) as exc:
        log.warning("vector cache %s not usable (%s); embedding without it", path, exc)
        return {}
    return {keys[key]: np.frombuffer(blob, dtype=np.float32) for key, blob in found.items()}


def store_vectors(directory: Path, model: str, texts: list[str], vectors: np.ndarray, *, kind: str) -> None:
    """Keep `vectors` (one row per text) for later processes."""
    path = directory / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        (_key(model, t, kind), model, np.asarray(v, dtype=np.float32).tobytes())
        for t, v in zip(texts, vectors, strict=True)
    ]
    with _lock, closing(sqlite3.connect(path, timeout=10)) as connection, connection:
        connection.execute(_SCHEMA)
        connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)


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
        found = _select(connection, keys)
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
