"""Linux's process table (/proc), read for what the front end must know of the processes it is
responsible for: whether one has ended, when it started, what it started. Where there is no /proc, nothing is
found."""

from __future__ import annotations

import os
import signal

STATE, PARENT, START_TIME = 0, 1, 19  # fields of /proc/PID/stat after the command name


def stat_fields(pid: int | str) -> list[bytes] | None:
    """The fields of /proc/PID/stat after the command name (in parentheses, which may hold spaces), or
    None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    return stat[stat.rindex(b")") + 2:].split()


def is_zombie(pid: int) -> bool:
    """Whether ``pid`` has ended but was not reaped yet by its parent."""
    fields = stat_fields(pid)
    return fields is not None and fields[STATE] == b"Z"


def start_time(pid: int) -> int | None:
    """When ``pid`` started (in clock ticks since boot): the same number means the same process."""
    fields = stat_fields(pid)
    return int(fields[START_TIME]) if fields is not None else None


def descendants(pid: int) -> dict[int, int]:
    """The processes ``pid`` started and those they started, still running, with their start times."""
    children: dict[int, list[tuple[int, int]]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        fields = stat_fields(entry) if entry.isdigit() else None
        if fields is not None:
            children.setdefault(int(fields[PARENT]), []).append((int(entry), int(fields[START_TIME])))
    found, pending = {}, [pid]
    while pending:
        for child, start in children.get(pending.pop(), ()):
            found[child] = start
            pending.append(child)
    return found


def kill(pid: int) -> None:
    """SIGKILL ``pid``, if it is there to kill."""
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
