"""Completion and inspection of Python code against the live ``__main__``, as ipykernel does them.

IPython's completer uses jedi when it is installed (it comes with IPython) and otherwise its
rlcompleter-based matchers; both complete attributes after ``.`` and dictionary keys. They avoid running
user code with side effects: IPython evaluates only what its "limited" policy allows, and jedi is told not
to run properties or ``__getattr__`` (so ``obj.prop.`` completes nothing rather than run ``prop``). What
they still call (a class's ``__dir__``, a ``__doc__`` property) runs under a deadline: if it hangs, or the
user interrupts, the answer is empty and every variable is kept.
"""

from __future__ import annotations

import threading

from IPython.core.completer import provisionalcompleter, rectify_completions
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.tokenutil import token_at_cursor

from . import interrupts

# The most matches sent back: a bare `np.` on a big module would send thousands.
MAX_MATCHES = 1000
# Seconds: jedi's first completion of a namespace takes over one on a slow machine, and more while the
# machine is busy.
DEADLINE = 6.0

# jedi and IPython's completer keep state while they work: one completion or inspection at a time.
busy = threading.Lock()


def _restrain_jedi() -> None:
    # jedi is imported by the first completion, as under ipykernel (at the start it was a fifth of the
    # worker's Python modules and memory), and told there not to run user code.
    try:
        import jedi
    except ImportError:  # (IPython's own matchers complete without it)
        return
    jedi.settings.allow_unsafe_interpreter_executions = False


def complete(shell: InteractiveShell, code: str, cursor: int) -> dict:
    """``{"matches", "cursor_start", "cursor_end", "metadata"}`` for the cursor at ``cursor`` of ``code``."""
    cursor = max(0, min(cursor, len(code)))
    _restrain_jedi()
    try:
        # Completion may run user code (a __dir__, a property...): it must not hang the worker.
        with busy, interrupts.deadline(DEADLINE), provisionalcompleter():
            completions = list(rectify_completions(code, shell.Completer.completions(code, cursor)))
    except KeyboardInterrupt:
        completions = []
    if not completions:
        return {"matches": [], "cursor_start": cursor, "cursor_end": cursor, "metadata": {}}
    completions = completions[:MAX_MATCHES]
    types = [{"start": c.start, "end": c.end, "text": c.text, "type": c.type, "signature": c.signature}
             for c in completions]
    return {"matches": [c.text for c in completions], "cursor_start": completions[0].start,
            "cursor_end": completions[0].end, "metadata": {"_jupyter_types_experimental": types}}


def inspect(shell: InteractiveShell, code: str, cursor: int, detail: int) -> dict:
    """``{"found", "data"}``: the signature and docstring of the name at the cursor (or of the function
    being called there); ``detail`` 1 adds the source, like ``??``."""
    name = token_at_cursor(code, max(0, min(cursor, len(code))))
    if not name:
        return {"found": False, "data": {}}
    try:
        with busy, interrupts.deadline(DEADLINE):
            data = shell.object_inspect_mime(name, detail_level=detail)
    # An object whose inspection fails is not found, never an error.
    except (Exception, KeyboardInterrupt):  # noqa: BLE001
        return {"found": False, "data": {}}
    if not shell.enable_html_pager:  # (as ipykernel: the compact text, not HTML headings)
        data.pop("text/html", None)
    return {"found": True, "data": data}
