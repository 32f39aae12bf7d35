"""Processes started from the worker: what they inherit of it, and that they end with it.

Julia blocks SIGINT, SIGTERM, SIGQUIT, SIGUSR1 and SIGABRT in its main thread (a thread of its own waits
for them), and a process started from that thread inherits the mask: a multiprocessing pool's process could
then not be ended by its ``terminate()`` (SIGTERM), and ``with Pool(...)`` waited forever for it. Every
process the worker's Python starts (``os.fork``, ``subprocess``, multiprocessing's fork, spawn and forkserver)
starts with no signal blocked. (Julia's ``run`` clears the mask itself.)

A child forked by the main thread (a multiprocessing Manager, ``os.fork`` in a cell) also gets a
parent-death signal, as the worker has with the front end: a front end killed on its own leaves none of
them behind. (Only the main thread's: Linux sends the signal when the thread that forked ends.)
"""

import _posixsubprocess
import ctypes
import functools
import os
import signal
import subprocess
import sys
import threading

PR_SET_PDEATHSIG = 1
_MAIN_THREAD = threading.get_ident()  # (the worker's Python half is imported by Julia's main thread)
# (Looked up now: a child forked from a process of many threads must not load anything.)
_PRCTL = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
_forked_by_main_thread, _forking_process = False, 0


def install() -> None:
    """Apply both rules to the processes started from now on."""
    # subprocess and multiprocessing's spawn and forkserver start processes in C, with no fork hook (and
    # subprocess holds its own name for fork_exec).
    _posixsubprocess.fork_exec = _unblocked(_posixsubprocess.fork_exec)
    if getattr(subprocess, "_fork_exec", None) is not None:
        subprocess._fork_exec = _unblocked(subprocess._fork_exec)
    for name in ("posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            setattr(os, name, _unblocked(getattr(os, name)))
    os.register_at_fork(before=_before_fork, after_in_child=_in_forked_child)


def _unblocked(start):
    # The calling thread's mask is cleared for the call: the child inherits it.
    @functools.wraps(start)
    def call(*args, **kwargs):
        blocked = signal.pthread_sigmask(signal.SIG_SETMASK, ())
        try:
            return start(*args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    return call


def _before_fork() -> None:
    global _forked_by_main_thread, _forking_process
    _forked_by_main_thread, _forking_process = threading.get_ident() == _MAIN_THREAD, os.getpid()


def _in_forked_child() -> None:
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    if _forked_by_main_thread and _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _forking_process:  # (the parent died meanwhile)
            os._exit(0)
