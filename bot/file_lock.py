"""An exclusive lock between processes on one machine: a lock file held with flock while a block runs.

Writers of the company folder (learned views, case examples) and the indexer take it so that two processes never
write the same files at once. (flock, not a library: the standard library has it, and nothing more is needed.)
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created with its folder if missing) while the block runs."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
