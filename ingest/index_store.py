"""The index: a Chroma collection of chunks with our embeddings, named by a manifest.

Every rebuild writes a new collection and switches the manifest only when it is complete, so a failed or
killed ingest leaves the previous index serving. The manifest also records the embedding model: an index
built with another model is rebuilt, never mixed. The lexical index is derived from the same chunks.

Dense search is exact up to EXACT_SEARCH_LIMIT chunks: one matrix product over the stored vectors (read once per
index, like the chunks). Chroma's HNSW graph is approximate and its order depends on insertion order, so the same
question could rank a passage differently after a rebuild; a company's guideline holds a few thousand chunks at
most, for which the exact product takes well under a millisecond. Larger indexes use Chroma's search.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.embeddings import PACKAGED_MODEL
from bot.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

COLLECTION_PREFIX = "lotse_"
MANIFEST_VERSION = 1
EXACT_SEARCH_LIMIT = 50_000  # chunks; 50k × 384 float32 = 77 MB


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    text: str
    metadata: dict[str, Any]

    @property
    def document(self) -> str:
        return str(self.metadata.get("document", ""))

    @property
    def section(self) -> str:
        return str(self.metadata.get("section", ""))

    @property
    def language(self) -> str:
        return str(self.metadata.get("language", ""))

    @property
    def is_view(self) -> bool:
        """A typical question pointing at a section (knowledge/questions), not a citable passage."""
        return self.metadata.get("kind") == "questions"

    @property
    def embed_text(self) -> str:
        return self.text if self.is_view else f"{self.section}\n{self.text}"


class IndexStore:
    def __init__(self, settings: Settings, embedder: Embedder | Callable[[], Embedder]) -> None:
        self.settings = settings
        self._embedder = embedder
        self.model_name = settings.embedding_model or PACKAGED_MODEL
        self.dir = settings.index_dir
        self.manifest_path = self.dir / "manifest.json"
        self._client: Any = None
        self._lock = threading.Lock()
        self._cache_key: tuple[str, float] | None = None
        self._chunks: list[StoredChunk] = []
        self._vectors_key: tuple[str, float] | None = None
        self._vectors: tuple[list[str], np.ndarray] | None = None

    # --- embedder and client (both lazy: an unchanged re-ingest needs neither) -----------------------
    @property
    def embedder(self) -> Embedder:
        if callable(self._embedder) and not hasattr(self._embedder, "embed_queries"):
            self._embedder = self._embedder()
        return self._embedder  # type: ignore[return-value]

    @property
    def client(self) -> Any:
        if self._client is None:
            os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if self.settings.chroma_host:
                self._client = chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            else:
                self.dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.dir / "chroma"), settings=chroma_settings)
        return self._client

    # --- manifest ------------------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = {**manifest, "version": MANIFEST_VERSION}
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".manifest.", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.manifest_path)

    def is_ready(self) -> bool:
        manifest = self.manifest()
        return bool(manifest.get("collection")) and manifest.get("embedding_model") == self.model_name

    # --- collections ---------------------------------------------------------------------------------
    def create_collection(self, name: str) -> Any:
        # embedding_function=None: Chroma must never embed by itself (its default downloads a model).
        return self.client.create_collection(
            name=name, embedding_function=None, metadata={"hnsw:space": "cosine", "model": self.model_name}
        )

    def collection(self, name: str) -> Any:
        return self.client.get_collection(name=name, embedding_function=None)

    def drop_collection(self, name: str) -> None:
        try:
            self.client.delete_collection(name=name)
        except Exception:  # already gone: nothing to clean
            pass

    def drop_orphans(self, keep: set[str]) -> None:
        """Collections left behind by a killed ingest."""
        for item in self.client.list_collections():
            name = getattr(item, "name", item)
            if name.startswith(COLLECTION_PREFIX) and name not in keep:
                self.drop_collection(name)

    def active(self) -> Any | None:
        manifest = self.manifest()
        if not manifest.get("collection"):
            return None
        if manifest.get("embedding_model") != self.model_name:
            raise RuntimeError(
                f"The index was built with {manifest.get('embedding_model')!r}, but the configured model is "
                f"{self.model_name!r}. Run `lotse ingest` to rebuild it."
            )
        return self.collection(manifest["collection"])

    # --- reading -------------------------------------------------------------------------------------
    def _key(self) -> tuple[str, float]:
        try:
            mtime = self.manifest_path.stat().st_mtime
        except OSError:
            mtime = 0.0
        return (str(self.manifest().get("collection", "")), mtime)

    def changed_since(self, key: tuple[str, float] | None) -> bool:
        return key != self._key()

    def current_key(self) -> tuple[str, float]:
        return self._key()

    def chunks(self) -> list[StoredChunk]:
        """All chunks of the serving index (cached until the manifest changes)."""
        with self._lock:
            key = self._key()
            if key != self._cache_key:
                collection = self.active()
                self._chunks = [] if collection is None else _read_all(collection)
                self._cache_key = key
            return self._chunks

    def query(self, vector: list[float], n: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks, best first."""
        collection = self.active()
        if collection is None:
            return []
        count = collection.count()
        if count == 0:
            return []
        if count <= EXACT_SEARCH_LIMIT:
            return self._exact(collection, np.asarray(vector, dtype=np.float32), n)
        result = collection.query(query_embeddings=[vector], n_results=min(n, count), include=["distances"])
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True)]

    def _exact(self, collection: Any, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        ids, matrix = self._unit_vectors(collection)
        norm = float(np.linalg.norm(vector))
        cosines = matrix @ (vector / (norm or 1.0))
        top = min(n, len(ids))
        best = np.argpartition(-cosines, top - 1)[:top]
        # ties (a chunk stored twice) broken by id, so the order never depends on how the index was built
        order = sorted(best.tolist(), key=lambda i: (-float(cosines[i]), ids[i]))
        return [(ids[i], float(cosines[i])) for i in order]

    def _unit_vectors(self, collection: Any) -> tuple[list[str], np.ndarray]:
        """Every stored vector, normalised; read once per index (the manifest key), shared by all threads."""
        with self._lock:
            key = self._key()
            if key != self._vectors_key or self._vectors is None:
                self._vectors = _read_vectors(collection)
                self._vectors_key = key
            return self._vectors

    def find_section(self, document: str, section: str) -> StoredChunk | None:
        """The first chunk of a document's section, by heading title or full path (for citations)."""
        wanted = section.strip().lower()
        for chunk in self.chunks():
            if chunk.document != document or chunk.is_view:
                continue
            path = chunk.section.lower()
            if (
                path == wanted
                or path.split(" › ")[-1] == wanted
                or str(chunk.metadata.get("anchor", "")).lower() == wanted
            ):
                return chunk
        return None


def _read_all(collection: Any) -> list[StoredChunk]:
    chunks: list[StoredChunk] = []
    total = collection.count()
    for offset in range(0, total, 1000):
        page = collection.get(include=["documents", "metadatas"], limit=1000, offset=offset)
        for cid, text, meta in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
            chunks.append(StoredChunk(cid, text or "", dict(meta or {})))
    chunks.sort(key=lambda c: (c.document, int(c.metadata.get("position", 0))))
    return chunks


def _read_vectors(collection: Any) -> tuple[list[str], np.ndarray]:
    ids: list[str] = []
    rows: list[np.ndarray] = []
    for offset in range(0, collection.count(), 1000):
        page = collection.get(include=["embeddings"], limit=1000, offset=offset)
        ids += list(page["ids"])
        rows.append(np.asarray(page["embeddings"], dtype=np.float32))
    matrix = np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return ids, matrix / np.where(norms == 0, 1.0, norms)
