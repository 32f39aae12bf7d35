"""History as IPython keeps it: every cell of either language, as typed, in a per-user SQLite database.

The worker's shell stores each Python cell through IPython's own history manager (so ``%history``, ``_i``,
``In`` work as under ipykernel), with the whole cell as its raw text, language magic included; Julia cells
are stored the same way. ``history_request`` is answered from it, as ipykernel answers it, across sessions:
each start of the worker is a new session of the database.
"""

import os

from IPython.core.history import HistoryManager

# METAPOLY_HISTORY=":memory:" keeps nothing on disk; a path, a database of that name.
ENVIRONMENT = "METAPOLY_HISTORY"


def history_file() -> str:
    """Where the database is: ``$METAPOLY_HISTORY``, else Jupyter's data directory (beside IPython's own
    history, a file of metapoly's: IPython's would mix Julia cells into the terminal's history)."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return configured
    from jupyter_core.paths import jupyter_data_dir

    directory = os.path.join(jupyter_data_dir(), "metapoly")
    os.makedirs(directory, mode=0o700, exist_ok=True)
    return os.path.join(directory, "history.sqlite")


class CellHistory(HistoryManager):
    """IPython's history manager, storing ``cell`` (the cell as the user typed it, when set) as the raw
    input of what it stores, instead of the code IPython was given (which lacks the ``%%python`` line)."""

    cell = None

    def store_inputs(self, line_num, source, source_raw=None):
        super().store_inputs(line_num, source, source_raw if self.cell is None else self.cell)


def record(shell, code: str, options: dict) -> None:
    """Store a cell IPython did not run (a Julia cell), as cell ``options["cell"]``."""
    if not options.get("store_history", True):
        return
    align(shell, options.get("cell", shell.execution_count))
    raw = options.get("raw") or code
    shell.history_manager.store_inputs(options.get("cell", shell.execution_count), code, raw)


def align(shell, cell: int) -> None:
    """Make the next entry of ``In`` entry ``cell``: cells that were never stored leave empty entries."""
    history = shell.history_manager
    for entries in (history.input_hist_parsed, history.input_hist_raw):
        entries.extend([""] * (cell - len(entries)))


def query(shell, request: dict) -> list:
    """The ``history`` of a ``history_request`` (its content's fields), as ipykernel answers it."""
    history = shell.history_manager
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
