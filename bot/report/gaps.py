"""Knowledge gaps: questions Lotse could not answer well, grouped by meaning.

A question is a gap signal when it was handed off for low confidence or its answer was rated not helpful.
Sensitive questions are never gap material (they go to a person by design, and their text is never quoted).

Clustering: average-linkage agglomerative clustering on cosine similarity with a fixed threshold, written on
numpy here on purpose: scipy/scikit-learn are not declared dependencies of Lotse (they are only present
transitively), a week has tens of such questions (O(n³) on n≈100 is instant), and a threshold on cosine
similarity is the knob we want to explain to contact people – not a number of clusters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import or_, select

from bot.report.period import Week
from bot.store.models import Exchange

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

SIMILARITY = 0.6  # default for `cluster`; the report uses the embedding model's cut-off (bot/calibration.yaml)
MAX_GAPS = 10
EXAMPLES = 2


@dataclass
class GapQuestion:
    text: str
    language: str
    reason: str  # "low_confidence" or "not_helpful"


@dataclass
class Gap:
    count: int
    low_confidence: int
    not_helpful: int
    language: str
    examples: list[str] = field(default_factory=list)  # empty when settings.report_examples is off
    document: str = ""
    title: str = ""
    section: str = ""
    similarity: float = 0.0  # cosine of the group's centre to that section

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def gap_questions(lotse: Lotse, week: Week) -> list[GapQuestion]:
    query = (
        select(Exchange.question, Exchange.language, Exchange.reason, Exchange.feedback)
        .where(
            Exchange.created_at >= week.start,
            Exchange.created_at < week.end,
            Exchange.question.is_not(None),
            or_(Exchange.reason.is_(None), Exchange.reason != "sensitive"),
            or_(Exchange.reason == "low_confidence", Exchange.feedback == "not_helpful"),
        )
        .order_by(Exchange.created_at, Exchange.id)
    )
    with lotse.store.session() as session:
        rows = session.execute(query).all()
    out = []
    for text, language, reason, _feedback in rows:
        if text and text.strip():
            kind = "low_confidence" if reason == "low_confidence" else "not_helpful"
            out.append(GapQuestion(text.strip(), language or "de", kind))
    return out


def cluster(vectors: np.ndarray, threshold: float = SIMILARITY) -> list[list[int]]:
    """Average-linkage agglomerative clustering; returns groups of row indices, biggest first."""
    n = len(vectors)
    if n == 0:
        return []
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1, norms)
    similarity = unit @ unit.T
    groups: list[list[int]] = [[i] for i in range(n)]
    while len(groups) > 1:
        best, pair = -2.0, (0, 0)
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                value = float(similarity[np.ix_(groups[a], groups[b])].mean())
                if value > best:
                    best, pair = value, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups[b])
        del groups[b]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def find_gaps(
    lotse: Lotse, week: Week, *, examples: bool | None = None, threshold: float | None = None, limit: int = MAX_GAPS
) -> list[Gap]:
    questions = gap_questions(lotse, week)
    if not questions:
        return []
    threshold = lotse.calibration.gap_similarity if threshold is None else threshold
    show = lotse.settings.report_examples if examples is None else examples
    vectors = np.asarray(lotse.embedder.embed_queries([q.text for q in questions]), dtype=np.float32)
    gaps = []
    for group in cluster(vectors, threshold)[:limit]:
        members = [questions[i] for i in group]
        centre = vectors[group].mean(axis=0)
        centre = centre / (np.linalg.norm(centre) or 1.0)
        order = sorted(range(len(group)), key=lambda j: -float(vectors[group[j]] @ centre))
        central = members[order[0]]
        languages = [m.language for m in members]
        language = max(set(languages), key=languages.count)
        gap = Gap(
            count=len(members),
            low_confidence=sum(m.reason == "low_confidence" for m in members),
            not_helpful=sum(m.reason == "not_helpful" for m in members),
            language=language,
        )
        if show:
            gap.examples = _examples([members[j].text for j in order])
        _closest_section(lotse, gap, central.text, central.language, centre)
        gaps.append(gap)
    return gaps


def _examples(texts: list[str]) -> list[str]:
    chosen: list[str] = []
    for text in texts:
        if text.casefold() not in {c.casefold() for c in chosen}:
            chosen.append(text)
        if len(chosen) == EXAMPLES:
            break
    return chosen


def _closest_section(lotse: Lotse, gap: Gap, text: str, language: str, centre: np.ndarray) -> None:
    """The guideline section the group came closest to (dense: the group's centre; lexical: its central question)."""
    try:
        result = lotse.retriever.search(text, language, k=1, query_vector=centre)
    except Exception:  # no index yet: the gap is still worth reporting
        return
    best = result.best
    if best is None:
        return
    gap.document = best.chunk.document
    gap.title = str(best.chunk.metadata.get("title", best.chunk.document))
    gap.section = best.chunk.section
    gap.similarity = round(float(best.dense), 3)
