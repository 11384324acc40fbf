"""Triage: decide, before answering, whether a message must go to a person, is off-topic, or may be answered.

Order of checks (first hit wins):
  1. sensitive: a category of knowledge/triage.yaml matches by its terms (stemmed; the insider category also by the
     confidential names in knowledge/company.yaml, bot/triage/company_names.py), by a combination of word groups
     (disclosing + non-public + what it is about, in either language), by meaning (the message, numbers left
     out, is close to one of its examples) or by the shipped sensitivity read-out (bot/triage/classifier.py: a
     category's probability above the calibrated cut-off, a lower one when the answer is not confident)
     → handoff to the category's contact, every time;
  2. requested: an explicit wish for a human ("Kann ich mit einem Menschen sprechen?") → handoff;
  3. off_topic: nothing about social media in the message and off-topic vocabulary or examples match
     → out_of_scope with a friendly pointer;
  4. none: the answer model (bot/triage/answerability.py) puts the retrieval result in a tier: a confident answer,
     a tentative one ("Meinst du das?"), or a handoff with reason low_confidence.
All cut-offs come from the embedding model's calibration (bot/calibration.yaml), never from another model's.
The embedded question from retrieval (`result.query_vector`) is reused unless the message holds numbers (then it is
embedded once more without them); category examples are embedded once, without their numbers too.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.calibration import Calibration, calibration_for
from bot.triage.answerability import AnswerModel, Tier
from bot.triage.classifier import ORDINARY_CLASS, sensitivity_readout
from bot.triage.company_names import confidential_names, with_company_names
from bot.triage.config import FILE_NAME, TriageConfig, load_config_or_default
from bot.triage.decision import TriageDecision
from bot.triage.matching import (
    CompiledCombination,
    ExampleIndex,
    MessageTokens,
    Term,
    compile_terms,
    without_numbers,
)

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder
    from bot.retrieval.hybrid import RetrievalResult
    from bot.settings import Settings

log = logging.getLogger(__name__)
REQUESTED = "__requested__"
OFF_TOPIC = "__off_topic__"
ORDINARY = "__ordinary__"


class Triage:
    def __init__(
        self,
        config: TriageConfig,
        embedder: Embedder,
        calibration: Calibration | None = None,
        *,
        min_confidence: float | None = None,
        source: str = f"knowledge/{FILE_NAME}",
    ) -> None:
        self.config = config
        self.embedder = embedder
        self.source = source
        self.calibration = calibration or calibration_for(embedder.name)
        self.answer_model = AnswerModel.from_calibration(self.calibration, min_confidence)
        self.terms: dict[str, list[Term]] = {c.name: compile_terms(c.terms_de, c.terms_en) for c in config.sensitive}
        self.combinations: dict[str, list[CompiledCombination]] = {
            c.name: [CompiledCombination.of(combination.groups) for combination in c.combinations]
            for c in config.sensitive
        }
        self.requested_terms = compile_terms(config.requested.terms_de, config.requested.terms_en)
        self.off_topic_terms = compile_terms(config.off_topic.terms_de, config.off_topic.terms_en)
        domain = config.off_topic.domain_terms
        self.domain_terms = compile_terms(domain, domain)
        examples = {c.name: [text for text, _ in c.examples] for c in config.sensitive}
        examples[REQUESTED] = [text for text, _ in config.requested.examples]
        examples[OFF_TOPIC] = [text for text, _ in config.off_topic.examples]
        examples[ORDINARY] = [text for text, _ in config.ordinary.examples]
        self.examples = ExampleIndex.build(embedder, examples)
        self._contacts = {c.name: c.contact for c in config.sensitive}
        self.readout = sensitivity_readout(embedder)

    @classmethod
    def load(cls, knowledge_dir: Path, embedder: Embedder, settings: Settings | None = None) -> Triage:
        path = Path(knowledge_dir) / FILE_NAME
        override = getattr(settings, "min_confidence", None) if settings is not None else None
        calibration = calibration_for(embedder.name, Path(knowledge_dir))
        config, source = load_config_or_default(path)
        config = with_company_names(config, confidential_names(Path(knowledge_dir)))
        if config.confidence is not None or config.similarity is not None:
            log.warning(
                "%s: 'confidence' and 'similarity' are no longer read; cut-offs are calibrated per embedding "
                "model in bot/calibration.yaml or knowledge/calibration.yaml (docs/triage.md)",
                source,
            )
        return cls(config, embedder, calibration, min_confidence=override, source=source)

    # --- the public face ---------------------------------------------------------------------------------
    def routing(self) -> dict[str, str]:
        """category → contact role, for HandoffService.set_routing."""
        return self.config.routing()

    @property
    def threshold(self) -> float:
        return self.answer_model.confident

    def confidence(self, result: RetrievalResult) -> float:
        return self.answer_model.score(result)

    def tier(self, result: RetrievalResult) -> Tier:
        return self.answer_model.tier(result)

    def confident(self, result: RetrievalResult) -> bool:
        return self.answer_model.tier(result) == "confident"

    def assess(self, text: str, language: str, result: RetrievalResult | None = None) -> TriageDecision:
        vector = self._vector(text, result)
        tokens = MessageTokens(text, language)
        similar = self.examples.best(vector)
        sim = self.calibration

        contrast = similar.get(ORDINARY, (0.0, ""))[0]
        requested_terms = tokens.matching(self.requested_terms)
        in_domain = bool(tokens.matching(self.domain_terms))
        off_terms = [] if in_domain else tokens.matching(self.off_topic_terms)
        guess = self._classifier_guess(vector, result, without_numbers(text) or text)
        sensitive = self._sensitive(
            tokens, similar, sim.sensitive.get(language), contrast + sim.sensitive_margin, guess
        )
        by_meaning_only = sensitive is not None and all(m.startswith("~") for m in sensitive.matched)
        # an explicit wish for a person, or plain off-topic words ("Drucker", "VPN"), beat a category found only by
        # meaning; a category's own terms always win
        if sensitive is not None and not (by_meaning_only and (requested_terms or off_terms)):
            return sensitive

        requested_sim, requested_example = similar.get(REQUESTED, (0.0, ""))
        if requested_terms or requested_sim >= sim.requested.get(language):
            matched = tuple(requested_terms) or (f"~{requested_example}",)
            return TriageDecision(
                kind="requested",
                category=None,
                contact_role=self.config.requested.contact,
                score=max(requested_sim, 1.0 if requested_terms else 0.0),
                matched=matched,
            )

        if not in_domain:
            off_sim, off_example = similar.get(OFF_TOPIC, (0.0, ""))
            if off_terms or off_sim >= sim.off_topic.get(language):
                matched = tuple(off_terms) or (f"~{off_example}",)
                return TriageDecision(kind="off_topic", score=off_sim, matched=matched)
            if result is not None and result.best is not None and result.top_dense < sim.domain_floor:
                return TriageDecision(kind="off_topic", score=result.top_dense, matched=("~far from the knowledge",))
        return TriageDecision()

    # --- internals -----------------------------------------------------------------------------------------
    def _vector(self, text: str, result: RetrievalResult | None) -> np.ndarray:
        meaning = without_numbers(text)  # "Halle 3", "Variante 3", a date: not what makes a message sensitive
        if meaning != text.strip():
            return self.embedder.embed_query(meaning or text)
        if result is not None and result.query_vector is not None and result.query.strip() == text.strip():
            return result.query_vector
        return self.embedder.embed_query(text)  # a follow-up was searched with the thread's question prepended

    def _classifier_guess(
        self, vector: np.ndarray, result: RetrievalResult | None, text: str = ""
    ) -> tuple[str, float] | None:
        """(category, probability) when the read-out puts the message in a category this company routes."""
        if self.readout is None:
            return None
        name, probability = self.readout.best(vector, ignore=ORDINARY_CLASS, text=text)
        if name not in self._contacts:  # the company switched that category off
            return None
        if probability >= self.calibration.sensitive_classifier:
            return name, probability
        unsure = result is None or self.answer_model.score(result) < self.calibration.sensitive_classifier_unsure_below
        if unsure and probability >= self.calibration.sensitive_classifier_unsure:
            return name, probability
        return None

    def _sensitive(
        self,
        tokens: MessageTokens,
        similar: dict[str, tuple[float, str]],
        minimum: float,
        contrast: float = 0.0,
        guess: tuple[str, float] | None = None,
    ) -> TriageDecision | None:
        best: tuple[float, str, tuple[str, ...], float] | None = None
        for category in self.config.sensitive:
            found = tokens.matching(self.terms[category.name])
            found += [hit for c in self.combinations[category.name] if (hit := c.found_in(tokens)) is not None]
            similarity, example = similar.get(category.name, (0.0, ""))
            close = similarity >= minimum and similarity > contrast  # nearer this category than any rule question
            read = guess[1] if guess is not None and guess[0] == category.name else None
            if not found and not close and read is None:
                continue
            rank = (1.0 if found else 0.0) + max(similarity, read or 0.0) + 0.01 * len(found)
            matched = tuple(found) + ((f"~{example}",) if close else ())
            matched += (f"~classifier p={read:.2f}",) if read is not None else ()
            similarity = max(similarity, read or 0.0)
            if best is None or rank > best[0]:
                best = (rank, category.name, matched, similarity)
        if best is None:
            return None
        _, name, matched, similarity = best
        return TriageDecision(
            kind="sensitive",
            category=name,
            contact_role=self._contacts[name],
            score=round(max(similarity, 1.0 if not matched[0].startswith("~") else similarity), 4),
            matched=matched,
        )
