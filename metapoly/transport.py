"""Framing on the private channel to the worker (the worker's side is julia/src/transport.jl).

A frame is two big-endian ``uint32`` lengths (header, body), a JSON header, then the raw body. Headers are
small dictionaries with a ``type`` and a request ``id``; code and printed text travel as bodies, never
escaped.
"""

from __future__ import annotations

import json
import socket
import struct
from dataclasses import dataclass

_LENGTHS = struct.Struct(">II")


@dataclass
class Frame:
    """One message on the channel."""

    header: dict
    body: bytes = b""

    @property
    def type(self) -> str:
        return self.header.get("type", "")

    def text(self) -> str:
        """The body as text (the worker only sends whole UTF-8 characters)."""
        return self.body.decode("utf-8", "replace")

    def json(self):
        """The body parsed as JSON."""
        return json.loads(self.body)


def encode_frame(header: dict, body: bytes | str = b"") -> bytes:
    """The bytes of one frame."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    h = json.dumps(header).encode("utf-8")
    return _LENGTHS.pack(len(h), len(body)) + h + body


class ChannelClosed(Exception):
    """The other end closed the connection (the worker exited)."""


class Connection:
    """A connected socket to the worker, sending frames and decoding incoming ones."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buffer = bytearray()

    def fileno(self) -> int:
        return self.sock.fileno()

    def send(self, header: dict, body: bytes | str = b"") -> None:
        """Send one frame."""
        self.sock.sendall(encode_frame(header, body))

    def fill(self) -> None:
        """Read what the socket has into the buffer (call when it is readable).

        Raises :class:`ChannelClosed` at end of stream.
        """
        data = self.sock.recv(1 << 20)
        if not data:
            raise ChannelClosed()
        self._buffer += data

    def buffered(self) -> list[Frame]:
        """The complete frames already read, without touching the socket."""
        frames = []
        while (frame := self._pop_frame()) is not None:
            frames.append(frame)
        return frames

    def receive_one(self) -> Frame:
        """Block until the next whole frame arrives."""
        while (frame := self._pop_frame()) is None:
            self.fill()
        return frame

    def _pop_frame(self) -> Frame | None:
        if len(self._buffer) < _LENGTHS.size:
            return None
        hlen, blen = _LENGTHS.unpack_from(self._buffer)
        end = _LENGTHS.size + hlen + blen
        if len(self._buffer) < end:
            return None
        header = json.loads(bytes(self._buffer[_LENGTHS.size : _LENGTHS.size + hlen]))
        body = bytes(self._buffer[_LENGTHS.size + hlen : end])
        del self._buffer[:end]
        return Frame(header, body)

    def close(self) -> None:
        self.sock.close()
