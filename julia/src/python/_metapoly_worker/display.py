"""Rich display in Python cells: IPython's own display machinery, published on the worker's channel.

An IPython ``InteractiveShell`` over ``__main__`` makes ``display()``, ``update_display``, ``clear_output``,
``get_ipython()`` and matplotlib's inline backend behave as under ipykernel; only its publisher is ours.
Cells themselves are still run by :mod:`.execute`, not by the shell.
"""

import os
import sys
import traceback

from IPython.core.displaypub import DisplayPublisher
from IPython.core.formatters import DisplayFormatter
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from metapoly.protocol import CLEAR_OUTPUT, DISPLAY_DATA, UPDATE_DISPLAY_DATA

from .protocol import to_json

# A representation bigger than this would freeze the notebook rather than show anything useful.
TEXT_LIMIT = 1_000_000  # characters of text/plain kept (the rest is cut, with a notice)
DATA_LIMIT = 20_000_000  # characters of any other representation (left out, with a warning)

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

# Names InteractiveShell puts in the user namespace that mean nothing here: cells are not run through
# its history, and its exit() would be a silent no-op instead of SystemExit.
_UNUSED_NAMES = ("In", "Out", "_ih", "_oh", "_dh", "_i", "_ii", "_iii", "exit", "quit")


class ChannelPublisher(DisplayPublisher):
    """Sends display data, updates and clear_output to the front end, after the output printed before."""

    output = None  # the worker's OutputBuffer, set by start_shell

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        content = {"data": cap_bundle(data), "metadata": metadata or {}, "transient": transient or {}}
        kind = UPDATE_DISPLAY_DATA if update else DISPLAY_DATA
        self.output.send_message({"type": kind}, to_json(content).encode())

    def clear_output(self, wait=False):
        self.output.send_message({"type": CLEAR_OUTPUT}, to_json({"wait": bool(wait)}).encode())


class WorkerFormatter(DisplayFormatter):
    """IPython's formatter, with a ``text/plain`` that never fails."""

    def format(self, obj, include=None, exclude=None):
        data, metadata = super().format(obj, include, exclude)
        if "text/plain" not in data and (include is None or "text/plain" in include):
            # Its __repr__ raised (and was reported as a warning): a repr that cannot fail.
            data["text/plain"] = f"<{type(obj).__module__}.{type(obj).__qualname__} object at {id(obj):#x}>"
        return data, metadata


class WorkerShell(InteractiveShell):
    """The shell behind ``get_ipython()``: what it would show as a traceback (a ``_repr_*_`` method or a
    figure that failed to render) becomes a one-line warning, and the rest of the output still shows."""

    def init_display_formatter(self):
        self.display_formatter = WorkerFormatter(parent=self)
        self.configurables.append(self.display_formatter)

    def showtraceback(self, exc_tuple=None, *args, **kwargs):
        etype, value, tb = exc_tuple if exc_tuple else sys.exc_info()
        frames = traceback.extract_tb(tb)
        # The first frame outside IPython is the method that failed (a _repr_html_, say).
        culprit = next((f.name for f in frames if "IPython" not in f.filename.split(os.sep)), None)
        what = f"{culprit}() raised " if culprit else ""
        sys.stderr.write(f"Warning: {what}{etype.__name__}: {value}; its output is not shown.\n")


def start_shell(output) -> InteractiveShell:
    """Create the shell over ``__main__``, publishing on ``output``; matplotlib figures then show inline."""
    config = Config()
    config.HistoryManager.enabled = False
    # Figures carry PNG and SVG: each front end shows the one it prefers. set_matplotlib_formats changes it.
    config.InlineBackend.figure_formats = {"png", "svg"}
    ChannelPublisher.output = output
    shell = WorkerShell.instance(config=config, user_module=sys.modules["__main__"],
                                 display_pub_class=ChannelPublisher)
    for name in _UNUSED_NAMES:
        shell.user_ns.pop(name, None)
    # Like ipykernel: pyplot picks the inline backend (no window; figures shown at the end of each cell).
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    return shell


def use_inline_matplotlib() -> None:
    """Switch pyplot (back) to the inline backend, for ``%matplotlib inline``."""
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import activate_matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    # Figures of another backend would never be shown: start afresh.
    plt.close("all")
    activate_matplotlib(INLINE_BACKEND)
    configure_inline_support(InteractiveShell.instance(), INLINE_BACKEND)


def after_request(shell: InteractiveShell) -> None:
    """What IPython does after each cell: the inline backend shows the figures the cell drew."""
    shell.events.trigger("post_execute")


def mime_bundle(value, shell: InteractiveShell) -> dict:
    """``text/plain`` and every rich representation of ``value``, as ipykernel would show it."""
    data, _ = shell.display_formatter.format(value)
    return cap_bundle(data)


def cap_bundle(data: dict) -> dict:
    """``data`` with an over-long ``text/plain`` cut (with a notice) and oversized representations left out."""
    capped = {}
    for mime, value in data.items():
        size = len(value) if isinstance(value, (str, bytes)) else 0
        if mime == "text/plain" and size > TEXT_LIMIT:
            value = (f"{value[:TEXT_LIMIT]}\n… [output cut: {size:,} characters, "
                     f"the first {TEXT_LIMIT:,} are shown]")
        elif size > DATA_LIMIT:
            sys.stderr.write(f"Warning: the {mime} representation ({size:,} characters) is over the display "
                             f"limit of {DATA_LIMIT:,} and was left out.\n")
            continue
        capped[mime] = value
    return capped
