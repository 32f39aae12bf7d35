"""The history of cells: where its database is, and how a ``history_request`` is answered from it.

The worker's IPython keeps it (``julia/src/python/_metapoly_worker/history.py``) and answers while it runs.
Before it is up (``jupyter console`` asks for the history the moment it starts, and waits one second), the
front end answers from the database itself, with the sessions stored so far.
"""

from __future__ import annotations

import os

# METAPOLY_HISTORY=":memory:" keeps nothing on disk; a path, a database of that name.
ENVIRONMENT = "METAPOLY_HISTORY"


def history_file() -> str:
    """Where the database is: ``$METAPOLY_HISTORY``, else Jupyter's data directory (a file of metapoly's,
    in IPython's format: IPython's own would mix Julia cells into the terminal's history)."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return configured
    from jupyter_core.paths import jupyter_data_dir

    directory = os.path.join(jupyter_data_dir(), "metapoly")
    os.makedirs(directory, mode=0o700, exist_ok=True)
    return os.path.join(directory, "history.sqlite")


def query(history, request: dict) -> list:
    """The entries a ``history_request`` (its content's fields) asks for, from ``history`` (an IPython
    ``HistoryAccessor`` or ``HistoryManager``), as ipykernel answers: ``[session, line, input]`` each."""
    raw, output = bool(request.get("raw", True)), bool(request.get("output", False))
    kind = request.get("hist_access_type")
    if kind == "tail":
        found = history.get_tail(request.get("n") or 10, raw=raw, output=output, include_latest=True)
    elif kind == "range":
        found = history.get_range(request.get("session", 0), request.get("start", 0), request.get("stop"),
                                  raw=raw, output=output)
    elif kind == "search":
        found = history.search(request.get("pattern") or "*", raw=raw, output=output, n=request.get("n"),
                               unique=bool(request.get("unique", False)))
    else:
        found = []
    return [list(entry) for entry in found]


def read(request: dict) -> list:
    """:func:`query` on the database itself, for when the worker cannot answer (the current session, which
    only the worker knows, is then empty). Whatever the request, an answer: a request the database cannot
    answer (a session of "x"), or a database that cannot be read, is no history, never a dead kernel."""
    from IPython.core.history import HistoryAccessor

    session = request.get("session", 0)
    if request.get("hist_access_type") == "range" and not (isinstance(session, int) and session > 0):
        return []
    try:
        accessor = HistoryAccessor(hist_file=history_file())
    except Exception:  # noqa: BLE001 -- a database that cannot be read is no history
        return []
    try:
        return query(accessor, request)
    except Exception:  # noqa: BLE001 -- nor is a request it cannot answer
        return []
    finally:
        accessor.db.close()
