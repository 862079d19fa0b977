"""Which server process runs a job in one of its threads, and whether that process still exists.

A job run in a thread of the web process (the embedded set-up) dies with that process: after a
restart its row would say "running" for ever. The row names its process (host, pid and the
process's start time, so that a pid used again by another process does not pass for it); any
other process on the same host can then tell that it is gone.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()} {pid} {_started(pid)}"


def is_gone(runner: str) -> bool:
    """Whether the process named by :func:`this_process` has ended; False when it cannot be told
    from here (another host, or a name of another form)."""
    parts = runner.split(" ")
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid, started = int(parts[1]), parts[2]
    if not _alive(pid):
        return True
    return bool(started) and _started(pid) != started


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux); "" where /proc does not tell."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    return stat.rsplit(")", 1)[1].split()[19]
