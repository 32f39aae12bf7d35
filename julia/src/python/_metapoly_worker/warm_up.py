"""What the first Tab and the first plot would otherwise wait for, done in the background after the first cell.

jedi fills its caches (a third of a second), pygments loads what inspection highlights with, and
matplotlib's pyplot is imported when matplotlib is installed (half a second, with its fonts). All of it runs
in a thread of its own, with objects of its own: the shell's completer and inspector keep state while they
work, and a cell may be using them meanwhile. A request then never waits for a warm-up; at worst it shares
the interpreter with it for a moment.
"""

import importlib.util
import threading

import pygments
from IPython.core.completer import IPCompleter, provisionalcompleter
from IPython.core.interactiveshell import InteractiveShell
from pygments.formatters import HtmlFormatter, Terminal256Formatter
from pygments.lexers import PythonLexer

from . import code_assist


def in_background(shell: InteractiveShell) -> None:
    """Start warming up in a thread of its own."""
    threading.Thread(target=_warm_up, args=(shell,), name="metapoly-warm-up", daemon=True).start()


def _warm_up(shell: InteractiveShell) -> None:
    try:
        with code_assist.busy:
            completer = IPCompleter(shell=shell, namespace={}, global_namespace={}, parent=shell)
            with provisionalcompleter():
                list(completer.completions("len", 3))
        pygments.highlight("len(x)", PythonLexer(), HtmlFormatter())
        pygments.highlight("len(x)", PythonLexer(), Terminal256Formatter())
        if importlib.util.find_spec("matplotlib") is not None:
            import matplotlib.pyplot  # noqa: F401 -- (its backend is chosen on the first figure, in a cell)
    except Exception:  # (only a head start is lost)
        pass
