"""Which scenario a person gets: never one they saw within a quarter; topics where recent questions and handoffs
cluster are picked more often. Deterministic per person and week (a retried send picks the same)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from bot.practice.scenarios import Scenario

QUARTER_DAYS = 91
RECENT_DAYS = 28
CLUSTER_BOOST = 3.0  # a topic with the most recent questions weighs 1 + 3 = 4 times an unasked one


def topic_weight(scenario: Scenario, counts: Mapping[str, int]) -> float:
    """1, plus up to CLUSTER_BOOST by how often recent questions / handoffs were about its topic or section."""
    top = max(counts.values(), default=0)
    if top <= 0:
        return 1.0
    hits = counts.get(scenario.topic, 0) + (counts.get(scenario.source.section, 0) if scenario.source else 0)
    return 1.0 + CLUSTER_BOOST * min(hits, top) / top


def choose(scenarios: Iterable[Scenario], seen: set[str], counts: Mapping[str, int], seed: str) -> Scenario | None:
    fresh = sorted((s for s in scenarios if s.id not in seen), key=lambda s: s.id)
    if not fresh:
        return None
    weights = [topic_weight(s, counts) for s in fresh]
    return random.Random(seed).choices(fresh, weights=weights, k=1)[0]
