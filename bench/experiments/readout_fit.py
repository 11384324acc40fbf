"""The one fit behind the shipped read-outs (bot/readout.py): a balanced multinomial logistic regression over
embedding vectors, with scikit-learn (a dependency of sentence-transformers); used by fit_sensitivity.py and
fit_postcheck.py."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from bot.readout import Readout


def fit_readout(vectors: np.ndarray, targets: list[str], c: float) -> Readout:
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(vectors, targets)
    return Readout(tuple(str(x) for x in model.classes_), model.coef_.astype(np.float32), model.intercept_)
