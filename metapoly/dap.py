"""A connection to the worker's debugger (pydevd), speaking the Debug Adapter Protocol on its Unix socket.

Messages are JSON, each after a ``Content-Length`` header. Requests are numbered here, whoever asked: the
client's numbers (JupyterLab's) and the front end's own requests would collide. Responses resolve the
future of their request; events go to a callback, from the connection's reader thread.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
from concurrent.futures import Future
from typing import Any, Callable

HEADER = b"Content-Length: "
SEPARATOR = b"\r\n\r\n"


class DapClosed(ConnectionError):
    """The worker's debugger went away (the worker restarted or died)."""


class DapConnection:
    """One client connection to pydevd."""

    def __init__(self, path: str, on_event: Callable[[dict], None], on_close: Callable[[], None]) -> None:
        """Connect to pydevd's socket at ``path``; ``on_event(message)`` receives each event, ``on_close()``
        learns that the connection ended."""
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.connect(path)
        self._on_event, self._on_close = on_event, on_close
        self._seq = itertools.count(1)
        self._waiting: dict[int, Future] = {}
        self._lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._read, name="metapoly-dap", daemon=True).start()

    def request(self, command: str, arguments: dict | None = None) -> Future:
        """Send a request; its future resolves to the response (raises :class:`DapClosed` if none comes)."""
        future: Future = Future()
        with self._lock:
            if self.closed:
                future.set_exception(DapClosed())
                return future
            seq = next(self._seq)
            self._waiting[seq] = future
            message: dict[str, Any] = {"seq": seq, "type": "request", "command": command}
            if arguments is not None:
                message["arguments"] = arguments
            data = json.dumps(message).encode()
            try:
                self._sock.sendall(HEADER + str(len(data)).encode() + SEPARATOR + data)
            except OSError:
                self._waiting.pop(seq)
                future.set_exception(DapClosed())
        return future

    def close(self) -> None:
        """Close the connection (pydevd takes it as a disconnect); waiting requests fail."""
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    def _read(self) -> None:
        buffer = b""
        try:
            while True:
                while SEPARATOR not in buffer:
                    buffer += self._receive()
                head, buffer = buffer.split(SEPARATOR, 1)
                length = int(head.rsplit(b":", 1)[1])
                while len(buffer) < length:
                    buffer += self._receive()
                body, buffer = buffer[:length], buffer[length:]
                self._dispatch(json.loads(body))
        except (OSError, ValueError, DapClosed):
            pass
        with self._lock:
            self.closed = True
            waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            future.set_exception(DapClosed())
        self._on_close()

    def _receive(self) -> bytes:
        chunk = self._sock.recv(1 << 16)
        if not chunk:
            raise DapClosed()
        return chunk

    def _dispatch(self, message: dict) -> None:
        if message.get("type") == "response":
            with self._lock:
                future = self._waiting.pop(message.get("request_seq", -1), None)
            if future is not None:
                future.set_result(message)
        elif message.get("type") == "event":
            self._on_event(message)
