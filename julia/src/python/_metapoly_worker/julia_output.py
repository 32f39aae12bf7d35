"""Julia's output through Python (the other half: julia_output.jl): Julia hands its text, displays and
input prompts to the same output buffer as Python's, so that everything a cell shows keeps its order, and
reads the flag and descriptors that order C code's and child processes' output after Julia's text.

Julia calls these while its own code runs: an interrupt meant for that code (which Julia also gets on its
own channel) must not fail them (``interrupts.for_julia``).
"""

from __future__ import annotations

import ctypes
import json

from IPython.core.error import StdinNotImplementedError

from . import interrupts, stdio, user_input

_output = None


def install(output) -> None:
    """Hand Julia's output to ``output`` (the worker's OutputBuffer)."""
    global _output
    _output = output


@interrupts.for_julia
def julia_output(name: str, data: bytes, request: int) -> None:
    """Text Julia printed (as ``request``'s output), joining Python's in order."""
    _output.write(name, data.decode("utf-8", "replace"), request)


@interrupts.for_julia
def julia_event(kind: str, body: str) -> None:
    """An output event of Julia's (a display, clear_output) for the current request, after the text
    before it."""
    _output.send_message({"type": kind}, body.encode("utf-8"))


@interrupts.for_julia
def child_output() -> None:
    """Hand what C code and child processes wrote so far to the output buffer (before Julia prints more)."""
    stdio.sync_descriptors()


@interrupts.for_julia
def julia_input() -> str:
    """A line for Julia's ``stdin``, asked after all output before it: ``{"status", "line"}`` (JSON)."""
    try:
        return json.dumps({"status": "ok", "line": user_input.request_input("", False, "readline()")})
    except EOFError:
        return json.dumps({"status": "eof"})
    except KeyboardInterrupt:
        return json.dumps({"status": "interrupted"})
    except StdinNotImplementedError:
        return json.dumps({"status": "unsupported"})


def descriptor_readers() -> str:
    """The read ends of the pipes behind descriptors 1 and 2 (JSON), for Julia to see whether output waits."""
    return json.dumps(stdio.descriptor_readers())


def julia_pending_address() -> int:
    """The address of the flag Julia sets while it has text pending (``stdio.JULIA_PENDING``)."""
    return ctypes.addressof(stdio.JULIA_PENDING)
