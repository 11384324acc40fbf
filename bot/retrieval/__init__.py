"""Hybrid retrieval: dense (our embeddings in Chroma) plus lexical (BM25 with German/English analysis)."""
