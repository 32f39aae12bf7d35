"""How the worker fails, in words for the user: :class:`WorkerError`, and how a worker process ended.

The supervisor (starting a worker) and the session (a worker dying under a request) both describe a
worker's end; the system image's build reports a traced worker's failure. None of this needs a worker:
only exit statuses and the process's command line.
"""

from __future__ import annotations

import os
import signal
import subprocess


class WorkerError(Exception):
    """A failure of the worker itself (not of user code), with a name and a message for the user."""

    def __init__(self, ename: str, message: str) -> None:
        super().__init__(message)
        self.ename = ename
        self.message = message


def describe_exit(returncode: int | None) -> str:
    """'was killed by SIGSEGV', 'exited with status 1', ... for a finished process."""
    if returncode is None:
        return "stopped answering"
    name = _signal_name(returncode)
    if returncode < 0:
        return f"was killed by {name or f'signal {-returncode}'}"
    if name:  # Julia exits with 128 + N when it handles fatal signal N itself
        return f"was stopped by {name} (exit status {returncode})"
    return f"exited with status {returncode}"


def likely_cause(returncode: int | None) -> str:
    """A hint at why a worker ended with ``returncode`` while running a cell (or '')."""
    if returncode is None:
        return ""
    name = _signal_name(returncode)
    if returncode == 0:
        return " (did the code call exit()?)"
    if name == "SIGKILL":
        return " (killed from outside, or by the system when memory ran out)"
    if name in ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT"):
        return " (stopped from outside: another program or the system sent it a signal)"
    if returncode < 0:
        return " (a crash: an invalid memory access or an abort in Julia, Python or a library)"
    return ""


def _signal_name(returncode: int) -> str:
    """The signal that ended a process: returncode -N, or 128 + N; '' if none (or not a known one)."""
    number = -returncode if returncode < 0 else returncode - 128 if returncode > 128 else 0
    try:
        return signal.Signals(number).name if number else ""
    except ValueError:
        return ""


# Debian's julia 1.5 (bullseye's) crashes whenever Julia code throws when it runs against bookworm's
# libunwind; scripts/install-julia.sh installs a launcher with the libunwind it needs.
_DEBIAN_JULIA = "/usr/bin/julia"
_LIBUNWIND_FIX = "/usr/local/lib/metapoly-julia"


def start_crash_cause(proc: subprocess.Popen) -> str:
    """A known cause of a worker that crashed while starting, and its fix ('' if none is known)."""
    if _signal_name(proc.returncode) not in ("SIGSEGV", "SIGABRT", "SIGBUS"):
        return ""
    julia = proc.args[0] if isinstance(proc.args, list) else ""
    fixed = _LIBUNWIND_FIX in os.environ.get("LD_LIBRARY_PATH", "")
    if os.path.realpath(julia) == _DEBIAN_JULIA and not fixed:
        return (f" ({julia} is Debian's julia, which crashes with this system's libunwind: use the launcher "
                "scripts/install-julia.sh installs (/usr/local/bin/julia, through METAPOLY_JULIA or first "
                f"on PATH), or start it with LD_LIBRARY_PATH={_LIBUNWIND_FIX})")
    return " (a crash: Julia, or a library it loaded, failed)"
