"""``input()``, ``getpass()`` and ``sys.stdin`` in Python cells: each read asks the notebook's user.

The request leaves after the output printed before it; the front end answers on the same connection with a
``status`` ("ok", "eof", "interrupted" or "unsupported" when the client sent ``allow_stdin: false``).
"""

import builtins
import getpass
import io
import queue
import sys
import threading

from IPython.core.error import StdinNotImplementedError

from metapoly.protocol import INPUT_REQUEST

_lock = threading.Lock()
_replies = queue.Queue()
_output = None


def install(output) -> None:
    """Route ``input``, ``getpass.getpass`` and ``sys.stdin`` through the front end, after ``output``."""
    global _output
    _output = output
    builtins.input = ask
    getpass.getpass = ask_password
    sys.stdin = StdinReader()


def ask(prompt="") -> str:
    """``input()``: the line the user typed, without its newline."""
    return request_input(str(prompt), False, "input()")


def ask_password(prompt="Password: ", stream=None) -> str:
    """``getpass.getpass()``: the front end hides what is typed."""
    return request_input(str(prompt), True, "getpass()")


def request_input(prompt: str, password: bool, caller: str) -> str:
    """Send an input request and wait for the user's answer.

    Raises EOFError (the user sent end of input), KeyboardInterrupt (the prompt was interrupted) or
    StdinNotImplementedError (the client does not accept input).
    """
    with _lock:
        _output.send_message({"type": INPUT_REQUEST, "prompt": prompt, "password": password})
        header, body = _replies.get()
    status = header.get("status")
    if status == "ok":
        return body.decode("utf-8", "replace")
    if status == "eof":
        raise EOFError(f"{caller}: end of input")
    if status == "interrupted":
        raise KeyboardInterrupt("interrupted while waiting for input")
    raise StdinNotImplementedError("raw_input was called, but this frontend does not support input requests.")


def deliver(header: dict, body: bytes) -> None:
    """Hand the front end's answer to the waiting request (called by the connection's reader thread)."""
    _replies.put((header, body))


class StdinReader(io.TextIOBase):
    """``sys.stdin``: each line read is one input request."""

    @property
    def name(self) -> str:
        return "<stdin>"

    @property
    def encoding(self) -> str:
        return "utf-8"

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def readline(self, size=-1) -> str:
        try:
            return request_input("", False, "sys.stdin.readline()") + "\n"
        except EOFError:
            return ""
