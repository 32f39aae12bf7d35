"""The Python half of the metapoly worker, running inside the Julia worker process.

Julia calls the functions below (always from its main thread, holding the GIL). Python output and
the end-of-request markers travel on a channel of their own, written only from here, so that Python
threads can stream output while Julia's main thread is busy elsewhere.
"""

import json
import signal
import sys

from . import bridge, display, user_input
from .channel import Channel, to_json
from .execute import run_cell
from .julia_api import Julia
from .streams import OutputBuffer, StreamWriter

_channel = None
_output = None
_shell = None


def setup(channel_path: str, julia_callback: int) -> str:
    """Connect the Python channel; route output, rich display and input through it; bind ``julia``."""
    global _channel, _output, _shell
    _channel = Channel.connect(channel_path)
    _output = OutputBuffer(_channel)
    sys.stdout = StreamWriter(_output, "stdout")
    sys.stderr = StreamWriter(_output, "stderr")
    _shell = display.start_shell(_output)
    user_input.install(_channel, _output)
    # Python was initialised without signal handlers; interrupts delivered to the main thread must raise
    # KeyboardInterrupt in user code.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    bridge.main_namespace()["julia"] = Julia(julia_callback)
    return sys.version.split()[0]


def execute(cell: int, code: str) -> str:
    """Run ``code`` in ``__main__``; the reply as JSON text."""
    namespace = sys.modules["__main__"].__dict__
    return to_json(run_cell(code, cell, namespace, lambda value: display.mime_bundle(value, _shell)))


def end_request(request_id: int) -> str:
    """Show the figures the request drew, send all pending output, then a marker telling the front end
    this request's output is complete."""
    display.after_request(_shell)
    _output.flush_and_mark(request_id)
    return ""


# Objects whose memory Julia is wrapping: kept alive until Julia has taken its own references.
_exported = []


def py2jl(names_json: str, copy: bool) -> str:
    """Descriptions of the named ``__main__`` variables for Julia: ``{"values": [...]}`` or ``{"error": ...}``."""
    try:
        values, keep = bridge.export_names(json.loads(names_json), copy, bridge.main_namespace())
        _exported[:] = keep
    except bridge.BridgeError as exc:
        return json.dumps({"error": str(exc)})
    return json.dumps({"values": values})


def jl2py(pairs_json: str) -> str:
    """Bind ``[name, description]`` pairs in ``__main__``: ``{"summaries": [...]}`` or ``{"error": ...}``."""
    pairs = json.loads(pairs_json)
    bad = [name for name, _ in pairs if not bridge.valid_name(name)]
    if bad:
        return json.dumps({"error": "; ".join(f"{n}: not a valid Python variable name" for n in bad)})
    try:
        return json.dumps({"summaries": bridge.import_values(pairs, bridge.main_namespace())})
    except bridge.BridgeError as exc:
        return json.dumps({"error": str(exc)})


def api_eval(code: str) -> str:
    """For Julia's ``pyeval``: the value of ``code`` (``None`` for statements) as a description."""
    namespace = bridge.main_namespace()
    try:
        try:
            value = eval(compile(code, "<pyeval>", "eval"), namespace)
        except SyntaxError:
            exec(compile(code, "<pyeval>", "exec"), namespace)
            value = None
        return _described(value)
    except Exception as exc:  # reported to Julia as a PythonError
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})


def api_get(name: str) -> str:
    """For Julia's ``pyget``: the named ``__main__`` variable as a description."""
    namespace = bridge.main_namespace()
    if name not in namespace:
        return json.dumps({"error": f"no Python variable {name}"})
    try:
        return _described(namespace[name])
    except bridge.BridgeError as exc:
        return json.dumps({"error": f"{name}: {exc}"})


def _described(value) -> str:
    _exported.clear()
    return json.dumps({"value": bridge.describe(value, False, _exported)})


def take_released() -> str:
    """Handles of Julia arrays whose numpy views are all gone, as JSON.

    Called by Julia between requests, when it holds its own references to what was last exported.
    """
    _exported.clear()
    return json.dumps(bridge.take_released())
