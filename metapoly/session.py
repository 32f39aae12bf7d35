"""The front end's session with the worker: requests, their output and input, interrupts, events.

The kernel sees requests and replies only. How the worker answers is hidden here: it has two connections
(Julia's, and the embedded Python's, on which Python threads stream output while Julia's main thread is
busy), so a request is complete when its reply has come on one and Python's end-of-request marker on the
other; an interrupt goes to both; input is answered on the connection that asked. One reader thread per
worker routes every incoming frame by its request id: to the request waiting for it, or, for frames that
belong to no running request (output of a background task while the worker is idle), to ``on_event``.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import selectors
import threading
import time
from collections.abc import Callable

from . import protocol
from .protocol import ChannelClosed, Connection, Frame
from .supervisor import Supervisor, WorkerLinks
from .worker_errors import WorkerError, describe_exit, likely_cause

__all__ = ["WorkerSession", "INTERRUPT_GRACE"]

# How long an interrupted request may take to stop before the worker is restarted.
INTERRUPT_GRACE = float(os.environ.get("METAPOLY_INTERRUPT_GRACE", "5"))

OutputHandler = Callable[[Frame], None]
# (prompt, password) -> (status, text): status "ok", "eof", "interrupted" or "unsupported".
InputHandler = Callable[[str, bool], tuple[str, str]]

# Put in a request's queue by interrupt() (from a signal handler: SimpleQueue.put is reentrant) and by
# the reader thread when the worker's connection ends.
_INTERRUPT = object()
_CLOSED = object()


def _no_input(prompt: str, password: bool) -> tuple[str, str]:
    return "unsupported", ""


class _Link:
    """One worker's connections, read by a thread of their own, and the requests waiting on them."""

    def __init__(self, links: WorkerLinks) -> None:
        self.links = links
        self.pending: dict[int, queue.SimpleQueue] = {}
        self.closed = False


class WorkerSession:
    """Requests to one worker at a time, restarted as needed; the only way the kernel reaches it."""

    def __init__(self, on_event: Callable[[Frame], None] = lambda frame: None,
                 supervisor: Callable[..., Supervisor] = Supervisor) -> None:
        """``on_event(frame)`` receives what the worker sends outside any request; ``supervisor`` makes the
        process supervisor, given the callback for each worker's connections."""
        self.on_event = on_event
        self._ids = itertools.count(1)
        self._link: _Link | None = None
        self.supervisor = supervisor(on_connected=self._attach)

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start a worker without waiting for it."""
        self.supervisor.start()

    @property
    def ready(self) -> bool:
        """Whether the worker is up and answering (not starting, not failed)."""
        return self.supervisor.ready

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the worker is ready; raises :class:`WorkerError` if it could not start."""
        self.supervisor.wait_ready(timeout)

    @property
    def info(self) -> dict:
        """What the worker said when it was ready (``pid``, ``julia_version``, ``python_status``...)."""
        links = self.supervisor.links
        return links.info if links is not None else {}

    @property
    def busy(self) -> bool:
        """Whether a request is being served (a cell running, say): another would wait for its end."""
        link = self._link
        return link is not None and bool(link.pending)

    @property
    def pid(self) -> int | None:
        return self.supervisor.pid

    def restart(self, graceful: bool = True) -> None:
        """Replace the worker with a fresh one (all variables in both languages are lost)."""
        self.shutdown(graceful)
        self.start()

    def shutdown(self, graceful: bool = True) -> None:
        """Stop the worker (asking it first, unless it is known to be stuck); leaves no process behind."""
        link = self._link
        grace = 0.0
        if graceful and link is not None and not link.closed and self.supervisor.ready:
            try:
                link.links.julia.send({"type": protocol.SHUTDOWN_REQUEST, "id": next(self._ids)})
                grace = 2.0
            except OSError:
                pass
        self.supervisor.stop(grace)

    def _attach(self, links: WorkerLinks) -> None:
        link = self._link = _Link(links)
        threading.Thread(target=self._read, args=(link,), daemon=True, name="metapoly-session").start()

    # -- reading ----------------------------------------------------------------------------------

    def _read(self, link: _Link) -> None:
        conns = [c for c in (link.links.julia, link.links.python) if c is not None]
        try:
            with selectors.DefaultSelector() as selector:
                for conn in conns:
                    selector.register(conn, selectors.EVENT_READ, conn)
                while True:
                    for key, _ in selector.select():
                        ready: Connection = key.data
                        ready.fill()
                        for frame in ready.buffered():
                            self._route(link, frame, ready)
        except (OSError, ValueError, ChannelClosed):  # the worker ended, or the session closed it
            pass
        link.closed = True
        for waiting in list(link.pending.values()):
            waiting.put(_CLOSED)

    def _route(self, link: _Link, frame: Frame, conn: Connection) -> None:
        waiting = link.pending.get(frame.id)
        if waiting is not None:
            waiting.put((frame, conn))
        elif frame.type == protocol.INPUT_REQUEST:
            # Nobody can answer a prompt outside a request; the asking code must not wait forever.
            conn.send({"type": protocol.INPUT_REPLY, "id": frame.id, "status": "unsupported"})
        else:
            try:
                self.on_event(frame)
            except Exception:  # the reader must go on: it is the only one
                logging.getLogger(__name__).exception("handling an event of the worker failed")

    # -- requests ---------------------------------------------------------------------------------

    def execute(self, language: str, code: str, cell: int, on_output: OutputHandler) -> dict:
        """Run a cell without input (see :meth:`request`); the reply's ``data`` is the cell's value in either
        language (a Python cell sends it as an ``execute_result`` event)."""
        values: list[Frame] = []

        def output(frame: Frame) -> None:
            (values.append if frame.type == protocol.EXECUTE_RESULT else on_output)(frame)

        reply = self.request(protocol.EXECUTE_REQUEST, {"language": language, "cell": cell}, code, output)
        if values:
            reply["data"] = values[-1].json()["data"]
        return reply

    def request(self, request_type: str, fields: dict, body: str = "",
                on_output: OutputHandler = lambda frame: None, on_input: InputHandler = _no_input,
                on_start: Callable[[int], None] = lambda request_id: None) -> dict:
        """Send one request and return its reply (a dict).

        ``on_start`` learns the request's id (which later events of its threads carry). While it runs, each
        output frame (``protocol.OUTPUT_TYPES``) goes to ``on_output``, and each input request to
        ``on_input``, whose ``(status, text)`` answer goes back to the worker. Requests may be
        made from several threads: the worker serves them in turn. Raises :class:`WorkerError` when the
        worker cannot run the request or dies while running it.
        """
        self.supervisor.wait_ready()
        link = self._link
        assert link is not None  # (attached before the worker is ready)
        request_id = next(self._ids)
        on_start(request_id)
        waiting: queue.SimpleQueue = queue.SimpleQueue()
        link.pending[request_id] = waiting
        log_start = self.supervisor.log_size()  # (a crash report before it is another request's)
        try:
            if link.closed:  # (checked after registering: the reader closes the link, then wakes the waiting)
                raise ChannelClosed()
            link.links.julia.send({"type": request_type, "id": request_id, **fields}, body)
            return self._await_reply(link, request_id, protocol.reply_type(request_type), waiting, on_output,
                                     on_input)
        except (OSError, ChannelClosed):
            raise self._died(log_start) from None
        finally:
            del link.pending[request_id]

    def interrupt(self) -> None:
        """Ask the running request to stop. Safe to call from a signal handler; does nothing when idle.

        Python code gets KeyboardInterrupt, Julia code that yields InterruptException; a request that has
        not stopped after ``INTERRUPT_GRACE`` seconds ends with the worker restarted.
        """
        # The worker serves requests in turn: the oldest one waiting is the one running.
        link = self._link
        running = min(link.pending, default=None) if link is not None else None
        if link is not None and running is not None:
            link.pending[running].put(_INTERRUPT)

    def _await_reply(self, link: _Link, request_id: int, expected: str, waiting: queue.SimpleQueue,
                     on_output: OutputHandler, on_input: InputHandler) -> dict:
        reply = None
        python_done = link.links.python is None
        deadline: float | None = None  # set by an interrupt
        while reply is None or not python_done:
            try:
                timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
                item = waiting.get(timeout=timeout)
            except queue.Empty:
                raise self._restarted_after_interrupt() from None
            # (Output still flowing from a thread does not mean the interrupted code stopped.)
            if deadline is not None and time.monotonic() >= deadline:
                raise self._restarted_after_interrupt()
            if item is _CLOSED:
                raise ChannelClosed()
            if item is _INTERRUPT:
                if deadline is None:
                    self._send_interrupt(link, request_id)
                    deadline = time.monotonic() + INTERRUPT_GRACE
                continue
            frame, conn = item
            if frame.type in protocol.OUTPUT_TYPES:
                on_output(frame)
            elif frame.type == protocol.INPUT_REQUEST:
                status, text = on_input(frame.header.get("prompt", ""), bool(frame.header.get("password")))
                conn.send({"type": protocol.INPUT_REPLY, "id": request_id, "status": status}, text)
            elif frame.type == protocol.DONE:
                python_done = True
            elif frame.type == expected:
                reply = frame.json()
        return reply

    def _send_interrupt(self, link: _Link, request_id: int) -> None:
        # Both languages hear it: each stops its own user code, if it is running any.
        for conn in (link.links.julia, link.links.python):
            if conn is not None:
                conn.send({"type": protocol.INTERRUPT, "id": request_id})

    def _restarted_after_interrupt(self) -> WorkerError:
        self.restart(graceful=False)
        return WorkerError(
            "WorkerRestarted",
            f"The cell did not stop within {INTERRUPT_GRACE:g} s of the interrupt (Julia code that never "
            "yields, such as a tight loop, or Python stuck in a C call cannot be stopped in place), so the "
            "worker was restarted: variables in both languages were lost. METAPOLY_INTERRUPT_GRACE sets the "
            "grace period in seconds.",
        )

    def _died(self, log_start: int) -> WorkerError:
        returncode = self.supervisor.exit_status(timeout=5)
        report = self.supervisor.crash_report(since=log_start)
        tail = self.supervisor.log_tail(5) if self.supervisor.log_size() > log_start else "(empty)"
        self.restart()
        if report:
            log = f"\nJulia's crash report begins:\n{report}"
        else:
            log = f"\nThe end of the worker's log:\n{tail}" if tail not in ("(empty)", "(no log)") else ""
        return WorkerError(
            "WorkerDied",
            f"The Julia worker {describe_exit(returncode)}{likely_cause(returncode)} while running this "
            f"cell. A fresh worker has been started: variables in both languages were lost.{log}",
        )
