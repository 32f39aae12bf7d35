"""Supervision of the Julia worker process: start, handshake, requests, restart, shutdown.

The worker is one ``julia`` process in its own session (so that the process-group SIGINT Jupyter may send
never reaches it) that connects back over a Unix-domain socket in a private 0700 directory: first its
Julia channel, then, once the embedded Python is up, the Python output channel. The listening socket is
removed as soon as both are connected.
"""

from __future__ import annotations

import itertools
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable

from .locate import find_julia, find_libpython, julia_project_dir
from .transport import ChannelClosed, Connection, Frame

STARTUP_TIMEOUT = float(os.environ.get("METAPOLY_STARTUP_TIMEOUT", "300"))
# How long an interrupted request may take to stop before the worker is restarted.
INTERRUPT_GRACE = float(os.environ.get("METAPOLY_INTERRUPT_GRACE", "5"))
_POLL = 0.5
# Frames the worker sends while a cell runs, each forwarded to the client as the iopub message of that type.
OUTPUT_TYPES = ("stream", "display_data", "update_display_data", "clear_output")


OutputHandler = Callable[[Frame], None]
# (prompt, password) -> (status, text): status "ok", "eof", "interrupted" or "unsupported".
InputHandler = Callable[[str, bool], tuple[str, str]]


def _no_input(prompt: str, password: bool) -> tuple[str, str]:
    return "unsupported", ""


class WorkerError(Exception):
    """A failure of the worker itself (not of user code), with a name and a message for the user."""

    def __init__(self, ename: str, message: str) -> None:
        super().__init__(message)
        self.ename = ename
        self.message = message


def describe_exit(returncode: int | None) -> str:
    """'was killed by SIGSEGV', 'exited with status 1', ... for a finished process."""
    if returncode is None:
        return "stopped answering"
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with status {returncode}"


class Worker:
    """One Julia worker process and the two connections to it."""

    def __init__(self) -> None:
        self.info: dict = {}
        self._ids = itertools.count(1)
        self._ready = threading.Event()
        self._failure: WorkerError | None = None
        self._proc: subprocess.Popen | None = None
        self._dir: str | None = None
        self._ctl: Connection | None = None
        self._py: Connection | None = None
        # interrupt() writes a byte here, which wakes the request waiting for its reply.
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._in_request = False

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker without waiting for it: the handshake completes in a background thread."""
        self._ready.clear()
        self._failure = None
        self.info = {}
        julia = find_julia()
        if not julia:
            self._fail(WorkerError("JuliaNotFound", julia.how))
            return
        self._dir = tempfile.mkdtemp(prefix="metapoly-")  # mode 0700: only this user can reach the socket
        path = os.path.join(self._dir, "worker.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        os.chmod(path, 0o600)
        listener.listen(2)
        libpython = find_libpython()
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [
                    julia.path, "--startup-file=no", "--history-file=no",
                    f"--project={julia_project_dir()}",
                    "-e", "using MetapolyWorker; MetapolyWorker.main()",
                    path, libpython.path or "", sys.executable, sys.base_prefix, str(os.getpid()),
                ],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            )
        threading.Thread(target=self._handshake, args=(listener, path), daemon=True,
                         name="metapoly-worker-start").start()

    @property
    def log_path(self) -> str:
        """The worker's own log (its stderr): where to look when it fails to start."""
        return os.path.join(self._dir or tempfile.gettempdir(), "worker.log")

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def ready(self) -> bool:
        """Whether the worker is up and answering (not starting, not failed)."""
        return self._ready.is_set() and self._failure is None

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the worker is ready; raises :class:`WorkerError` if it could not start."""
        if not self._ready.wait(timeout):
            raise WorkerError("WorkerNotReady", "The Julia worker is still starting.")
        if self._failure:
            raise self._failure

    def restart(self, graceful: bool = True) -> None:
        """Replace the worker with a fresh one (all variables in both languages are lost)."""
        self.shutdown(graceful)
        self.start()

    def shutdown(self, graceful: bool = True) -> None:
        """Stop the worker (asking it first, unless it is known to be stuck) and remove its private
        directory; leaves no process behind."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            if graceful and self._ctl is not None and self._ready.is_set():
                try:
                    self._ctl.send({"type": "shutdown_request", "id": next(self._ids)})
                    proc.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        for conn in (self._ctl, self._py):
            if conn is not None:
                conn.close()
        self._ctl = self._py = None
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _fail(self, error: WorkerError) -> None:
        self._failure = error
        self._ready.set()

    def _handshake(self, listener: socket.socket, path: str) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        try:
            self._ctl = Connection(self._accept(listener, deadline))
            self._expect(self._ctl, "hello", deadline)
            ready = self._expect(self._ctl, "ready", deadline)
            self.info.update(ready.header)
            if ready.header.get("python"):
                self._py = Connection(self._accept(listener, deadline))
                self._expect(self._py, "hello", deadline)
            self._ready.set()
        except (OSError, ChannelClosed, TimeoutError) as exc:
            self._fail(WorkerError("WorkerStartFailed", self._start_failure_message(exc)))
        finally:
            listener.close()
            try:
                os.unlink(path)
            except OSError:
                pass

    def _accept(self, listener: socket.socket, deadline: float) -> socket.socket:
        listener.settimeout(_POLL)
        while True:
            try:
                sock, _ = listener.accept()
                sock.settimeout(None)
                return sock
            except socket.timeout:
                self._check_alive(deadline)

    def _expect(self, conn: Connection, frame_type: str, deadline: float) -> Frame:
        conn.sock.settimeout(_POLL)
        try:
            while True:
                try:
                    frame = conn.receive_one()
                except socket.timeout:
                    self._check_alive(deadline)
                    continue
                if frame.type == frame_type:
                    return frame
        finally:
            conn.sock.settimeout(None)

    def _check_alive(self, deadline: float) -> None:
        if self._proc is None or self._proc.poll() is not None:
            raise ChannelClosed()
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer within {STARTUP_TIMEOUT:.0f} s")

    def _start_failure_message(self, exc: Exception) -> str:
        if self._proc is not None and self._proc.poll() is not None:
            what = describe_exit(self._proc.returncode)
        else:
            what = str(exc) or type(exc).__name__
        return (f"The Julia worker {what} while starting. The end of its log ({self.log_path}):\n"
                f"{self.log_tail()}\nRun `python -m metapoly check` to diagnose the installation; once it "
                "is fixed, `%restart` (or restarting the kernel) starts a new worker.")

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the worker's log."""
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:]).rstrip() or "(empty)"
        except OSError:
            return "(no log)"

    # -- requests ---------------------------------------------------------------------------------

    def execute(self, language: str, code: str, cell: int, on_output: OutputHandler) -> dict:
        """Run a cell without input; see :meth:`request`."""
        return self.request("execute_request", {"language": language, "cell": cell}, code, on_output)

    def request(self, request_type: str, fields: dict, body: str = "",
                on_output: OutputHandler = lambda frame: None, on_input: InputHandler = _no_input) -> dict:
        """Send one request and return its reply (a dict).

        While it runs, each output frame (``OUTPUT_TYPES``) goes to ``on_output``, and each input request to
        ``on_input``, whose ``(status, text)`` answer goes back to the worker. Raises :class:`WorkerError`
        when the worker cannot run the request or dies while running it.
        """
        self.wait_ready()
        request_id = next(self._ids)
        self._drain_wake()  # an interrupt that came before this request is not for it
        self._in_request = True
        try:
            self._ctl.send({"type": request_type, "id": request_id, **fields}, body)
            return self._await_reply(request_id, on_output, on_input)
        except (OSError, ChannelClosed):
            raise self._died() from None
        finally:
            self._in_request = False

    def interrupt(self) -> None:
        """Ask the running request to stop. Safe to call from a signal handler; does nothing when idle.

        Python code gets KeyboardInterrupt, Julia code that yields InterruptException; a request that has
        not stopped after ``INTERRUPT_GRACE`` seconds ends with the worker restarted.
        """
        if self._in_request:
            try:
                os.write(self._wake_w, b"!")
            except BlockingIOError:
                pass

    def _drain_wake(self) -> bool:
        try:
            return bool(os.read(self._wake_r, 1024))
        except BlockingIOError:
            return False

    def _await_reply(self, request_id: int, on_output: OutputHandler, on_input: InputHandler) -> dict:
        reply = None
        python_done = self._py is None
        deadline = None  # set by an interrupt
        with selectors.DefaultSelector() as selector:
            selector.register(self._wake_r, selectors.EVENT_READ)
            for conn in (self._ctl, self._py):
                if conn is not None:
                    selector.register(conn, selectors.EVENT_READ)
            while True:
                for conn in (self._ctl, self._py):
                    for frame in conn.buffered() if conn is not None else ():
                        if frame.type in OUTPUT_TYPES:
                            on_output(frame)
                        elif frame.type == "input_request":
                            # Asked by Julia on its channel or by Python on its own: answered on the same.
                            status, text = on_input(frame.header.get("prompt", ""),
                                                    bool(frame.header.get("password")))
                            conn.send({"type": "input_reply", "status": status}, text)
                        elif frame.header.get("id") != request_id:
                            continue
                        elif frame.type == "done":
                            python_done = True
                        elif frame.type.endswith("_reply"):
                            reply = frame.json()
                if reply is not None and python_done:
                    break
                timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
                events = selector.select(timeout)
                # (Output still flowing from a thread does not mean the interrupted code stopped.)
                if deadline is not None and time.monotonic() >= deadline:
                    raise self._restarted_after_interrupt()
                for key, _ in events:
                    if key.fileobj != self._wake_r:
                        key.fileobj.fill()
                    elif self._drain_wake() and deadline is None:
                        self._send_interrupt()
                        deadline = time.monotonic() + INTERRUPT_GRACE
        return reply

    def _send_interrupt(self) -> None:
        # Both languages hear it: each stops its own user code, if it is running any.
        for conn in (self._ctl, self._py):
            if conn is not None:
                conn.send({"type": "interrupt"})

    def _restarted_after_interrupt(self) -> WorkerError:
        self.restart(graceful=False)
        return WorkerError(
            "WorkerRestarted",
            f"The cell did not stop within {INTERRUPT_GRACE:g} s of the interrupt (Julia code that never "
            "yields, such as a tight loop, or Python stuck in a C call cannot be stopped in place), so the "
            "worker was restarted: variables in both languages were lost. METAPOLY_INTERRUPT_GRACE sets the "
            "grace period in seconds.",
        )

    def _died(self) -> WorkerError:
        proc = self._proc
        if proc is not None:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        returncode = proc.returncode if proc else None
        tail = self.log_tail(5)
        self.restart()
        log = f"\nThe end of the worker's log:\n{tail}" if tail not in ("(empty)", "(no log)") else ""
        return WorkerError(
            "WorkerDied",
            f"The Julia worker {describe_exit(returncode)}{_likely_cause(returncode)} while running this "
            f"cell. A fresh worker has been started: variables in both languages were lost.{log}",
        )


def _likely_cause(returncode: int | None) -> str:
    if returncode == 0:
        return " (did the code call exit()?)"
    if returncode == -signal.SIGKILL:
        return " (killed from outside, or by the system when memory ran out)"
    if returncode is not None and returncode < 0:
        return " (a crash: an invalid memory access or an abort in Julia, Python or a library)"
    return ""
