"""The shipped sensitivity read-out: which sensitive category a message is about, by meaning, in words no list holds.

Terms, combinations and a company's examples (bot/triage/matching.py) catch what someone wrote down. A new company
has written nothing down, and employees rarely use the listed words ("die Quartalsprognose, die der CFO intern
gezeigt hat"). This read-out (bot/readout.py) was fitted on ~1,100 labelled, company-neutral messages
(bot/triage/training/sensitivity.jsonl: ten categories, German and English, with hard negatives that share words
with sensitive ones) plus the tuning sets, and gives P(category | message) from the same embedding triage already
computes. Weights per embedding model live in bot/triage/sensitivity/<model>.npz; refit them with
`python bench/experiments/fit_sensitivity.py --save` after changing the training set or the model.

The cut-offs are the embedding model's calibration (`similarity.sensitive_classifier` alone,
`similarity.sensitive_classifier_unsure` when the answer's probability is below
`similarity.sensitive_classifier_unsure_below`); a company can lower or raise them in
knowledge/calibration.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.readout import Readout, readout_for

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

FOLDER = Path(__file__).with_name("sensitivity")
ORDINARY_CLASS = "ordinary"


def sensitivity_readout(embedder: Embedder) -> Readout | None:
    """The read-out fitted for this embedding model, or None (then triage works from terms and examples alone)."""
    return readout_for(str(FOLDER), embedder.name, embedder.dimension)
