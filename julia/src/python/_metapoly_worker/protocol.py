"""The embedded Python's end of the protocol with the front end (the Julia half's is Wire/protocol.jl).

Frame types and framing are the front end's own definitions (``metapoly.protocol``, importable here because
this interpreter is the one the front end runs in); this module adds the connection and the JSON of bodies.
"""

import base64
import json
import socket

from metapoly.protocol import HELLO, PYTHON_CHANNEL, Connection


def connect(path: str) -> Connection:
    """Connect the Python channel to the front end's socket at ``path`` and introduce it."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    conn = Connection(sock)
    conn.send({"type": HELLO, "channel": PYTHON_CHANNEL})
    return conn


def to_json(value) -> str:
    """JSON text for the front end; binary data (a PNG from ``_repr_png_``, say) base64-encoded, as
    Jupyter expects."""
    return json.dumps(value, default=_json_default)


def _json_default(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
