"""The worker process: starting it, its handshake, its log, how it ended, stopping it.

The worker is one ``julia`` process in its own session (so that the process-group SIGINT Jupyter may send
never reaches it) that connects back over a Unix-domain socket in a private 0700 directory: first its
Julia connection, then, once the embedded Python is up, the Python one. The listening socket is removed as
soon as both are connected. What travels on the connections is the session's business
(:mod:`metapoly.session`); this module only brings them up. How a worker's end is put in words (its exit
status, a known cause) is :mod:`metapoly.worker_errors`'s.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import cell_files, orphans, processes, protocol
from .locate import Found, find_julia, find_libpython, julia_project_dir
from .protocol import (
    ARGV_VARIABLE,
    CELL_DIRECTORY_VARIABLE,
    STDERR_PIPE_VARIABLE,
    ChannelClosed,
    Connection,
    Frame,
)
from .sysimage import current_image, reject
from .worker_errors import WorkerError, describe_exit, start_crash_cause

STARTUP_TIMEOUT = float(os.environ.get("METAPOLY_STARTUP_TIMEOUT", "300"))
_POLL = 0.5


@dataclass
class WorkerLinks:
    """The connections of one running worker, and what it said when it was ready."""

    julia: Connection
    python: Connection | None = None
    info: dict = field(default_factory=dict)

    def close(self) -> None:
        for conn in (self.julia, self.python):
            if conn is not None:
                conn.close()


class Supervisor:
    """Starts and stops one worker process at a time; ``on_connected(links)`` is called (from a thread of
    its own) each time a started worker has completed its handshake.

    Workers start with the system image built for their Julia (:mod:`metapoly.sysimage`) when there is a
    current one; a worker that cannot start with it is started again without it, and the image is no longer
    used. ``julia`` (default: the one :func:`find_julia` finds), ``julia_args`` and ``use_image`` are for
    building the image."""

    def __init__(self, on_connected: Callable[[WorkerLinks], None] = lambda links: None,
                 julia: str | None = None, julia_args: Iterable[str] = (), use_image: bool = True) -> None:
        self._on_connected = on_connected
        self._julia, self._julia_args, self._use_image = julia, tuple(julia_args), use_image
        self.image: str | None = None  # the system image of the running worker
        self._ready = threading.Event()
        self._failure: WorkerError | None = None
        self._proc: subprocess.Popen | None = None
        self._dir: str | None = None
        self._stderr_reader: int | None = None  # the read end of the worker's stderr pipe
        self.links: WorkerLinks | None = None

    def start(self) -> None:
        """Start a worker without waiting for it: the handshake completes in a background thread."""
        self._ready.clear()
        self._failure = None
        self.links = None
        julia = Found(self._julia, "given") if self._julia else find_julia()
        if julia.path is None:
            self._fail(WorkerError("JuliaNotFound", "Every cell, Python's too, runs in metapoly's Julia "
                                   f"worker (Python is embedded in it), so Julia is needed. {julia.how}"))
            return
        orphans.sweep()
        self._dir = tempfile.mkdtemp(prefix="metapoly-")  # mode 0700: only this user can reach the socket
        orphans.mark(self._dir)
        path = os.path.join(self._dir, "worker.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        os.chmod(path, 0o600)
        listener.listen(2)
        libpython = find_libpython()
        self.image = current_image(julia.path) if self._use_image else None
        # The pipe the worker's stderr is captured through is made here, and its read end kept: what a
        # crashing worker wrote last (Julia's crash report) is still in it once the worker is gone.
        stderr_read, stderr_write = os.pipe()
        self._stderr_reader = stderr_read
        with open(self.log_path, "ab") as log:
            proc = self._proc = subprocess.Popen(
                [
                    # One thread, whatever JULIA_NUM_THREADS says: the worker's state belongs to its main
                    # thread, and `-t1` also keeps Julia 1.12 from starting an interactive thread.
                    julia.path, "--startup-file=no", "--history-file=no", "--threads=1",
                    f"--project={julia_project_dir()}", *([f"--sysimage={self.image}"] if self.image else []),
                    *self._julia_args, "-e", "using MetapolyWorker; MetapolyWorker.main()",
                    path, libpython.path or "", sys.executable, sys.base_prefix, str(os.getpid()),
                ],
                # (In the kernel's process group, as ipykernel's children are: a client that kills the
                # kernel's group on a forced shutdown or restart ends the worker and what it started too.)
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                pass_fds=(stderr_read, stderr_write),
                env={**os.environ, STDERR_PIPE_VARIABLE: f"{stderr_read},{stderr_write}",
                     ARGV_VARIABLE: json.dumps(sys.argv),
                     CELL_DIRECTORY_VARIABLE: cell_files.cell_directory()},
            )
        os.close(stderr_write)
        os.set_blocking(stderr_read, False)
        threading.Thread(target=self._handshake, args=(listener, path, proc), daemon=True,
                         name="metapoly-worker-start").start()

    @property
    def log_path(self) -> str:
        """The worker's own log (its stderr): where to look when it fails to start."""
        return os.path.join(self._dir or tempfile.gettempdir(), "worker.log")

    @property
    def directory(self) -> str | None:
        """The private directory of the running worker (its socket, then its log)."""
        return self._dir

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def ready(self) -> bool:
        """Whether the worker is up and connected (not starting, not failed)."""
        return self._ready.is_set() and self._failure is None

    def wait_ready(self, timeout: float | None = None) -> WorkerLinks | None:
        """Block until the worker is connected; raises :class:`WorkerError` if it could not start. Its
        connections (None if it was stopped meanwhile)."""
        if not self._ready.wait(timeout):
            raise WorkerError("WorkerNotReady", "The Julia worker is still starting.")
        if self._failure:
            raise self._failure
        return self.links

    def exit_status(self, timeout: float) -> int | None:
        """The worker's exit status, waiting up to ``timeout`` seconds for it to end; None if it runs on."""
        proc = self._proc
        if proc is None:
            return None
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, grace: float = 0) -> None:
        """Give the worker ``grace`` seconds to exit by itself, then kill it and every process it started
        that is still running (a multiprocessing manager, a forked child, a subprocess); close its
        connections and remove its private directory. Leaves no process behind."""
        proc, self._proc = self._proc, None
        if proc is not None:
            started = processes.descendants(proc.pid)  # (before the worker exits: then they are its own)
            if proc.poll() is None:
                try:
                    proc.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    pass
            processes.kill(proc.pid)
            for pid, start in {**started, **processes.descendants(proc.pid)}.items():
                if processes.start_time(pid) == start:  # (not another process that got its pid since)
                    processes.kill(pid)
            proc.wait()
        if self.links is not None:
            self.links.close()
        self.links = None
        self._drain_stderr_into_log()
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the worker's log (with, once it has ended, what it wrote last to stderr)."""
        self._drain_stderr_into_log(if_ended=True)
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:]).rstrip() or "(empty)"
        except OSError:
            return "(no log)"

    def log_size(self) -> int:
        """How long the worker's log is now: where what happens next begins (see :meth:`crash_report`)."""
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def crash_report(self, since: int = 0, lines: int = 8) -> str | None:
        """The start of the last report of a fatal signal Julia wrote to the worker's log after byte ``since``
        (``signal (11): Segmentation fault``, where, the first frames), or None."""
        self._drain_stderr_into_log(if_ended=True)
        try:
            with open(self.log_path, "rb") as log:
                log.seek(since)
                text = log.read().decode(errors="replace")
        except OSError:
            return None
        at = text.rfind("\nsignal (")
        if at < 0 and not text.startswith("signal ("):
            return None
        return "\n".join(text[at + 1:].splitlines()[:lines])

    def _drain_stderr_into_log(self, if_ended: bool = False) -> None:
        # What the worker's stderr capture had not drained when it ended goes to its log (`if_ended`: only if
        # it has ended; its pipe is its own while it runs).
        if if_ended and (self._proc is None or self._proc.poll() is None):
            return
        reader, self._stderr_reader = self._stderr_reader, None
        if reader is None:
            return
        if self._dir is None:
            os.close(reader)
            return
        try:
            with open(self.log_path, "ab") as log:
                while data := os.read(reader, 1 << 16):
                    log.write(data)
        except (BlockingIOError, OSError):
            pass
        finally:
            os.close(reader)

    def _fail(self, error: WorkerError) -> None:
        self._failure = error
        self._ready.set()

    def _handshake(self, listener: socket.socket, path: str, proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        try:
            links = WorkerLinks(Connection(self._accept(listener, proc, deadline)))
            self._expect(links.julia, protocol.HELLO, proc, deadline)
            links.info.update(self._expect(links.julia, protocol.READY, proc, deadline).header)
            if links.info.get("python"):  # (the ready frame says whether Python is coming)
                links.python = Connection(self._accept(listener, proc, deadline))
                self._expect(links.python, protocol.HELLO, proc, deadline)
            if proc is not self._proc:  # stopped meanwhile
                links.close()
                return
            self.links = links
            self._on_connected(links)
            self._ready.set()
        except (OSError, ChannelClosed, TimeoutError) as exc:
            ended = isinstance(exc, ChannelClosed) and _ended(proc)
            if proc is self._proc and self.image and ended:
                self._start_without_image(self.image,
                                          f"the worker {describe_exit(proc.returncode)} starting with it")
            elif proc is self._proc:
                self._fail(WorkerError("WorkerStartFailed", self._start_failure_message(exc)))
        finally:
            listener.close()
            try:
                os.unlink(path)
            except OSError:
                pass

    def _start_without_image(self, image: str, reason: str) -> None:
        # A corrupt image, or one of a Julia that changed in place: a worker must start all the same.
        reject(image, reason)
        self.stop()
        self.start()
        with open(self.log_path, "a") as log:
            log.write(f"[metapoly] the system image {image} was not used: {reason}\n")

    def _accept(self, listener: socket.socket, proc: subprocess.Popen, deadline: float) -> socket.socket:
        listener.settimeout(_POLL)
        while True:
            try:
                sock, _ = listener.accept()
                sock.settimeout(None)
                return sock
            except socket.timeout:
                self._check_alive(proc, deadline)

    def _expect(self, conn: Connection, frame_type: str, proc: subprocess.Popen, deadline: float) -> Frame:
        conn.sock.settimeout(_POLL)
        try:
            while True:
                try:
                    frame = conn.receive_one()
                except socket.timeout:
                    self._check_alive(proc, deadline)
                    continue
                if frame.type == frame_type:
                    return frame
        finally:
            conn.sock.settimeout(None)

    def _check_alive(self, proc: subprocess.Popen, deadline: float) -> None:
        if proc is not self._proc or proc.poll() is not None:
            raise ChannelClosed()
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer within {STARTUP_TIMEOUT:.0f} s")

    def _start_failure_message(self, exc: Exception) -> str:
        if self._proc is not None and _ended(self._proc):
            what = describe_exit(self._proc.returncode) + start_crash_cause(self._proc)
        else:
            what = str(exc) or type(exc).__name__
        return (f"The Julia worker {what} while starting. The end of its log ({self.log_path}):\n"
                f"{self.log_tail()}\nRun `python -m metapoly check` to diagnose the installation; once it "
                "is fixed, `%restart` (or restarting the kernel) starts a new worker.")


def _ended(proc: subprocess.Popen) -> bool:
    # Its connection closes a moment before the process can be reaped: its exit status says why.
    try:
        proc.wait(timeout=2)
        return True
    except subprocess.TimeoutExpired:
        return False
