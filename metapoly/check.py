"""``python -m metapoly check``: what a user runs first when something is wrong.

Prints the versions in play, the Julia and libpython found (or why not), and runs one cell in each
language through a real worker.
"""

from __future__ import annotations

import importlib.metadata
import sys
import time

from . import __version__
from .locate import find_julia, find_libpython, julia_project_dir
from .session import WorkerError, WorkerSession
from .sysimage import cache_dir

_PACKAGES = ("metakernel", "jupyter_client", "ipykernel", "pyzmq", "numpy")
_CELLS = (("python", "import os; os.getpid()"), ("julia", "getpid()"))


def run_check(out=print) -> int:
    """Print the diagnosis; returns a process exit status (0 when both languages work)."""
    problems = 0
    out(f"metapoly {__version__}")
    out(f"Python {sys.version.split()[0]} at {sys.executable}")
    for name in _PACKAGES:
        try:
            out(f"  {name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            out(f"  {name}: not installed")
    libpython = find_libpython()
    out(f"libpython: {libpython.path}" if libpython else f"libpython: PROBLEM: {libpython.how}")
    problems += not libpython
    julia = find_julia()
    out(f"julia: {julia.path} (from {julia.how})" if julia else f"julia: PROBLEM: {julia.how}")
    out(f"worker project: {julia_project_dir()}")
    if not julia:
        return 1

    session = WorkerSession()
    started = time.monotonic()
    session.start()
    try:
        session.wait_ready()
    except WorkerError as exc:
        out(f"worker: PROBLEM: {exc.message}")
        session.shutdown()
        return 1
    out(f"worker: Julia {session.info.get('julia_version')}, pid {session.pid}, "
        f"ready in {time.monotonic() - started:.1f} s")
    out(f"embedded Python: {session.info.get('python_status')}")
    if session.supervisor.image:
        out(f"system image: in use ({session.supervisor.image})")
    else:
        out("system image: not in use, so workers start slower: `python -m metapoly sysimage` builds it "
            f"(in {cache_dir()})")
    pids = {}
    try:
        for language, code in _CELLS:
            reply = session.execute(language, code, 0, lambda frame: out(frame.text(), end=""))
            if reply.get("status") == "ok":
                pids[language] = reply.get("data", {}).get("text/plain")
                out(f"{language} cell: ok ({code} = {pids[language]})")
            else:
                problems += 1
                out(f"{language} cell: PROBLEM: {reply.get('ename')}: {reply.get('evalue')}")
    except WorkerError as exc:
        problems += 1
        out(f"worker: PROBLEM: {exc.message}")
    finally:
        session.shutdown()
    if len(pids) == 2 and len(set(pids.values())) == 1:
        out("Python and Julia share one process: everything works.")
    return 1 if problems else 0
