"""Numbers that belong to an embedding model, not to a company: fusion, answer tiers, similarity cut-offs.

Cosines mean different things under different models (multilingual-e5-small puts almost everything between 0.75
and 1.0, all-MiniLM-L6-v2 between 0 and 1), so every cut-off is stored per model in `bot/calibration.yaml`.
A company may add or override a model's entry in `knowledge/calibration.yaml` (same layout), e.g. after running
`lotse eval answers --curve` for a model of its own. A model without an entry is never given another model's
numbers silently: Lotse warns once and falls back to the default model's entry (docs/triage.md, recalibrating).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.yaml_file import read_mapping

log = logging.getLogger(__name__)
PACKAGED = Path(__file__).with_name("calibration.yaml")
FILE_NAME = "calibration.yaml"


@dataclass(frozen=True)
class PerLanguage:
    de: float
    en: float

    def get(self, language: str) -> float:
        return self.de if language == "de" else self.en

    @classmethod
    def of(cls, value: Any) -> PerLanguage:
        if isinstance(value, (int, float)):
            return cls(float(value), float(value))
        return cls(float(value["de"]), float(value["en"]))


@dataclass(frozen=True)
class Calibration:
    model: str
    known: bool  # False: borrowed from the default model (warned)
    fusion_k: float
    view_offset: float  # subtracted from a question view's cosine (query-to-query scores run higher)
    lexical_weight: float
    rerank_weights: dict[str, float]
    confident: float  # answer probability at or above: a confident answer
    tentative: float  # at or above (and below `confident`): "Meinst du das?"; below: handoff
    sensitive: PerLanguage
    sensitive_margin: float
    # the sensitivity read-out (bot/triage/classifier.py): P(category) at or above `sensitive_classifier` hands off
    # on its own; at or above `sensitive_classifier_unsure` when the answer's probability is below
    # `sensitive_classifier_unsure_below` (default: `confident`, i.e. any answer that is not confident; 1.01 = off)
    sensitive_classifier: float
    sensitive_classifier_unsure: float
    sensitive_classifier_unsure_below: float
    requested: PerLanguage
    off_topic: PerLanguage
    domain_floor: float  # best passage cosine below which an unmarked message is off-topic (0 = off)
    postcheck_semantic: float
    postcheck_classifier: float  # P(risk topic) of a draft sentence at or above: a finding (1.01 = off)
    gap_similarity: float
    source: str = ""
    notes: dict[str, str] = field(default_factory=dict)


def _entry(model: str, data: dict[str, Any], source: str, known: bool) -> Calibration:
    try:
        answer, similarity = data["answer"], data["similarity"]
        return Calibration(
            model=model,
            known=known,
            fusion_k=float(data["fusion"]["k"]),
            view_offset=float(data["fusion"].get("view_offset", 0.0)),
            lexical_weight=float(data["fusion"]["lexical_weight"]),
            rerank_weights={str(k): float(v) for k, v in data["rerank"]["weights"].items()},
            confident=float(answer["confident"]),
            tentative=float(answer["tentative"]),
            sensitive=PerLanguage.of(similarity["sensitive"]),
            sensitive_margin=float(similarity.get("sensitive_margin", 0.0)),
            sensitive_classifier=float(similarity.get("sensitive_classifier", 1.01)),
            sensitive_classifier_unsure=float(similarity.get("sensitive_classifier_unsure", 1.01)),
            sensitive_classifier_unsure_below=float(
                similarity.get("sensitive_classifier_unsure_below", answer["confident"])
            ),
            requested=PerLanguage.of(similarity["requested"]),
            off_topic=PerLanguage.of(similarity["off_topic"]),
            domain_floor=float(similarity.get("domain_floor", 0.0)),
            postcheck_semantic=float(data["postcheck"]["semantic"]),
            postcheck_classifier=float(data["postcheck"].get("classifier", 1.01)),
            gap_similarity=float(data["report"]["gap_similarity"]),
            source=source,
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: calibration for {model!r} is incomplete or invalid ({exc})") from None


def _entries(path: Path) -> dict[str, dict[str, Any]]:
    data = read_mapping(path) or {}
    models = data.get("models") or {}
    if not isinstance(models, dict):
        raise ValueError(f"{path}: 'models' must be a mapping of model name to calibration")
    return models


@lru_cache(maxsize=16)
def _load(model: str, knowledge_dir: str, default_model: str) -> Calibration:
    company = Path(knowledge_dir) / FILE_NAME if knowledge_dir else None
    packaged = _entries(PACKAGED)
    entries = {**packaged, **(_entries(company) if company else {})}
    source = str(company) if company and model in _entries(company) else str(PACKAGED)
    if model in entries:
        return _entry(model, entries[model], source, known=True)
    log.warning(
        "no calibration for embedding model %r: using %r's thresholds until it is calibrated "
        "(`lotse eval answers --curve`, docs/triage.md)",
        model,
        default_model,
    )
    return _entry(model, entries[default_model], str(PACKAGED), known=False)


def calibration_for(model: str, knowledge_dir: Path | None = None) -> Calibration:
    from bot.embeddings import PACKAGED_MODEL

    return _load(model or PACKAGED_MODEL, str(knowledge_dir or ""), PACKAGED_MODEL)
