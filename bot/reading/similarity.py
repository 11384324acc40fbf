"""Cosine similarity with the embedding model, each text embedded once (passage sentences recur in every check)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

CACHED_TEXTS = 8192


class EmbeddingSimilarity:
    def __init__(self, embedder: Callable[[], Embedder]) -> None:
        self._embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, left: list[str], right: list[str]) -> np.ndarray:
        vectors = self._vectors_of([*left, *right])
        a = np.stack([vectors[t] for t in left]) if left else np.zeros((0, 1))
        b = np.stack([vectors[t] for t in right]) if right else np.zeros((0, 1))
        return np.asarray(a @ b.T) if left and right else np.zeros((len(left), len(right)))

    def _vectors_of(self, texts: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            embedded = np.asarray(self._embedder().embed_passages(missing), dtype=np.float32)
            norms = np.linalg.norm(embedded, axis=1, keepdims=True)
            embedded = (embedded / np.where(norms == 0, 1.0, norms)).astype(np.float32)
            with self._lock:
                for text, vector in zip(missing, embedded, strict=True):
                    self._vectors[text] = vector
                    known[text] = vector
                while len(self._vectors) > CACHED_TEXTS:
                    self._vectors.popitem(last=False)
        return known
