"""Incremental ingest against real Chroma and the real model: add, update, remove, rebuild, survive failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.indexer import ingest


def test_first_ingest_indexes_every_format_and_reports_counts(corpus: Path, small_lotse) -> None:
    report = ingest([corpus], small_lotse.index)
    assert report.errors == []
    assert report.documents == 7 and report.added == 7
    assert report.chunks == report.embedded_chunks > 7
    documents = {c.document for c in small_lotse.index.chunks()}
    assert {"mini-richtlinie", "mini-guideline", "mini-faq", "notiz", "seite", "presse", "krise"} == documents
    meta = small_lotse.index.chunks()[0].metadata
    assert {"document", "title", "section", "language", "source_path", "content_hash", "embedding_model"} <= set(meta)


def test_unchanged_reingest_embeds_nothing(corpus: Path, small_lotse) -> None:
    ingest([corpus], small_lotse.index)
    collection = small_lotse.index.manifest()["collection"]
    again = ingest([corpus], small_lotse.index)
    assert again.unchanged == 7 and again.embedded_chunks == 0
    assert small_lotse.index.manifest()["collection"] == collection  # nothing rebuilt


def test_changed_file_is_replaced_and_removed_file_deleted(corpus: Path, small_lotse) -> None:
    ingest([corpus], small_lotse.index)
    guide = corpus / "mini.en.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("order intake", "order backlog"), encoding="utf-8")
    (corpus / "notiz.txt").unlink()
    report = ingest([corpus], small_lotse.index)
    assert (report.updated, report.removed, report.unchanged) == (1, 1, 5)
    texts = [c.text for c in small_lotse.index.chunks()]
    assert any("order backlog" in t for t in texts) and not any("order intake" in t for t in texts)
    assert "notiz" not in {c.document for c in small_lotse.index.chunks()}
    assert report.embedded_chunks == len([c for c in small_lotse.index.chunks() if c.document == "mini-guideline"])


def test_index_of_another_model_is_rebuilt_not_mixed(corpus: Path, small_lotse) -> None:
    ingest([corpus], small_lotse.index)
    manifest = small_lotse.index.manifest()
    manifest["embedding_model"] = "some-other-model"
    small_lotse.index.write_manifest(manifest)
    with pytest.raises(RuntimeError, match="lotse ingest"):
        small_lotse.index.active()
    report = ingest([corpus], small_lotse.index)
    assert report.rebuilt and report.embedded_chunks == report.chunks
    assert {c.metadata["embedding_model"] for c in small_lotse.index.chunks()} == {small_lotse.index.model_name}


def test_broken_files_are_reported_and_the_rest_ingested(corpus: Path, small_lotse) -> None:
    (corpus / "kaputt.pdf").write_bytes(b"%PDF-1.7 \x00\x01\x02 broken")
    (corpus / "leer.md").write_bytes(b"")
    (corpus / "bild.txt").write_bytes(bytes(range(256)) * 10)
    report = ingest([corpus], small_lotse.index)
    reasons = {Path(e["path"]).name: e["reason"] for e in report.errors}
    assert set(reasons) == {"kaputt.pdf", "leer.md", "bild.txt"}
    assert "empty" in reasons["leer.md"] and "binary" in reasons["bild.txt"]
    assert report.documents == 7


def test_a_failed_ingest_leaves_the_previous_index_serving(corpus: Path, small_lotse, monkeypatch) -> None:
    ingest([corpus], small_lotse.index)
    before = small_lotse.index.manifest()
    (corpus / "neu.md").write_text("# Neu\n## Regel\nEine neue Regel über Livestreams.", encoding="utf-8")

    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # as if the process were killed mid-embedding

    monkeypatch.setattr(type(small_lotse.embedder), "embed_passages", broken)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], small_lotse.index)
    monkeypatch.undo()
    assert small_lotse.index.manifest() == before
    assert small_lotse.retriever.search("Umsatzzahlen veröffentlichen", "de").best is not None
    report = ingest([corpus], small_lotse.index)
    assert report.added == 1
    names = [getattr(c, "name", c) for c in small_lotse.index.client.list_collections()]
    assert names == [small_lotse.index.manifest()["collection"]]  # leftovers cleaned


def test_cli_ingest_json_contract(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli.main import cli

    (corpus / "kaputt.docx").write_bytes(b"nope")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "d"), "ingest", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output.strip().splitlines()[-1])
    assert {"documents", "chunks", "added", "updated", "removed", "unchanged", "errors"} <= set(counts)
    assert counts["documents"] == 7
    assert counts["errors"] == [
        {"path": str((corpus / "kaputt.docx").resolve()), "reason": counts["errors"][0]["reason"]}
    ]
