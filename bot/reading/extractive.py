"""Today's answer, unchanged: quote the best passage (confident) or offer it with a doubt (tentative)."""

from __future__ import annotations

from bot.compose import compose, compose_tentative
from bot.reading.reader import Reading, ReadingRequest


class ExtractiveReader:
    def read(self, request: ReadingRequest) -> Reading:
        if request.tier == "none" or not request.hits:
            return Reading(answer="", sources=[], tier="none")
        if request.tier == "tentative":
            composition = compose_tentative(request.question, request.language, request.hits, request.contact)
        else:
            composition = compose(request.question, request.language, request.hits)
        return Reading(answer=composition.answer, sources=composition.sources, tier=request.tier)
