"""The Python half of the metapoly worker, running inside the Julia worker process.

Julia calls the functions below (always from its main thread, holding the GIL). Python output and
the end-of-request markers travel on a channel of their own, written only from here, so that Python
threads can stream output while Julia's main thread is busy elsewhere.
"""

import json
import sys
import threading

from . import bridge, code_assist, display, interrupts, user_input
from .channel import Channel, to_json
from .execute import error_reply, run_cell
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
    user_input.install(_output)
    interrupts.install()
    threading.Thread(target=_read_front_end, name="metapoly-channel", daemon=True).start()
    bridge.main_namespace()["julia"] = Julia(julia_callback)
    return sys.version.split()[0]


def _read_front_end() -> None:
    # The front end writes on this channel while Python code runs: interrupts and answers to input().
    handlers = {"interrupt": lambda header, body: interrupts.request(), "input_reply": user_input.deliver}
    while True:
        try:
            header, body = _channel.receive()
        except (EOFError, OSError):
            return
        handler = handlers.get(header.get("type"))
        if handler is not None:
            handler(header, body)


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
