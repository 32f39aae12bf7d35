"""The Python half of the metapoly worker, running inside the Julia worker process.

Julia calls the three functions below (always from its main thread, holding the GIL). Python output and
the end-of-request markers travel on a channel of their own, written only from here, so that Python
threads can stream output while Julia's main thread is busy elsewhere.
"""

import base64
import json
import signal
import sys

from .channel import Channel
from .execute import run_cell
from .streams import OutputBuffer, StreamWriter

_channel = None
_output = None


def setup(channel_path: str) -> str:
    """Connect the Python channel and route ``sys.stdout``/``sys.stderr`` through it."""
    global _channel, _output
    _channel = Channel.connect(channel_path)
    _output = OutputBuffer(_channel)
    sys.stdout = StreamWriter(_output, "stdout")
    sys.stderr = StreamWriter(_output, "stderr")
    # Python was initialised without signal handlers; interrupts delivered to the main thread must raise
    # KeyboardInterrupt in user code.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return sys.version.split()[0]


def execute(cell: int, code: str) -> str:
    """Run ``code`` in ``__main__``; the reply as JSON text."""
    return json.dumps(run_cell(code, cell, sys.modules["__main__"].__dict__), default=_json_default)


def _json_default(value):
    # Binary representations (image/png from _repr_png_, say) travel base64-encoded, as Jupyter expects.
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def end_request(request_id: int) -> str:
    """Send all pending output, then a marker telling the front end this request's output is complete."""
    _output.flush_and_mark(request_id)
    return ""
