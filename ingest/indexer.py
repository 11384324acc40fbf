"""Incremental ingest: unchanged files keep their vectors, changed ones are re-embedded, removed ones leave.

The new state is written to a fresh collection and switched in atomically by the manifest; until then the
previous index keeps serving. Only one ingest runs at a time (a lock file in the index dir).
"""

from __future__ import annotations

import logging
import time
import uuid
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bot.file_lock import file_lock
from ingest import verifier_vectors
from ingest.chunking import Chunk, chunk_document
from ingest.document import LoadError
from ingest.generated_views import LISTING_FILE, ViewOverrides, write_views_listing
from ingest.index_store import COLLECTION_PREFIX, IndexStore
from ingest.loaders import file_hash, load_file, read_bytes
from ingest.loaders.questions import target_of
from ingest.scan import scan

log = logging.getLogger(__name__)
BATCH = 256


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded_chunks: int = 0
    verifier_texts: int = 0  # sentences and clauses embedded for the answer verifier (only with a model)
    rebuilt: bool = False
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Plan:
    keep: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> manifest entry (unchanged)
    load: dict[str, bytes] = field(default_factory=dict)  # path -> new content
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)


def _exclusive(index: IndexStore) -> AbstractContextManager[None]:
    return file_lock(index.dir / "ingest.lock")


def ingest(paths: list[Path], index: IndexStore, *, progress: bool = False) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    with _exclusive(index):
        _run(paths, index, report, progress)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run(paths: list[Path], index: IndexStore, report: IngestReport, progress: bool) -> None:
    manifest = index.manifest()
    rebuild = bool(manifest) and manifest.get("embedding_model") != index.model_name
    report.rebuilt = rebuild
    previous: dict[str, dict[str, Any]] = {} if rebuild else dict(manifest.get("files", {}))
    files, unsupported = scan(paths)
    for path in unsupported:
        report.errors.append({"path": str(path), "reason": "unsupported file type or not found"})
    views = ViewOverrides.load(index.settings.knowledge_dir)
    plan = _plan(files, previous, report, views.digest)
    removed = [p for p in previous if p not in plan.keep and p not in plan.load and not _kept_on_error(p, report)]
    report.removed = len(removed)
    if not plan.load and not removed and manifest.get("collection") and not rebuild:
        _finish_counts(report, plan.keep)
        _cover_serving_index(index, manifest, report, progress)
        return
    new_chunks, entries = _load_and_chunk(plan, index, report, views)
    _write_generation(index, manifest, plan, new_chunks, entries, report, progress)
    _report_orphan_questions(index, report)
    write_views_listing(index.chunks(), index.settings.data_dir / LISTING_FILE)


def _cover_serving_index(index: IndexStore, manifest: dict[str, Any], report: IngestReport, progress: bool) -> None:
    """A model configured after the last ingest: the unchanged index gets its verifier vectors now."""
    if verifier_vectors.covered(index, manifest):
        return
    passages = [c.text for c in index.chunks() if not c.is_view]
    report.verifier_texts = verifier_vectors.store(index, passages, progress=progress)
    index.write_manifest({**manifest, verifier_vectors.MARK: index.model_name})


def _report_orphan_questions(index: IndexStore, report: IngestReport) -> None:
    """Typical questions whose section does not exist (a heading was renamed): say so, with the file."""
    chunks = index.chunks()
    sections = {(c.document, str(c.metadata.get("anchor", ""))) for c in chunks if not c.is_view}
    missing: dict[tuple[str, str], str] = {}
    for view in (c for c in chunks if c.is_view):
        key = (str(view.metadata.get("target", "")), str(view.metadata.get("anchor", "")))
        if key not in sections:
            missing[key] = str(view.metadata.get("source_path", ""))
    for (target, anchor), path in sorted(missing.items()):
        report.errors.append({"path": path, "reason": f"section {anchor!r} not found in document {target!r}"})


def _plan(files: list[Path], previous: dict[str, dict[str, Any]], report: IngestReport, salt: str) -> _Plan:
    plan = _Plan(previous=previous)
    for path in files:
        key = str(path)
        try:
            data = read_bytes(path)
        except LoadError as exc:
            report.errors.append({"path": key, "reason": str(exc)})
            if key in previous:
                plan.keep[key] = previous[key]  # keep serving the last good version
            continue
        if key in previous and previous[key].get("hash") == file_hash(data, salt):
            plan.keep[key] = previous[key]
            report.unchanged += 1
        else:
            plan.load[key] = data
    return plan


def _kept_on_error(path: str, report: IngestReport) -> bool:
    return any(error["path"] == path for error in report.errors)


def _load_and_chunk(
    plan: _Plan, index: IndexStore, report: IngestReport, views: ViewOverrides
) -> tuple[list[Chunk], dict[str, dict]]:
    chunks: list[Chunk] = []
    entries: dict[str, dict[str, Any]] = {}
    taken_ids = {entry.get("doc_id") for entry in plan.keep.values()}
    for key, data in plan.load.items():
        try:
            document = load_file(Path(key), data)
            if document.doc_id in taken_ids:
                raise LoadError(f"document id {document.doc_id!r} is used by another file")
            doc_chunks = chunk_document(
                document,
                index.embedder.count_tokens,
                index.embedder.max_tokens,
                index.settings.chunk_max_chars,
                views,
            )
        except LoadError as exc:
            report.errors.append({"path": key, "reason": str(exc)})
            if key in plan.previous:
                plan.keep[key] = plan.previous[key]
            continue
        except Exception as exc:  # a loader library failing on a hostile file must not stop the run
            log.warning("could not load %s: %s", key, exc.__class__.__name__)
            report.errors.append({"path": key, "reason": f"could not be read ({exc.__class__.__name__})"})
            if key in plan.previous:
                plan.keep[key] = plan.previous[key]
            continue
        taken_ids.add(document.doc_id)
        if key in plan.previous:
            report.updated += 1
        else:
            report.added += 1
        chunks.extend(doc_chunks)
        entries[key] = {
            "hash": file_hash(data, views.digest),
            "doc_id": document.doc_id,
            "title": document.title,
            "language": document.language,
            "chunk_ids": [c.chunk_id for c in doc_chunks],
        }
    return chunks, entries


def _metadata(chunk: Chunk, model: str) -> dict[str, Any]:
    target = {"target": target_of(chunk.doc_id)} if chunk.kind == "questions" else {}
    generated = {"passage": chunk.passage, "origin": chunk.origin} if chunk.passage else {}
    return (
        target
        | generated
        | {
            "document": chunk.doc_id,
            "title": chunk.title,
            "section": chunk.section,
            "anchor": chunk.anchor,
            "language": chunk.language,
            "kind": chunk.kind,
            "source_path": chunk.source_path,
            "position": chunk.position,
            "embedding_model": model,
            "content_hash": chunk.chunk_id.split(":")[-1],
        }
    )


def _write_generation(
    index: IndexStore,
    manifest: dict[str, Any],
    plan: _Plan,
    chunks: list[Chunk],
    entries: dict[str, dict],
    report: IngestReport,
    progress: bool,
) -> None:
    old_name = manifest.get("collection")
    index.drop_orphans(keep={old_name} if old_name else set())
    name = f"{COLLECTION_PREFIX}{datetime.now(UTC):%Y%m%d%H%M%S}_{uuid.uuid4().hex[:6]}"
    target = index.create_collection(name)
    try:
        if old_name and plan.keep:
            _copy_unchanged(index.collection(old_name), target, plan.keep)
        fresh = chunks
        if old_name and manifest.get("embedding_model") == index.model_name:
            fresh = _reuse_vectors(index.collection(old_name), target, chunks, index.model_name)
        _embed_into(target, fresh, index, progress)
        if verifier_vectors.wanted(index):
            passages = _passage_texts(target)
            report.verifier_texts = verifier_vectors.store(index, passages, progress=progress)
    except BaseException:
        index.drop_collection(name)
        raise
    files = {**plan.keep, **entries}
    index.write_manifest(
        {
            "collection": name,
            "embedding_model": index.model_name,
            "built_at": datetime.now(UTC).isoformat(),
            "files": files,
        }
        | ({verifier_vectors.MARK: index.model_name} if verifier_vectors.wanted(index) else {})
    )
    if old_name:
        index.drop_collection(old_name)
    report.embedded_chunks = len(fresh)
    _finish_counts(report, files)


def _copy_unchanged(source: Any, target: Any, keep: dict[str, dict[str, Any]]) -> None:
    ids = [cid for entry in keep.values() for cid in entry.get("chunk_ids", [])]
    for start in range(0, len(ids), BATCH):
        page = source.get(ids=ids[start : start + BATCH], include=["embeddings", "documents", "metadatas"])
        if len(page["ids"]):
            target.add(
                ids=page["ids"], embeddings=page["embeddings"], documents=page["documents"], metadatas=page["metadatas"]
            )


def _reuse_vectors(source: Any, target: Any, chunks: list[Chunk], model: str) -> list[Chunk]:
    """Chunks of a re-read file that the previous index already holds (same id, so same text) keep their vectors.

    Generated views have ids that depend only on their passage and wording, so editing knowledge/views.yaml (which
    re-reads every document) embeds only the views that changed. Returns the chunks still to embed.
    """
    by_id = {c.chunk_id: c for c in chunks}
    ids = list(by_id)
    known: set[str] = set()
    for start in range(0, len(ids), BATCH):
        page = source.get(ids=ids[start : start + BATCH], include=["embeddings", "documents"])
        if len(page["ids"]):
            metadatas = [_metadata(by_id[cid], model) for cid in page["ids"]]
            target.add(ids=page["ids"], embeddings=page["embeddings"], documents=page["documents"], metadatas=metadatas)
            known.update(page["ids"])
    return [c for c in chunks if c.chunk_id not in known]


def _passage_texts(collection: Any) -> list[str]:
    """The texts of the collection's citable passages (not the question views), as the reader hands them on."""
    texts: list[str] = []
    total = collection.count()
    for offset in range(0, total, 1000):
        page = collection.get(include=["documents", "metadatas"], limit=1000, offset=offset)
        for text, meta in zip(page["documents"], page["metadatas"], strict=True):
            if (meta or {}).get("kind") != "questions":
                texts.append(text or "")
    return texts


def _embed_into(target: Any, chunks: list[Chunk], index: IndexStore, progress: bool) -> None:
    if not chunks:
        return
    bar = tqdm(total=len(chunks), unit="chunk", desc="Embedding", disable=not progress or len(chunks) < 64)
    for start in range(0, len(chunks), BATCH):
        batch = chunks[start : start + BATCH]
        vectors = _embed_chunks(index.embedder, batch)
        target.add(
            ids=[c.chunk_id for c in batch],
            embeddings=vectors.tolist(),
            documents=[c.text for c in batch],
            metadatas=[_metadata(c, index.model_name) for c in batch],
        )
        bar.update(len(batch))
    bar.close()


def _embed_chunks(embedder: Any, batch: list[Chunk]) -> Any:
    """Passages as passages; question views (typical questions) as what they are: questions."""
    import numpy as np

    vectors = np.zeros((len(batch), embedder.dimension), dtype=np.float32)
    views = [i for i, c in enumerate(batch) if c.kind == "questions"]
    passages = [i for i, c in enumerate(batch) if c.kind != "questions"]
    if views:
        vectors[views] = embedder.embed_queries([batch[i].embed_text for i in views])
    if passages:
        vectors[passages] = embedder.embed_passages([batch[i].embed_text for i in passages])
    return vectors


def _finish_counts(report: IngestReport, files: dict[str, dict[str, Any]]) -> None:
    report.documents = len(files)
    report.chunks = sum(len(entry.get("chunk_ids", [])) for entry in files.values())
