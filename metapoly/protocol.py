"""The protocol between the front end and the worker, on the Python side (the Julia side is
julia/src/Wire/protocol.jl; julia/PROTOCOL.md describes both).

Used by the front end and by the worker's embedded Python, so that the frame format and the frame types are
written down once in Python. A frame is two big-endian ``uint32`` lengths (header, body), a JSON header,
then the raw body. Headers are small dictionaries with a ``type`` and an ``id``: the id of the request the
frame answers or belongs to, ``NO_REQUEST`` for what happens while no request runs. Code and printed text
travel as bodies, never escaped.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from dataclasses import dataclass

# The environment variable that hands the worker the pipe its stderr is captured through ("READ_FD,WRITE_FD",
# inherited): the front end keeps the read end, to read a crash report the worker could not send.
STDERR_PIPE_VARIABLE = "METAPOLY_STDERR_PIPE"
# And the front end's command line (JSON), which user code sees as its own `sys.argv`, as under ipykernel.
ARGV_VARIABLE = "METAPOLY_ARGV"
# And the directory a Python cell's file is named in: ipykernel's for the kernel's process
# (/tmp/ipykernel_PID), which JupyterLab's debugger learns once and which stays when the worker is replaced.
CELL_DIRECTORY_VARIABLE = "METAPOLY_CELL_DIRECTORY"

# Requests, front end -> worker: each gets exactly one reply of the same name with "_reply".
EXECUTE_REQUEST = "execute_request"
COMPLETE_REQUEST = "complete_request"
INSPECT_REQUEST = "inspect_request"
IS_COMPLETE_REQUEST = "is_complete_request"
PY2JL_REQUEST = "py2jl_request"
JL2PY_REQUEST = "jl2py_request"
VARIABLES_REQUEST = "variables_request"
DEBUG_REQUEST = "debug_request"
HISTORY_REQUEST = "history_request"
RECORD_REQUEST = "record_request"
COMM_REQUEST = "comm_request"
COMM_INFO_REQUEST = "comm_info_request"
SHUTDOWN_REQUEST = "shutdown_request"

# Notices, front end -> worker, at any time, never answered.
INTERRUPT = "interrupt"
INPUT_REPLY = "input_reply"

# Events, worker -> front end.
HELLO = "hello"
READY = "ready"
STREAM = "stream"
EXECUTE_RESULT = "execute_result"
DISPLAY_DATA = "display_data"
UPDATE_DISPLAY_DATA = "update_display_data"
CLEAR_OUTPUT = "clear_output"
ERROR = "error"
COMM_OPEN = "comm_open"
COMM_MSG = "comm_msg"
COMM_CLOSE = "comm_close"
INPUT_REQUEST = "input_request"
DONE = "done"

# Events that become the iopub message of the same type.
COMM_MESSAGE_TYPES = (COMM_OPEN, COMM_MSG, COMM_CLOSE)
OUTPUT_TYPES = (STREAM, EXECUTE_RESULT, DISPLAY_DATA, UPDATE_DISPLAY_DATA, CLEAR_OUTPUT, ERROR,
                *COMM_MESSAGE_TYPES)
# The id of events that belong to no request (output of a background task while the worker is idle).
NO_REQUEST = 0
# The first frame on each connection names it: the Julia one comes first, then the Python one.
JULIA_CHANNEL = "julia"
PYTHON_CHANNEL = "python"

_LENGTHS = struct.Struct(">II")


def reply_type(request_type: str) -> str:
    """The type of the reply to a request: ``execute_request`` -> ``execute_reply``."""
    return request_type.removesuffix("_request") + "_reply"


@dataclass
class Frame:
    """One message on a connection."""

    header: dict
    body: bytes = b""

    @property
    def type(self) -> str:
        return self.header.get("type", "")

    @property
    def id(self) -> int:
        return self.header.get("id", NO_REQUEST)

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
    """The other end closed the connection (the worker exited, or the front end went away)."""


class Connection:
    """A connected socket carrying frames: any thread may send; one thread reads."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buffer = bytearray()
        self._send_lock = threading.Lock()

    def fileno(self) -> int:
        return self.sock.fileno()

    def send(self, header: dict, body: bytes | str = b"") -> None:
        """Send one frame; frames sent by different threads never interleave."""
        data = encode_frame(header, body)
        with self._send_lock:
            self.sock.sendall(data)

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
        header = json.loads(bytes(self._buffer[_LENGTHS.size:_LENGTHS.size + hlen]))
        body = bytes(self._buffer[_LENGTHS.size + hlen:end])
        del self._buffer[:end]
        return Frame(header, body)

    def close(self) -> None:
        """Close the connection; a thread blocked reading it sees the end of the stream."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
