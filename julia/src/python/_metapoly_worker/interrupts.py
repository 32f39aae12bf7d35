"""Interrupting Python user code in place, on the front end's request.

Julia's runtime blocks SIGINT in the main thread (its signal listener thread owns it), so SIGINT cannot reach
Python code there. A thread of the worker reads the interrupt request from the channel and sends a signal
of our own to the main thread: the signal cuts short a blocking call (``time.sleep``, a lock, I/O), and its
Python handler raises KeyboardInterrupt at the next bytecode. The handler raises only for a pending
request made while user code ran, so a late signal can never hit the worker's own code.
"""

import functools
import signal
import threading
from contextlib import contextmanager

# A real-time signal: nothing in Julia or CPython uses it, and it is not blocked in the main thread.
INTERRUPT_SIGNAL = signal.SIGRTMIN + 3

_main_thread = threading.main_thread().ident
_depth = 0  # user code running on the main thread (nested: a Julia cell calling pyeval...)
_pending = False


def install() -> None:
    """Install the handler; call on the main thread. (Until then, requests do nothing: the signal's
    default action would end the process.)"""
    global _installed
    signal.signal(INTERRUPT_SIGNAL, _on_signal)
    _installed = True


_installed = False


def install_in_added_process(name: str) -> None:
    """In a Julia process that Distributed added (no front end, no channel): the kernel's worker interrupts
    its remote work by sending it the signal ``name`` (one ignored by default), which raises
    KeyboardInterrupt in the Python code of that work. The process's Julia side counts its work in
    ``_depth``, and runs a signal left over from finished work before new work begins."""
    signal.signal(getattr(signal, name), _on_signal_from_kernel)


def _on_signal_from_kernel(signum, frame):
    if _depth > 0:
        raise KeyboardInterrupt


@contextmanager
def user_code():
    """Mark the main thread as running user code: interrupt requests raise KeyboardInterrupt in it."""
    begin_user_code()
    try:
        yield
    finally:
        end_user_code()


@contextmanager
def deadline(seconds: float):
    """``user_code`` that is also interrupted (KeyboardInterrupt) if it runs longer than ``seconds``."""
    global _deadline
    token = _deadline = object()
    timer = threading.Timer(seconds, lambda: _deadline is token and request())
    timer.daemon = True
    with user_code():
        timer.start()
        try:
            yield
        finally:
            _deadline = None
            timer.cancel()


_deadline = None


def begin_user_code() -> None:
    """``user_code`` for a span that is not one Python block: a Julia cell, whose Python calls may be
    interrupted (each begin is ended by ``end_user_code``)."""
    global _depth, _pending
    if _depth == 0:
        _pending = False
        for hook in before_work:
            hook()
    _depth += 1


def end_user_code() -> None:
    global _depth, _pending
    _depth -= 1
    if _depth == 0:
        _pending = False


# Called as user code begins on the main thread: the debugger puts back a trace function that an interrupt
# took away (Python drops a trace function an exception comes out of, and pydevd's compiled one calls the
# standard library, where the signal cannot tell it apart from the cell's code).
before_work: list = []

# Called before the signal is sent: the debugger lets go of a main thread it holds at a breakpoint, which
# must run to hear the interrupt.
before_interrupt: list = []


def request() -> None:
    """Interrupt the user code running now, if any (called from the channel's reader thread)."""
    global _pending
    if _depth > 0 and _installed:
        for hook in before_interrupt:
            hook()
        _pending = True
        signal.pthread_kill(_main_thread, INTERRUPT_SIGNAL)


def for_julia(f):
    """Mark ``f`` as output plumbing Julia calls while its own code runs (Julia's prints): an interrupt
    meant for that code, which Julia gets on its own channel too, must not fail it."""
    @functools.wraps(f)
    def call(*args):
        try:
            return f(*args)
        except KeyboardInterrupt:
            return None
    return call


# (Every function for_julia makes shares this code object: a signal taken in its frame is not raised.)
_FOR_JULIA = for_julia(lambda: None).__code__


# Folders of code in which the interrupt waits until the thread is out of them: a debugger's trace function,
# which Python stops calling once an exception comes out of it (the debugger adds its own).
deferred_in: list = []
DEFER_DELAY = 0.002


def _on_signal(signum, frame):
    global _pending
    if _pending:
        if frame is not None and deferred_in and _inside(frame, tuple(deferred_in)):
            threading.Timer(DEFER_DELAY, signal.pthread_kill, (_main_thread, INTERRUPT_SIGNAL)).start()
            return
        _pending = False
        if frame is not None and frame.f_code is _FOR_JULIA:
            return
        raise KeyboardInterrupt


def _inside(frame, folders: tuple) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith(folders):
            return True
        frame = frame.f_back
    return False
