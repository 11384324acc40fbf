"""Who holds a lease: one id per process, so replicas (and a restarted process) never mistake each other."""

from __future__ import annotations

import os
import socket
import uuid

INSTANCE = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
