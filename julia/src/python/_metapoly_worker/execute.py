"""Running a Python cell through the worker's IPython shell, reported as a plain reply dictionary."""

import traceback

from . import history
from .shell import without_worker_frames


def run_cell(shell, code: str, options: dict) -> dict:
    """Run ``code`` as cell ``options["cell"]`` with IPython's ``run_cell``, as ipykernel does.

    ``options`` also holds ``first_line`` (the editor's line of the code's first line), ``silent`` and
    ``store_history`` (whether this request stores the cell in the history), and ``raw`` (the whole cell as
    typed, when it is more than ``code``), ``source`` (the whole cell as the client sent it, when it is more
than ``code``). The cell's value has already gone out as an
    ``execute_result`` when this returns ``{"status": "ok"}``, or ``{"status": "error", "ename", "evalue",
    "traceback"}`` with IPython's traceback; either with a ``payload`` list if the cell asked for the pager
    or to exit.
    """
    shell.execution_count = options.get("cell", shell.execution_count)
    history.align(shell, shell.execution_count)
    # The cell's file is named after the whole cell, as the client sent it (the debugger's name for it).
    shell.compile.source = options.get("source", code)
    # IPython drops leading blank lines before it compiles: they count here instead.
    lines = code.splitlines(keepends=True)
    blank = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    code = "".join(lines[blank:])
    shell.compile.first_line = max(1, options.get("first_line", 1)) + blank
    shell.payload, shell.last_error, shell.keep_kernel_on_exit = [], None, False
    shell.history_manager.cell, shell.in_cell = options.get("raw"), True
    shell.running = (options.get("cell"), code, options.get("show_value", True))
    try:
        result = shell.run_cell(code, store_history=options.get("store_history", False),
                                silent=options.get("silent", False))
    finally:
        shell.history_manager.cell, shell.in_cell, shell.running = None, False, (None, None, True)
    reply = {"status": "ok"}
    if not result.success:
        error = result.error_before_exec or result.error_in_exec
        # (An error IPython did not show, raised outside the cell's code: its whole traceback, which may be
        # the worker's own.)
        reply = shell.last_error or {
            "ename": type(error).__name__, "evalue": str(error),
            "traceback": [line.rstrip("\n") for line in traceback.format_exception(type(error), error,
                                                                                   error.__traceback__)]}
        reply["status"] = "error"
    if shell.payload:
        reply["payload"] = shell.payload
    return reply


def exception_reply(exc: BaseException) -> dict:
    """An error reply for an exception outside a cell (Python code Julia called, say): the standard
    library's traceback of the user's frames, never the worker's."""
    without_worker_frames(exc)
    return {
        "status": "error",
        "ename": type(exc).__name__,
        "evalue": str(exc),
        "traceback": [line.rstrip("\n")
                      for line in traceback.format_exception(type(exc), exc, exc.__traceback__)],
    }
