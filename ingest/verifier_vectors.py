"""With a language model configured, ingest embeds what the answer verifier compares a model's answer with.

The verifier (bot/reading/verifier.py) compares each answer sentence with the sentences, clauses and whole text of
the passages it cites. Embedding those at question time made a first question about a passage cost up to
0.7 s; here they are embedded once per text at ingest and kept in the vector file beside the index
(bot/vector_cache.py, kind "passage", keyed by embedding model and exact text), where bot/reading/similarity.py
finds them. A text already in the file is not embedded again, so an unchanged passage costs nothing on re-ingest.

The manifest records the embedding model whose verifier vectors cover the index ("verifier_vectors"): an unchanged
re-ingest then opens neither the index nor the model. Without LOTSE_LLM nothing is embedded or recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tqdm import tqdm

from bot import vector_cache
from bot.reading.verifier import passage_units

if TYPE_CHECKING:  # pragma: no cover
    from ingest.index_store import IndexStore

MARK = "verifier_vectors"
BATCH = 256


def wanted(index: IndexStore) -> bool:
    return index.settings.llm_enabled


def covered(index: IndexStore, manifest: dict) -> bool:
    """The serving index's passages have their verifier vectors on disk (or no model wants them)."""
    if not wanted(index):
        return True
    return manifest.get(MARK) == index.model_name and (index.dir / vector_cache.FILE_NAME).exists()


def store(index: IndexStore, passages: Iterable[str], *, progress: bool = False) -> int:
    """Embed and keep the verifier units of `passages` the file lacks; returns how many texts were embedded."""
    units = list(dict.fromkeys(u for passage in passages for u in passage_units(passage)))
    known = vector_cache.stored_vectors(index.dir, index.model_name, units, kind=vector_cache.PASSAGE)
    missing = [u for u in units if u not in known]
    bar = tqdm(total=len(missing), unit="text", desc="Verifier", disable=not progress or len(missing) < 64)
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        vectors = index.embedder.embed_passages(batch)
        vector_cache.store_vectors(index.dir, index.model_name, batch, vectors, kind=vector_cache.PASSAGE)
        bar.update(len(batch))
    bar.close()
    return len(missing)
