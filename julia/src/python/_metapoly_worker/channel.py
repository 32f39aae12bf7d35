"""Framing on the worker's Python channel; the same frame format as metapoly/transport.py."""

import base64
import json
import socket
import struct
import threading

_LENGTHS = struct.Struct(">II")


def to_json(value) -> str:
    """JSON text for the front end; binary data (a PNG from ``_repr_png_``, say) base64-encoded, as
    Jupyter expects."""
    return json.dumps(value, default=_json_default)


def _json_default(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


class Channel:
    """A connected Unix-domain socket that any Python thread may send frames on."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._lock = threading.Lock()
        self._received = bytearray()

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

    def receive(self) -> tuple:
        """Block until the front end's next frame arrives: ``(header, body)``."""
        while True:
            if len(self._received) >= _LENGTHS.size:
                hlen, blen = _LENGTHS.unpack_from(self._received)
                end = _LENGTHS.size + hlen + blen
                if len(self._received) >= end:
                    header = json.loads(bytes(self._received[_LENGTHS.size:_LENGTHS.size + hlen]))
                    body = bytes(self._received[_LENGTHS.size + hlen:end])
                    del self._received[:end]
                    return header, body
            data = self._sock.recv(1 << 16)
            if not data:
                raise EOFError("the front end closed the worker's channel")
            self._received += data
