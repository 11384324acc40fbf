"""Cosine similarity with the embedding model, each text embedded once (passage sentences recur in every check).

A text not yet in memory is first looked up in the vector file beside the index (bot/vector_cache.py, kind
"passage"), where ingest keeps the verifier's passage sentences and clauses when a model is configured: a new
question then embeds only the answer's own sentences, in one call (`prepare`), not its passages'.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot import vector_cache

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

CACHED_TEXTS = 8192


class EmbeddingSimilarity:
    def __init__(
        self,
        embedder: Callable[[], Embedder],
        *,
        stored: Callable[[], Path | None] = vector_cache.current_directory,
    ) -> None:
        self._embedder = embedder
        self._stored = stored  # the directory of the vector file (None: memory only)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, left: list[str], right: list[str]) -> np.ndarray:
        vectors = self._vectors_of([*left, *right])
        a = np.stack([vectors[t] for t in left]) if left else np.zeros((0, 1))
        b = np.stack([vectors[t] for t in right]) if right else np.zeros((0, 1))
        return np.asarray(a @ b.T) if left and right else np.zeros((len(left), len(right)))

    def prepare(self, texts: list[str]) -> None:
        """Make sure every text of `texts` has its vector: one file lookup and one embedding call at most."""
        self._vectors_of(texts)

    def _vectors_of(self, texts: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if not missing:
            return known
        embedder = self._embedder()
        found = vector_cache.stored_vectors(self._stored(), embedder.name, missing, kind=vector_cache.PASSAGE)
        fresh = [t for t in missing if t not in found]
        new = dict(zip(fresh, _unit(embedder.embed_passages(fresh)), strict=True)) if fresh else {}
        if found:
            new |= dict(zip(found, _unit(np.stack(list(found.values()))), strict=True))
        with self._lock:
            for text, vector in new.items():
                self._vectors[text] = vector
                known[text] = vector
            while len(self._vectors) > CACHED_TEXTS:
                self._vectors.popitem(last=False)
        return known


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero), float32: the same for a vector embedded or read."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)
