"""Classifier: Lotse's risk read-out over the draft's embedding: is it risky, and on which topic?

Explicit rules catch what someone wrote down; a teaser for an unannounced product at the next trade fair, a
competitor's machines called junk in words no list holds, or a comment on a lawsuit against a former manager
pass them. This rule reads what no other rule flagged (the draft without the sentences of earlier findings) with
the shipped read-out (bot/readout.py): a multinomial logistic regression over the query embedding and the draft's
character n-grams (bot/char_ngrams.py: the words a risk hides in, which one embedding of a whole draft blurs), fitted
on the company-neutral drafts in bot/postcheck/training/drafts*.jsonl (bench/experiments/fit_postcheck.py). At or above
the threshold (the rule's own, else the embedding model's calibrated `postcheck.classifier`), the likeliest topic
becomes a finding with that topic's severity and message; it quotes the sentence that reads riskiest.

Weights belong to one embedding model (`bot/postcheck/classifier/<model>.npz`): a model without its own file
gets no read-out, and the rule finds nothing (said once in the log).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.postcheck.kinds.base import SEMANTIC_CHARS, SENTENCE_CHARS, Environment, Hit, Matcher, Post, embed_sentences
from bot.postcheck.text import Sentence
from bot.readout import Readout, readout_for

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parents[1] / "classifier"
OK_CLASS = "ok"  # the training drafts' "nothing to see" class
MIN_WORDS = 3  # sentences shorter than this are neither scored for the quote nor embedded by the fit


class ClassifierMatcher(Matcher):
    def __init__(self, rule: Any, env: Environment, folder: Path | None = None) -> None:
        super().__init__(rule, env)
        self.folder = Path(folder or FOLDER)
        self._warned = False

    def _skip(self, reason: str, *args: Any) -> None:
        if not self._warned:
            log.warning("classifier rule %s finds nothing: " + reason, self.rule.id, *args)
            self._warned = True

    def readout(self) -> Readout | None:
        if self.env.embedder is None:
            self._skip("no embedder")
            return None
        embedder = self.env.embedder()
        name, dimension = getattr(embedder, "name", ""), int(getattr(embedder, "dimension", 0))
        try:
            readout = readout_for(str(self.folder), name, dimension)
        except Exception as exc:  # noqa: BLE001 - unusable weights must not take the check down
            self._skip("read-out weights unusable (%s)", type(exc).__name__)
            return None
        if readout is None:
            self._skip("no usable read-out weights for embedding model %s in %s", name, self.folder)
        elif OK_CLASS not in readout.classes:
            self._skip("read-out %s has no %r class", readout.source, OK_CLASS)
            return None
        return readout

    def threshold(self) -> float:
        """The rule's own threshold, or the cut-off calibrated for the embedding model (bot/calibration.yaml)."""
        if self.rule.threshold is not None:
            return float(self.rule.threshold)
        from bot.calibration import calibration_for

        name = getattr(self.env.embedder(), "name", "") if self.env.embedder is not None else ""
        return calibration_for(name).postcheck_classifier

    def find(self, post: Post) -> list[Hit]:
        readout = self.readout()
        if readout is None:
            return []
        unflagged = [s for s in post.sentences if not any(a < s.end and s.start < b for a, b in post.flagged)]
        if not unflagged:
            return []
        text = post.text if len(unflagged) == len(post.sentences) else " ".join(s.text for s in unflagged)
        text = text[:SEMANTIC_CHARS]
        vector = embed_sentences(self.env.embedder(), [text])[0]  # type: ignore[misc]
        topic, risk = readout.best(vector, ignore=OK_CLASS, text=text)
        if risk < self.threshold() or topic not in self.rule.topics:
            return []
        start, end = self._riskiest(post, readout, unflagged)
        return [Hit(start, end, detail=f"{topic} {risk:.2f}", topic=topic)]

    def _riskiest(self, post: Post, readout: Readout, unflagged: list[Sentence]) -> tuple[int, int]:
        """The span of the unflagged sentence that reads riskiest (the longest one if none has enough words)."""
        chosen, matrix = post.sentence_embeddings(MIN_WORDS)
        starts = {s.start for s in unflagged}
        scored = [
            (readout.best(matrix[k], ignore=OK_CLASS, text=s.text[:SENTENCE_CHARS])[1], s)
            for k, s in enumerate(chosen)
            if matrix is not None and s.start in starts
        ]
        if scored:
            sentence = max(scored, key=lambda pair: pair[0])[1]
        else:
            sentence = max(unflagged, key=lambda s: len(s.text))
        return sentence.start, sentence.end
