"""The one fit behind the shipped read-outs (bot/readout.py): a balanced multinomial logistic regression over
embedding vectors (and, for the post check, character n-grams beside them), with scikit-learn (a dependency of
sentence-transformers); used by fit_sensitivity.py and fit_postcheck.py."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from bot.char_ngrams import CharNgrams
from bot.readout import Readout


def fit_readout(vectors: np.ndarray, targets: list[str], c: float) -> Readout:
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(vectors, targets)
    return Readout(tuple(str(x) for x in model.classes_), model.coef_.astype(np.float32), model.intercept_)


def fit_readout_with_ngrams(
    vectors: np.ndarray, texts: list[str], targets: list[str], c: float, max_features: int
) -> Readout:
    """The embedding and the texts' character n-grams (vocabulary fitted on these texts) in one regression."""
    ngrams = CharNgrams.fitted(texts, max_features=max_features)
    features = np.hstack([np.asarray(vectors, dtype=np.float32), ngrams.vectors(texts)])
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(features, targets)
    classes = tuple(str(x) for x in model.classes_)
    return Readout(classes, model.coef_.astype(np.float32), model.intercept_, ngrams=ngrams)
