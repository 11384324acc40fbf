"""A real Chroma server (`chroma run` from the chromadb package) on a free local port, seeded with an index.

Seeding copies the active collection of an embedded index (ids, our embeddings, texts, metadata) into the
server under the same name, so replicas whose manifest names it read the same index without re-embedding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.serve_process import free_port


class ChromaServer:
    def __init__(self, path: Path, log: Path) -> None:
        self.path = path
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120.0) -> ChromaServer:
        chroma = Path(sys.executable).parent / "chroma"
        env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"chroma run exited:\n{self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=2):
                    return self
            except OSError:
                time.sleep(0.3)
        raise AssertionError("chroma run did not answer its heartbeat")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def seed_from(self, index_dir: Path) -> str:
        """Copy the embedded index's active collection into this server; returns the collection name."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        name = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["collection"]
        settings = ChromaSettings(anonymized_telemetry=False)
        source = chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)
        target = chromadb.HttpClient(host="127.0.0.1", port=self.port, settings=settings)
        collection = source.get_collection(name=name, embedding_function=None)
        copy = target.create_collection(name=name, embedding_function=None, metadata=collection.metadata)
        data = collection.get(include=["embeddings", "documents", "metadatas"])
        for start in range(0, len(data["ids"]), 500):
            end = start + 500
            copy.add(
                ids=data["ids"][start:end],
                embeddings=data["embeddings"][start:end],
                documents=data["documents"][start:end],
                metadatas=data["metadatas"][start:end],
            )
        return name
