"""Who holds a lease: one id per process, so replicas (and a restarted process) never mistake each other.

`INSTANCE` is `host|boot id|pid|start time` (Linux: the kernel's boot id and the process's start in clock ticks
since boot, from /proc). A process can therefore tell, without waiting for a lease to run out, that an owner on
the same host and the same boot is gone: its pid no longer runs, or runs a different process (a restarted
container reuses its pid but not its start time). `is_dead_here` says so; owners of other hosts, of an earlier
boot or of a system without /proc are never judged (their leases simply run out).
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


def _boot_id(proc: Path = PROC) -> str:
    try:
        return (proc / "sys/kernel/random/boot_id").read_text().strip().replace("-", "")[:16]
    except OSError:
        return ""


def start_time(pid: int, proc: Path = PROC) -> str | None:
    """The start of process `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat); None if none runs."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # the command name may contain spaces and parentheses
    return fields[19] if len(fields) > 19 else None


@dataclass(frozen=True)
class ProcessIdentity:
    host: str
    boot: str
    pid: int
    started: str

    def __str__(self) -> str:
        return f"{self.host}|{self.boot}|{self.pid}|{self.started}"

    @classmethod
    def of_this_process(cls) -> ProcessIdentity:
        pid = os.getpid()
        boot = _boot_id()
        started = start_time(pid) if boot else None
        return cls(socket.gethostname()[:60], boot, pid, started or uuid.uuid4().hex[:8])

    @classmethod
    def parse(cls, owner: str) -> ProcessIdentity | None:
        parts = owner.split("|")
        if len(parts) != 4 or not parts[2].isdigit():
            return None
        return cls(parts[0], parts[1], int(parts[2]), parts[3])


def is_dead_here(owner: str | None, me: ProcessIdentity | None = None, proc: Path = PROC) -> bool:
    """True when `owner` was a process of this host and boot that no longer runs (never for this process)."""
    me = me or IDENTITY
    other = ProcessIdentity.parse(owner or "")
    if other is None or not me.boot or other == me or (other.host, other.boot) != (me.host, me.boot):
        return False
    return start_time(other.pid, proc) != other.started


IDENTITY = ProcessIdentity.of_this_process()
INSTANCE = str(IDENTITY)
