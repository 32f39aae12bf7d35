"""What the first Shift-Tab would otherwise wait for, done in the background after the first cell.

pygments loads what inspection highlights with, in a thread of its own: a request never waits for the
warm-up; at worst it shares the interpreter with it for a moment. The module it would import on first use is
imported first, on the main thread: a thread that imports changes ``sys.modules`` under any cell iterating
over it.

jedi's caches are not warmed: they hold 36 MiB from the first completion on, which every kernel would pay
whether its user ever presses Tab or not; the first Python Tab takes 0.2-0.6 s, as under ipykernel.
"""

import importlib

import pygments
from pygments.formatters import HtmlFormatter, Terminal256Formatter
from pygments.lexers import PythonLexer

from .threads import start_worker_thread

# What highlighting imports on first use (pygments 2).
_IMPORTED_ON_FIRST_USE = ("pygments.styles.default",)


def in_background() -> None:
    """Import what the warm-up needs (a few ms), then warm up in a thread of its own."""
    for name in _IMPORTED_ON_FIRST_USE:
        try:
            importlib.import_module(name)
        except ImportError:  # (another version, organised otherwise)
            pass
    start_worker_thread(_warm_up, "metapoly-warm-up")


def _warm_up() -> None:
    try:
        pygments.highlight("len(x)", PythonLexer(), HtmlFormatter())
        pygments.highlight("len(x)", PythonLexer(), Terminal256Formatter())
    except Exception:  # noqa: BLE001 -- only a head start is lost
        pass
