"""``jupyter console``, a real terminal client, in a pseudo-terminal: multi-line cells in both languages run
when the user is done typing them (is_complete), and ``exit`` leaves the console and stops the kernel."""

import os
import re
import sys
import time
from pathlib import Path

import pexpect

CONSOLE = Path(sys.executable).with_name("jupyter-console")


class Console:
    """A jupyter console on a metapoly kernel, typed into as a user does."""

    def __init__(self, **env: str) -> None:
        self.child = pexpect.spawn(str(CONSOLE), ["--kernel", "metapoly"], encoding="utf-8", timeout=120,
                                   env={**os.environ, "TERM": "xterm", **env}, dimensions=(50, 200))
        self.seen = []

    def screen(self) -> str:
        """Everything shown so far, without the terminal's control sequences."""
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r", "", "".join(self.seen))

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            try:
                self.seen.append(self.child.read_nonblocking(1 << 20, timeout=0.5))
            except pexpect.TIMEOUT:
                pass
            assert time.monotonic() < deadline, \
                f"{text!r} never showed; the screen ends:\n{self.screen()[-2000:]}"

    def type(self, *lines: str) -> None:
        for line in lines:
            self.child.send(line + "\r")
            time.sleep(0.3)  # (as a person types: each Enter is answered before the next line)


def test_up_arrow_brings_back_cells_of_an_earlier_session(tmp_path):
    # (A history of its own: other kernels of the test run store cells in theirs meanwhile.)
    history = str(tmp_path / "history.sqlite")
    first = Console(METAPOLY_HISTORY=history)
    try:
        first.wait_for("In [1]: ")
        first.type("console_marker = 1", "exit")
        first.child.expect(pexpect.EOF)
    finally:
        first.child.close(force=True)
    second = Console(METAPOLY_HISTORY=history)
    try:
        second.wait_for("In [1]: ")
        second.seen.clear()
        second.child.send("\x1b[A")  # (Up)
        second.wait_for("console_marker = 1")
        second.type("", "exit")
        second.child.expect(pexpect.EOF)
    finally:
        second.child.close(force=True)


def test_multi_line_cells_in_both_languages_and_exit():
    console = Console()
    try:
        console.wait_for("In [1]: ")
        # The console indents the body itself; an empty line ends the block, as with ipykernel.
        console.type("def sq(n):", "r = n * n", "return r", "", "sq(7)")
        console.wait_for("Out[2]: 49")
        console.type("%%julia", "function cube(x)", "x^3", "end", "", "%julia cube(3)")
        console.wait_for("Out[4]: 27")
        console.type("exit")
        console.child.expect(pexpect.EOF)
    finally:
        console.child.close(force=True)
    assert console.child.exitstatus == 0


def test_the_console_keeps_the_kernels_is_complete_after_the_first_cell():
    # The console gives up on a kernel's is_complete that takes over a second (the worker's warm-up after
    # the first cell once took longer), and from then on runs a line only after an empty one.
    console = Console()
    try:
        console.wait_for("In [1]: ")
        console.type("1 + 1")
        console.wait_for("Out[1]: 2")
        console.type("40 + 2")
        console.wait_for("Out[2]: 42", timeout=10)
        # (debugpy's warning about frozen modules used to be the first thing the console showed.)
        assert "frozen modules" not in console.screen()
        console.type("exit")
        console.child.expect(pexpect.EOF)
    finally:
        console.child.close(force=True)
