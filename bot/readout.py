"""A linear read-out over sentence embeddings: P(class | text) from a softmax over stored weights.

Triage (is a message sensitive, and which category?) and the post check (is a draft risky, and on which topic?) ask
the same kind of question of the same embedding: a multinomial logistic regression over the query vector answers
it in one matrix product, offline, with no model beyond the packaged embedder. The weights are fitted once per
embedding model on labelled messages shipped with Lotse (bench/experiments/fit_*.py; the fit uses scikit-learn,
the run here only numpy) and stored as `<folder>/<model>.npz` (`classes`, `weights`, `bias`; a read-out that
also reads character n-grams (bot/char_ngrams.py) stores its `ngrams`, `idf` and `ngram_range` there too). Weights belong to one
embedding model: a model without its own file gets no read-out, never another model's (its geometry differs).
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.char_ngrams import CharNgrams

log = logging.getLogger(__name__)


def weights_file(folder: Path, model: str) -> Path:
    """`packaged:multilingual-e5-small` → `<folder>/packaged-multilingual-e5-small.npz`."""
    return Path(folder) / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', model).strip('-')}.npz"


@dataclass(frozen=True)
class Readout:
    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dimension [+ n-grams])
    bias: np.ndarray  # (classes,)
    source: str = ""
    ngrams: CharNgrams | None = None  # character n-grams read beside the embedding (bot/char_ngrams.py)

    @property
    def dimension(self) -> int:
        """The embedding size these weights are for (without the n-gram columns)."""
        return int(self.weights.shape[1]) - (self.ngrams.size if self.ngrams else 0)

    def features(self, vector: np.ndarray, text: str = "") -> np.ndarray:
        """The embedding, followed by the text's n-gram row when this read-out reads n-grams."""
        vector = np.asarray(vector, dtype=np.float32)
        if self.ngrams is None:
            return vector
        return np.concatenate([vector, self.ngrams.vectors([text])[0]])

    def probabilities(self, vector: np.ndarray, text: str = "") -> dict[str, float]:
        """class → probability for one embedding vector and the text behind it (the probabilities sum to 1)."""
        logits = self.weights @ self.features(vector, text) + self.bias
        logits = logits - logits.max()
        exp = np.exp(logits)
        shares = exp / exp.sum()
        return {name: float(p) for name, p in zip(self.classes, shares, strict=True)}

    def best(self, vector: np.ndarray, ignore: str, text: str = "") -> tuple[str, float]:
        """The most probable class other than `ignore` (the 'nothing to see' class), and 1 − P(ignore).

        The probability is that of *any* other class: a message torn between two sensitive categories is still
        sensitive (0.45 press + 0.45 crisis is 0.9 sensitive), and the category is the likelier of the two.
        """
        shares = self.probabilities(vector, text)
        name = max((c for c in self.classes if c != ignore), key=lambda c: shares[c])
        return name, 1.0 - shares.get(ignore, 0.0)

    def save(self, path: Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {  # Any: numpy's stub would read a value as its `allow_pickle` flag
            "classes": np.asarray(self.classes),
            "weights": self.weights.astype(np.float32),
            "bias": self.bias.astype(np.float32),
        }
        if self.ngrams is not None:
            arrays["ngrams"] = np.asarray(self.ngrams.vocabulary)
            arrays["idf"] = self.ngrams.idf
            arrays["ngram_range"] = np.asarray([self.ngrams.low, self.ngrams.high])
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> Readout:
        with np.load(path, allow_pickle=False) as data:
            classes = tuple(str(c) for c in data["classes"])
            weights, bias = data["weights"].astype(np.float32), data["bias"].astype(np.float32)
            ngrams = None
            if "ngrams" in data:
                low, high = (int(x) for x in data["ngram_range"])
                ngrams = CharNgrams(tuple(str(g) for g in data["ngrams"]), data["idf"].astype(np.float32), low, high)
        if ngrams is not None and ngrams.idf.shape != (ngrams.size,):
            raise ValueError(f"{path}: n-gram weights do not match the vocabulary")
        if weights.shape != (len(classes), weights.shape[1]) or bias.shape != (len(classes),):
            raise ValueError(f"{path}: weights do not match the classes")
        return cls(classes, weights, bias, str(path), ngrams)


@lru_cache(maxsize=16)
def readout_for(folder: str, model: str, dimension: int) -> Readout | None:
    """The read-out fitted for `model`, or None (no file, or one for another vector size)."""
    path = weights_file(Path(folder), model)
    if not path.is_file():
        return None
    try:
        readout = Readout.load(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("%s: read-out weights unusable (%s); continuing without them", path, exc)
        return None
    if readout.dimension != dimension:
        log.warning("%s: weights are for %d dimensions, the model has %d", path, readout.dimension, dimension)
        return None
    return readout
