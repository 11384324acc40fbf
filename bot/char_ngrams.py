"""Character n-gram features over a fixed vocabulary: the words a risk hides in, which one embedding of a whole
draft blurs ("noch nicht offiziell", "🤫", "Verfahren", "Kurzarbeit", numbers written as words).

A read-out (bot/readout.py) may carry these beside the embedding: its weights then cover the embedding's
dimensions followed by one per n-gram. The vocabulary and inverse document frequencies are fitted with the weights
(bench/experiments/readout_fit.py) and stored in the same file. scikit-learn's TfidfVectorizer (a dependency of
sentence-transformers) cuts the n-grams at fit and at run time alike, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.feature_extraction.text import TfidfVectorizer

ANALYZER = "char_wb"  # n-grams inside word boundaries: German compounds share their parts


def vectorizer(low: int, high: int, max_features: int | None = None) -> TfidfVectorizer:
    """The one configuration behind fit and run time (sublinear counts, L2-normalised, lower case)."""
    # imported here: scikit-learn takes over a second to import, and only a read-out with n-grams needs it
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=ANALYZER,
        ngram_range=(low, high),
        min_df=2,
        sublinear_tf=True,
        lowercase=True,
        max_features=max_features,
        dtype=np.float32,
    )


@dataclass(frozen=True)
class CharNgrams:
    vocabulary: tuple[str, ...]
    idf: np.ndarray  # (len(vocabulary),)
    low: int = 3
    high: int = 5

    @property
    def size(self) -> int:
        return len(self.vocabulary)

    @cached_property
    def _vectorizer(self) -> TfidfVectorizer:
        fitted = vectorizer(self.low, self.high)
        fitted.vocabulary = {gram: k for k, gram in enumerate(self.vocabulary)}
        fitted.idf_ = np.asarray(self.idf, dtype=np.float32)  # fixed vocabulary and idf: nothing left to fit
        return fitted

    def vectors(self, texts: list[str]) -> np.ndarray:
        """(len(texts), size): one L2-normalised TF-IDF row per text."""
        if not texts:
            return np.zeros((0, self.size), dtype=np.float32)
        return np.asarray(self._vectorizer.transform(texts).toarray(), dtype=np.float32)

    @classmethod
    def fitted(cls, texts: list[str], low: int = 3, high: int = 5, max_features: int = 20000) -> CharNgrams:
        model = vectorizer(low, high, max_features)
        model.fit(texts)
        vocabulary = sorted(model.vocabulary_, key=model.vocabulary_.__getitem__)
        return cls(tuple(vocabulary), np.asarray(model.idf_, dtype=np.float32), low, high)
