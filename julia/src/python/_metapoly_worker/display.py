"""Rich display in Python cells: IPython's own display machinery, published on the worker's channel.

The worker's shell (:mod:`.shell`) makes ``display()``, ``update_display``, ``clear_output`` and
matplotlib's inline backend behave as under ipykernel; only the publisher and the formatter's failures
are ours.
"""

import sys

from IPython.core.displaypub import DisplayPublisher
from IPython.core.formatters import DisplayFormatter
from IPython.core.interactiveshell import InteractiveShell

from metapoly.protocol import CLEAR_OUTPUT, DISPLAY_DATA, UPDATE_DISPLAY_DATA

from .protocol import to_json

# A representation bigger than this would freeze the notebook rather than show anything useful.
TEXT_LIMIT = 1_000_000  # characters of text/plain kept (the rest is cut, with a notice)
DATA_LIMIT = 20_000_000  # characters of any other representation (left out, with a warning)


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
    """IPython's formatter, with a ``text/plain`` that never fails. ``formatting`` is true while it runs, so
    that the shell turns the tracebacks of failing ``_repr_*_`` methods into warnings."""

    formatting = False

    def format(self, obj, include=None, exclude=None):
        self.formatting = True
        try:
            data, metadata = super().format(obj, include, exclude)
        finally:
            self.formatting = False
        if "text/plain" not in data and (include is None or "text/plain" in include):
            # Its __repr__ raised (and was reported as a warning): a repr that cannot fail.
            data["text/plain"] = f"<{type(obj).__module__}.{type(obj).__qualname__} object at {id(obj):#x}>"
        return data, metadata


def after_request(shell: InteractiveShell) -> None:
    """What IPython does after each cell: the inline backend shows the figures the cell drew."""
    shell.events.trigger("post_execute")


def mime_bundle(value, shell: InteractiveShell) -> dict:
    """``text/plain`` and every rich representation of ``value``, as ipykernel would show it."""
    data, _ = shell.display_formatter.format(value)
    return cap_bundle(data)


def cap_bundle(data: dict) -> dict:
    """``data`` with an over-long ``text/plain`` cut (with a notice) and oversized representations left
    out."""
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
