"""Coverage of the question by a passage, and the threshold curve used to calibrate the answer tiers.

  - coverage: the share of the question's content words (stemmed, umlauts folded) that occur in the best-ranked
    passage (its text and section heading). It catches the typical uncovered in-domain question, which shares the
    platform vocabulary with the guideline ("LinkedIn", "posten") but hinges on a word the guideline never uses
    ("Emojis", "Premium", "carousel").
The answer model that uses it is bot/triage/answerability.py; its cut-offs live per embedding model in
bot/calibration.yaml. `lotse eval triage --curve` prints covered-answered / uncovered-withheld for every threshold
so another model or knowledge base can be recalibrated (docs/triage.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    pass


# --- calibration -------------------------------------------------------------------------------------------
def curve(
    covered: list[float], uncovered: list[float], steps: int = 41, low: float = 0.0, high: float = 1.0
) -> list[dict[str, float]]:
    """For thresholds from low to high: the share of covered questions answered and of uncovered withheld."""
    points = []
    for i in range(steps):
        threshold = round(low + (high - low) * i / (steps - 1), 3)
        answered = sum(s >= threshold for s in covered) / len(covered) if covered else 0.0
        withheld = sum(s < threshold for s in uncovered) / len(uncovered) if uncovered else 0.0
        points.append(
            {"threshold": threshold, "covered_answered": round(answered, 3), "uncovered_withheld": round(withheld, 3)}
        )
    return points


def suggest(points: list[dict[str, float]], min_withheld: float = 0.9) -> dict[str, float] | None:
    """The documented rule: never a threshold at which a sensitive message that no category caught would be
    answered (`sensitive_answered`, from the confidence gate); among the rest, the lowest threshold that withholds
    at least `min_withheld` of the uncovered questions (a made-up answer is worse than an unnecessary handoff)
    and answers the most covered ones."""
    safe = [p for p in points if not p.get("sensitive_answered", 0)]
    eligible = [p for p in safe if p["uncovered_withheld"] >= min_withheld]
    if not eligible:
        return max(safe, key=lambda p: (p["uncovered_withheld"], p["covered_answered"]), default=None)
    return max(eligible, key=lambda p: (p["covered_answered"], -p["threshold"]))
