"""Framing on the worker's Python channel; the same frame format as metapoly/transport.py."""

import json
import socket
import struct
import threading

_LENGTHS = struct.Struct(">II")


class Channel:
    """A connected Unix-domain socket that any Python thread may send frames on."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._lock = threading.Lock()

    @classmethod
    def connect(cls, path: str) -> "Channel":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        channel = cls(sock)
        channel.send({"type": "hello", "channel": "python"})
        return channel

    def send(self, header: dict, body: bytes = b"") -> None:
        """Send one frame; frames from different threads never interleave."""
        h = json.dumps(header).encode()
        with self._lock:
            self._sock.sendall(_LENGTHS.pack(len(h), len(body)) + h + body)
