"""Orphans: what a killed front end leaves behind (its private directory, processes started from it),
cleaned up by the next one.

Each worker lives in a private directory (``/tmp/metapoly-*``, mode 0700) that holds its socket, its log and
``frontend.pid``. A front end that is killed (``kill -9``) cannot remove it, and its worker, killed with
it, cannot either; processes the user forked from the worker live on. The next front end to start finds
such directories of this user whose front end is gone, ends every process still running from them (their
command line names the directory: the worker and its forks) and removes them.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile

from . import processes

PID_FILE = "frontend.pid"


def mark(directory: str) -> None:
    """Record in ``directory`` that this process owns it."""
    with open(os.path.join(directory, PID_FILE), "w") as f:
        f.write(str(os.getpid()))


def sweep() -> list[str]:
    """Remove the directories of front ends that died; returns them."""
    removed = []
    for directory in glob.glob(os.path.join(tempfile.gettempdir(), "metapoly-*")):
        if _owner_alive(directory):
            continue
        for pid in processes_started_from(directory):
            processes.kill(pid)
        shutil.rmtree(directory, ignore_errors=True)
        removed.append(directory)
    return removed


def _owner_alive(directory: str) -> bool:
    try:
        if os.stat(directory).st_uid != os.getuid():
            return True  # not ours to judge
        with open(os.path.join(directory, PID_FILE)) as f:
            pid = int(f.read())
    except (OSError, ValueError):
        return True  # being set up, or not a directory of ours: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not processes.is_zombie(pid)


def processes_started_from(directory: str) -> list[int]:
    """PIDs of this user's processes whose command line mentions ``directory`` (Linux's /proc)."""
    found = []
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(cmdline, "rb") as f:
                if directory.encode() in f.read():
                    found.append(int(cmdline.split("/")[2]))
        except (OSError, ValueError):
            continue
    return [pid for pid in found if pid != os.getpid()]
