"""``sys.stdout``/``sys.stderr`` replacements that stream Python output to the front end.

Text is coalesced: a completed line leaves at once when nothing was sent for ``INTERVAL`` seconds (so the
first line of a cell that prints and then sleeps appears immediately), other text with the next burst or
from a background thread after ``INTERVAL``. Writing to the redirected file descriptor 1 instead would lose data: it is a
non-blocking pipe that drops large writes.
"""

import io
import threading
import time

from metapoly.protocol import DONE, NO_REQUEST, STREAM

INTERVAL = 0.02
LIMIT = 1 << 16


class OutputBuffer:
    """Ordered stdout/stderr text waiting to be sent on a connection, and the request it belongs to."""

    def __init__(self, channel) -> None:
        self._channel = channel
        self._request = NO_REQUEST
        self._lock = threading.Lock()
        self._parts = []
        self._size = 0
        self._last_send = 0.0
        self._wake = threading.Event()
        threading.Thread(target=self._flush_later, name="metapoly-output", daemon=True).start()

    def write(self, name: str, text: str) -> None:
        with self._lock:
            self._parts.append((name, text))
            self._size += len(text)
            # A line completed after a quiet spell leaves at once (print writes its text and its newline
            # separately: waiting for the newline keeps them in one message).
            urgent = self._size >= LIMIT or (
                text.endswith("\n") and time.monotonic() - self._last_send >= INTERVAL
            )
            if urgent:
                self._send_locked()
        if not urgent:
            self._wake.set()

    def flush(self) -> None:
        with self._lock:
            self._send_locked()

    def send_message(self, header: dict, body: bytes = b"") -> None:
        """Send everything pending, then one frame (a display, an input request...) of the current request:
        order is kept."""
        with self._lock:
            self._send_locked()
            self._channel.send(self._tagged(header), body)

    def begin(self, request_id: int) -> None:
        """Send what is pending (it belongs to no request), then tag output with ``request_id``."""
        with self._lock:
            self._send_locked()
            self._request = request_id

    def end(self, request_id: int) -> None:
        """Send everything pending, then the end-of-request marker; later output belongs to no request."""
        with self._lock:
            self._send_locked()
            self._channel.send({"type": DONE, "id": request_id})
            self._request = NO_REQUEST

    def _tagged(self, header: dict) -> dict:
        # Frames of no request carry no id (NO_REQUEST is what a missing id means).
        return header if self._request == NO_REQUEST else {**header, "id": self._request}

    def _send_locked(self) -> None:
        self._last_send = time.monotonic()
        if not self._parts:
            return
        parts, self._parts, self._size = self._parts, [], 0
        # Consecutive writes to the same stream become one frame.
        run_name, run = parts[0][0], []
        for name, text in parts:
            if name != run_name:
                self._send_run(run_name, run)
                run_name, run = name, []
            run.append(text)
        self._send_run(run_name, run)

    def _send_run(self, name: str, texts: list) -> None:
        self._channel.send(self._tagged({"type": STREAM, "name": name}), "".join(texts).encode("utf-8", "replace"))

    def _flush_later(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(INTERVAL)
            self._wake.clear()
            self.flush()


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
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._buffer.write(self._name, text)
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()
