"""Chunks fit the embedding model's window whole and keep their section path."""

from __future__ import annotations

from ingest.chunking import chunk_document
from ingest.document import LoadedDocument, Section


def test_long_sections_are_cut_to_fit_the_model_window(embedder) -> None:
    sentence = "Veröffentliche keine vertraulichen Informationen über Kundenprojekte und Umsatzzahlen. "
    document = LoadedDocument(
        "d",
        "Richtlinie",
        "de",
        "guideline",
        "d.md",
        [Section(("Richtlinie", "Vertrauliches"), sentence * 40, "Vertrauliches")],
    )
    chunks = chunk_document(document, embedder.count_tokens, embedder.max_tokens, 600)
    assert len(chunks) > 3
    for chunk in chunks:
        assert embedder.count_tokens(chunk.embed_text) <= embedder.max_tokens
        assert chunk.section == "Richtlinie › Vertrauliches"
        assert len(chunk.text) <= 900
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_short_section_is_one_chunk(embedder) -> None:
    document = LoadedDocument("d", "T", "en", "guideline", "d.md", [Section(("T", "A"), "Short rule.", "A")])
    [chunk] = chunk_document(document, embedder.count_tokens, embedder.max_tokens, 600)
    assert chunk.text == "Short rule." and chunk.anchor == "A"


def test_every_shipped_chunk_fits_the_window(lotse, embedder) -> None:
    for chunk in lotse.index.chunks():
        assert embedder.count_tokens(chunk.embed_text) <= embedder.max_tokens, chunk.section
