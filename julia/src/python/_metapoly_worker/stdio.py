"""``sys.stdout``/``sys.stderr`` replacements that stream Python output to the front end.

Text is coalesced: a completed line leaves at once when nothing was sent for ``INTERVAL`` seconds (so the
first line of a cell that prints and then sleeps appears immediately), other text with the next burst or
from a background thread after ``INTERVAL``.

What bypasses ``sys.stdout`` (C code, ``os.write(1, ...)``, the processes of ``os.system``, ``subprocess`` and
Julia's ``run``) writes to file descriptors 1 and 2: :func:`capture_descriptors` points them at pipes that a
thread of their own drains into the same buffer. Their writers block while a pipe is full, so nothing is
dropped, and the thread needs neither Julia nor the main thread, so no writer waits on itself.
"""

from __future__ import annotations

import codecs
import contextvars
import ctypes
import fcntl
import io
import os
import select
import threading
import time

from metapoly.protocol import DONE, NO_REQUEST, STDERR_PIPE_VARIABLE, STREAM

from .threads import start_worker_thread

INTERVAL = 0.02
LIMIT = 1 << 16


class OutputBuffer:
    """Ordered stdout/stderr text waiting to be sent on a connection, and the request it belongs to."""

    def __init__(self, channel) -> None:
        self._channel = channel
        self._request = NO_REQUEST
        self._lock = threading.Lock()
        # Runs of text: [(request, stream name), [texts...]], the last one growing while writes go on to
        # the same stream for the same request.
        self._runs = []
        self._run_key, self._run = None, None
        self._size = 0
        self._last_send = 0.0
        self._wake = threading.Event()
        self._flush_due = False  # whether the flushing thread has been woken for what is pending
        self._recorders = {}  # stream name -> what is handed each run of the current request's text sent
        start_worker_thread(self._flush_later, "metapoly-output")

    @property
    def request(self) -> int:
        """The request output belongs to now (NO_REQUEST between requests)."""
        return self._request

    def write(self, name: str, text: str, request: int | None = None, now: float | None = None) -> None:
        """Queue ``text`` for stream ``name``, as output of ``request`` (default: the current one);
        ``now``: ``time.monotonic()``, if the caller has it.

        Every ``print`` comes here twice (its text, then its newline): this is the hot path of printing.
        """
        wake = False
        with self._lock:
            key = (self._request if request is None else request, name)
            if key == self._run_key:
                self._run.append(text)
            else:
                self._run_key, self._run = key, [text]
                self._runs.append((key, self._run))
            self._size += len(text)
            # A line completed after a quiet spell leaves at once (print writes its text and its newline
            # separately: waiting for the newline keeps them in one message).
            if self._size >= LIMIT or (text[-1:] == "\n" and
                                       (now or time.monotonic()) - self._last_send >= INTERVAL):
                self._send_locked()
            elif not self._flush_due:
                self._flush_due = wake = True
        if wake:
            self._wake.set()

    def flush(self) -> None:
        with self._lock:
            self._send_locked()

    def record(self, name: str, recorder):
        """Hand each run of the current request's ``name`` text to ``recorder`` as it is sent, from now on
        (``None``: to nobody), once what is pending is sent; return the recorder it replaces."""
        with self._lock:
            self._send_locked()
            previous = self._recorders.pop(name, None)
            if recorder is not None:
                self._recorders[name] = recorder
        return previous

    def detach(self) -> None:
        """In a forked child: drop the connection (the parent's), and a lock another thread may have held."""
        self._channel, self._lock = None, threading.Lock()

    def send_message(self, header: dict, body: bytes = b"") -> None:
        """Send everything pending, then one frame (a display, an input request...) of the current request:
        order is kept."""
        with self._lock:
            self._send_locked()
            if self._channel is not None:
                self._channel.send(self._tagged(header), body)

    def begin(self, request_id: int) -> None:
        """Send what is pending (it belongs to no request), then tag output with ``request_id`` (called from
        the main thread, whose context then names the request; see :class:`StreamWriter`)."""
        with self._lock:
            self._send_locked()
            self._request = request_id
        SCHEDULED_BY.set(request_id)

    def end(self, request_id: int) -> None:
        """Send everything pending, then the end-of-request marker; later output belongs to no request."""
        with self._lock:
            self._send_locked()
            if self._channel is not None:
                self._channel.send({"type": DONE, "id": request_id})
            self._request = NO_REQUEST

    def _tagged(self, header: dict, request: int | None = None) -> dict:
        # Frames of no request carry no id (NO_REQUEST is what a missing id means).
        request = self._request if request is None else request
        return header if request == NO_REQUEST else {**header, "id": request}

    def _send_locked(self) -> None:
        self._last_send = time.monotonic()
        runs, self._runs, self._size = self._runs, [], 0
        self._run_key = self._run = None
        if self._channel is None:
            return
        for (request, name), texts in runs:
            self._send_run(request, name, texts)

    def _send_run(self, request: int, name: str, texts: list) -> None:
        text = "".join(texts)
        if request == self._request and name in self._recorders:
            self._recorders[name](text)
        self._channel.send(self._tagged({"type": STREAM, "name": name}, request),
                           text.encode("utf-8", "replace"))

    def _flush_later(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(INTERVAL)
            with self._lock:
                self._wake.clear()
                self._flush_due = False
                self._send_locked()


ORIGIN = "_metapoly_request"  # on a Thread: the request running when it was started
# The request whose main-thread code scheduled the running code: asyncio copies the context into the
# callbacks and tasks it runs for a thread (IPython's %%script and %%bash run in an event-loop thread
# started by the first such cell), where a thread's origin would name that first cell.
SCHEDULED_BY: contextvars.ContextVar = contextvars.ContextVar("metapoly_scheduled_by", default=None)
_MAIN_THREAD = threading.main_thread().ident


def track_thread_origins(buffer: OutputBuffer) -> None:
    """Remember, on every thread started from now on, the request it was started in."""
    start = threading.Thread.start

    def start_in_request(thread, *args, **kwargs):
        if buffer.request != NO_REQUEST:
            setattr(thread, ORIGIN, buffer.request)
        return start(thread, *args, **kwargs)

    threading.Thread.start = start_in_request


class StreamWriter(io.TextIOBase):
    """A text stream whose writes go to an :class:`OutputBuffer` under one stream name."""

    def __init__(self, buffer: OutputBuffer, name: str) -> None:
        super().__init__()
        self._buffer = buffer
        self._name = name

    @property
    def name(self) -> str:
        return f"<{self._name}>"

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if text.__class__ is not str and not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            now = time.monotonic()
            if now - _last_sync >= SYNC_INTERVAL:
                _keep_order(now)
            # A thread's output belongs to the cell that scheduled it or else started it, even once that
            # cell has ended (as with ipykernel); the main thread's to the running request.
            if threading.get_ident() == _MAIN_THREAD:
                self._buffer.write(self._name, text, None, now)
            else:
                origin = SCHEDULED_BY.get() or getattr(threading.current_thread(), ORIGIN, None)
                self._buffer.write(self._name, text, origin, now)
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


class DescriptorCapture:
    """File descriptor ``fd`` (1 or 2) redirected into a pipe whose text joins ``buffer`` as ``name``; the
    bytes are also written to ``copy_to`` if it is a file descriptor (not -1)."""

    PIPE_SIZE = 1 << 20  # room for a burst while the drain waits for the GIL

    def __init__(self, buffer: OutputBuffer, fd: int, name: str, copy_to: int = -1,
                 pipe: tuple[int, int] | None = None) -> None:
        self._buffer, self._name, self._copy = buffer, name, copy_to
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._lock = threading.Lock()
        self.reader, writer = pipe or os.pipe()
        os.set_inheritable(self.reader, False)  # (a given pipe was inherited: the user's children must not)
        try:
            fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, self.PIPE_SIZE)
        except (AttributeError, OSError):
            pass  # not Linux, or over the user's pipe limit: the default size only drains more often
        os.dup2(writer, fd)
        os.close(writer)
        os.set_blocking(self.reader, False)
        start_worker_thread(self._drain_forever, f"metapoly-fd{fd}")

    def drain(self) -> None:
        """Hand everything written to the descriptor so far to the buffer."""
        with self._lock:
            while True:
                try:
                    data = os.read(self.reader, self.PIPE_SIZE)
                except BlockingIOError:
                    return
                if not data:
                    return
                if self._copy >= 0:
                    os.write(self._copy, data)
                text = self._decoder.decode(data)
                if text:
                    self._buffer.write(self._name, text)

    def _drain_forever(self) -> None:
        while True:
            select.select([self.reader], [], [])
            # Julia's text written before this output goes first (`println("a"); run(`echo b`)`); Julia
            # hands it over when it yields, which waiting for a child does.
            waited = 0.0
            while JULIA_PENDING.value and waited < JULIA_WAIT:
                time.sleep(0.001)
                waited += 0.001
            self.drain()


# Set by Julia (through its address, without the GIL) while it holds printed text not yet handed over.
JULIA_PENDING = ctypes.c_int(0)
# Seconds at most that a child's output waits for Julia's text before it (compiling code can delay that).
JULIA_WAIT = 1.0

_captures = []
_last_sync = 0.0
SYNC_INTERVAL = 0.001


def _keep_order(now: float) -> None:
    # What a child process wrote before a print (`os.system('ls'); print('done')`) comes first: the
    # descriptors are drained before text is written, at most every SYNC_INTERVAL (a system call each).
    global _last_sync
    _last_sync = now
    sync_descriptors()


def capture_descriptors(buffer: OutputBuffer, log_fd: int = -1) -> None:
    """Send what is written to file descriptors 1 and 2 to ``buffer`` as stdout and stderr. What reaches
    stderr is also kept in the worker's log (``log_fd``): a crash report (Julia's, on a fatal signal) is
    written there, and the front end shows the end of the log when the worker dies."""
    _captures.append(DescriptorCapture(buffer, 1, "stdout"))
    _captures.append(DescriptorCapture(buffer, 2, "stderr", copy_to=log_fd, pipe=_front_end_pipe()))


def _front_end_pipe() -> tuple[int, int] | None:
    # The pipe for stderr the front end made (it keeps a read end for what a crash leaves unsent), if any.
    given = os.environ.pop(STDERR_PIPE_VARIABLE, "")
    return tuple(int(fd) for fd in given.split(",")) if given else None


def descriptor_readers() -> list:
    """The read ends of the pipes behind descriptors 1 and 2."""
    return [capture.reader for capture in _captures]


def sync_descriptors() -> None:
    """Hand what was written to file descriptors 1 and 2 so far to the buffer (Julia has flushed the C
    library's buffers)."""
    for capture in _captures:
        capture.drain()
