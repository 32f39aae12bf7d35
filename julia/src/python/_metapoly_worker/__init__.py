"""The Python half of the metapoly worker, running inside the Julia worker process.

Julia calls the functions below (always from its main thread, holding the GIL). Python output and
the end-of-request markers travel on a connection of their own, written only from here, so that Python
threads can stream output while Julia's main thread is busy elsewhere.
"""

import json
import sys
import threading

from metapoly.protocol import INPUT_REPLY, INTERRUPT, ChannelClosed

from . import bridge, code_assist, display, interrupts, user_input
from .api import Julia
from .execute import error_reply, run_cell
from .protocol import connect, to_json
from .stdio import OutputBuffer, StreamWriter

_channel = None
_output = None
_shell = None


def setup(channel_path: str, julia_callback: int) -> str:
    """Connect the Python channel; route output, rich display and input through it; bind ``julia``."""
    global _channel, _output, _shell
    _channel = connect(channel_path)
    _output = OutputBuffer(_channel)
    sys.stdout = StreamWriter(_output, "stdout")
    sys.stderr = StreamWriter(_output, "stderr")
    _shell = display.start_shell(_output)
    user_input.install(_output)
    interrupts.install()
    threading.Thread(target=_read_front_end, name="metapoly-channel", daemon=True).start()
    bridge.main_namespace()["julia"] = Julia(julia_callback)
    return sys.version.split()[0]


def _read_front_end() -> None:
    # The front end writes on this connection while Python code runs: interrupts and answers to input().
    handlers = {INTERRUPT: lambda frame: interrupts.request(), INPUT_REPLY: lambda frame: user_input.deliver(frame.header, frame.body)}
    while True:
        try:
            frame = _channel.receive_one()
        except (ChannelClosed, OSError):
            return
        handler = handlers.get(frame.type)
        if handler is not None:
            handler(frame)


def execute(cell: int, code: str) -> str:
    """Run ``code`` in ``__main__``; the reply as JSON text."""
    namespace = sys.modules["__main__"].__dict__
    try:
        with interrupts.user_code():
            reply = run_cell(code, cell, namespace, lambda value: display.mime_bundle(value, _shell))
    except KeyboardInterrupt as exc:  # an interrupt that came just as the cell ended
        reply = error_reply(exc)
    return to_json(reply)


def complete(code: str, cursor: int) -> str:
    """Completions at ``cursor`` (in code points) of ``code``, as JSON (see ``code_assist.complete``)."""
    return json.dumps(code_assist.complete(_shell, code, cursor))


def inspect(code: str, cursor: int, detail: int) -> str:
    """Documentation of the name at ``cursor`` of ``code``, as JSON (see ``code_assist.inspect``)."""
    return json.dumps(code_assist.inspect(_shell, code, cursor, detail))


def begin_request(request_id: int) -> str:
    """Output from now on belongs to request ``request_id``."""
    _output.begin(request_id)
    return ""


def end_request(request_id: int) -> str:
    """Show the figures the request drew, send all pending output, then a marker telling the front end
    this request's output is complete; output from then on belongs to no request."""
    display.after_request(_shell)
    _output.end(request_id)
    return ""


def use_matplotlib(backend: str) -> str:
    """Switch matplotlib to ``backend`` (``%matplotlib inline``); the reply as JSON text."""
    try:
        display.use_inline_matplotlib()
    except Exception as exc:  # noqa: BLE001 -- matplotlib missing or broken: the user's to fix
        return to_json(error_reply(exc))
    return to_json({"status": "ok"})


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
        with interrupts.user_code():
            try:
                value = eval(compile(code, "<pyeval>", "eval"), namespace)
            except SyntaxError:
                exec(compile(code, "<pyeval>", "exec"), namespace)
                value = None
        return _described(value)
    except BaseException as exc:  # noqa: B036 -- reported to Julia as a PythonError, KeyboardInterrupt too
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
