"""History as IPython keeps it: every cell of either language, as typed, in a per-user SQLite database.

The worker's shell stores each Python cell through IPython's own history manager (so ``%history``, ``_i``,
``In`` work as under ipykernel), with the whole cell as its raw text, language magic included; Julia cells
and cells of metapoly's magics are stored the same way. ``history_request`` is answered from it (see
:mod:`metapoly.history`), across sessions: each start of the worker is a new session of the database.
"""

from IPython.core.history import HistoryManager


class CellHistory(HistoryManager):
    """IPython's history manager, storing ``cell`` (the cell as the user typed it, when set) as the raw
    input of what it stores, instead of the code IPython was given (which lacks the ``%%python`` line)."""

    cell = None

    def store_inputs(self, line_num, source, source_raw=None):
        super().store_inputs(line_num, source, source_raw if self.cell is None else self.cell)


def record(shell, code: str, options: dict) -> None:
    """Store a cell IPython did not run (a Julia cell) as cell ``options["cell"]``, if
    ``options["store_history"]``; ``options["raw"]`` is its text as typed, when more than ``code``."""
    if not options.get("store_history", False):
        return
    cell = options.get("cell", shell.execution_count)
    align(shell, cell)
    shell.history_manager.store_inputs(cell, code, options.get("raw") or code)


def align(shell, cell: int) -> None:
    """Make the next entry of ``In`` entry ``cell``: cells that were never stored leave empty entries."""
    history = shell.history_manager
    for entries in (history.input_hist_parsed, history.input_hist_raw):
        entries.extend([""] * (cell - len(entries)))
