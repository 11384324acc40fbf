"""Ingest: load the company's documents, cut them into chunks the embedding model sees whole, index them."""
