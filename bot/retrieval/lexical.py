"""BM25 over the index's chunks (bm25s), analysed per chunk language."""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
import numpy as np

from bot.retrieval.analysis import analyze
from ingest.index_store import StoredChunk


@dataclass
class LexicalIndex:
    chunks: list[StoredChunk]
    model: bm25s.BM25 | None

    @classmethod
    def build(cls, chunks: list[StoredChunk], extra: dict[int, str] | None = None) -> LexicalIndex:
        """BM25 over the passages; `extra` adds text to a passage (its typical questions)."""
        if not chunks:
            return cls(chunks, None)
        extra = extra or {}
        corpus = [
            analyze(f"{c.embed_text}\n{extra.get(i, '')}", c.language or "de") or ["∅"] for i, c in enumerate(chunks)
        ]
        model = bm25s.BM25(k1=1.2, b=0.75)
        model.index(corpus, show_progress=False)
        return cls(chunks, model)

    def search(self, query: str, language: str, n: int) -> list[tuple[int, float]]:
        """(chunk position, BM25 score), best first; analysed with both stemmers so either language hits."""
        if self.model is None:
            return []
        tokens = analyze(query, language)
        tokens += [t for t in analyze(query, "en" if language == "de" else "de") if t not in tokens]
        known = [t for t in tokens if t in self.model.vocab_dict]
        if not known:
            return []
        scores = self.model.get_scores(known)
        order = np.argsort(-scores)[:n]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
