"""What the first Tab would otherwise wait for, done in the background after the first cell.

jedi fills its caches (a third of a second) and pygments loads what inspection highlights with, in a thread
of their own, with objects of their own: the shell's completer and inspector keep state while they work,
and a cell may be using them meanwhile. A request then never waits for the warm-up; at worst it shares the
interpreter with it for a moment. The modules the warm-up would import on first use are imported first, on
the main thread: a thread that imports changes ``sys.modules`` under any cell iterating over it.
"""

import importlib

import pygments
from IPython.core.completer import IPCompleter, provisionalcompleter
from IPython.core.interactiveshell import InteractiveShell
from pygments.formatters import HtmlFormatter, Terminal256Formatter
from pygments.lexers import PythonLexer

from . import code_assist
from .threads import start_worker_thread

# What completing and inspecting `len` imports on first use (IPython 9, jedi 0.19, pygments 2).
_IMPORTED_ON_FIRST_USE = ("IPython.core._dunder_ops", "IPython.core.guarded_eval",
                          "IPython.core.latex_symbols", "jedi.inference.finder", "jedi.inference.star_args",
                          "pygments.styles.default")


def in_background(shell: InteractiveShell) -> None:
    """Import what the warm-up needs (a few ms), then warm up in a thread of its own."""
    for name in _IMPORTED_ON_FIRST_USE:
        try:
            importlib.import_module(name)
        except ImportError:  # (another version, organised otherwise)
            pass
    start_worker_thread(_warm_up, "metapoly-warm-up", shell)


def _warm_up(shell: InteractiveShell) -> None:
    try:
        with code_assist.busy:
            completer = IPCompleter(shell=shell, namespace={}, global_namespace={}, parent=shell)
            with provisionalcompleter():
                list(completer.completions("len", 3))
        pygments.highlight("len(x)", PythonLexer(), HtmlFormatter())
        pygments.highlight("len(x)", PythonLexer(), Terminal256Formatter())
    except Exception:  # noqa: BLE001 -- only a head start is lost
        pass
