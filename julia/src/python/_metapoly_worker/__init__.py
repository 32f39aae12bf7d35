"""The Python half of the metapoly worker, running inside the Julia worker process.

Julia calls the functions of ``__all__`` (its entry points: julia/INSIDE.md), always from its main thread,
holding the GIL. Python output and the end-of-request markers travel on a connection of their own, written
only from here, so that Python threads can stream output while Julia's main thread is busy elsewhere.
"""

import json
import os
import sys

from metapoly.history import query
from metapoly.protocol import ARGV_VARIABLE, INPUT_REPLY, INTERRUPT, ChannelClosed

from . import (
    bridge,
    children,
    code_assist,
    comms,
    debugger,
    display,
    history,
    interrupts,
    notebook_markers,
    shell,
    user_input,
)
from .execute import exception_reply, run_cell
from .julia_api import Julia
from .julia_output import (
    child_output,
    descriptor_readers,
    julia_event,
    julia_input,
    julia_output,
    julia_pending_address,
)
from .julia_output import install as julia_output_install
from .protocol import connect, to_json
from .stdio import OutputBuffer, StreamWriter, capture_descriptors, sync_descriptors, track_thread_origins
from .threads import start_worker_thread

# The entry points Julia calls (Runtime/python_runtime.jl's ENTRY_POINTS, in the same order).
__all__ = [
    "setup", "begin_request", "end_request", "execute", "record", "history_query", "end_session", "comm",
    "comm_info", "py2jl", "jl2py", "take_released", "eval_object", "get_object", "describe_object",
    "mime_bundle_json", "format_exception", "complete", "inspect",
    "begin_user_code", "end_user_code", "variables",
    "julia_output", "julia_event", "julia_pending_address", "descriptor_readers", "child_output",
    "julia_input", "debug",
]

_channel = None
_output = None
_shell = None
_startup_names = set()  # what __main__ holds before any cell: not the user's variables


def setup(channel_path: str, julia_callback: int, log_fd: int) -> str:
    """Connect the Python channel; route output, rich display and input through it (a copy of stderr to
    the worker log, ``log_fd``); bind ``julia`` (the address of the C function behind it)."""
    global _channel, _output, _shell
    _channel = connect(channel_path)
    # As IPython does: modules in the working directory (wherever the user chdirs) can be imported.
    if "" not in sys.path:
        sys.path.insert(0, "")
    # As under ipykernel, the command line is the kernel's (`.../metapoly/__main__.py -f CONNECTION_FILE`).
    sys.argv = json.loads(os.environ.pop(ARGV_VARIABLE, '[""]'))
    _output = OutputBuffer(_channel)
    sys.stdout = StreamWriter(_output, "stdout")
    sys.stderr = StreamWriter(_output, "stderr")
    capture_descriptors(_output, log_fd)
    track_thread_origins(_output)
    julia_output_install(_output)
    children.install()
    os.register_at_fork(after_in_child=_in_forked_child)
    _shell = shell.start_shell(_output)
    notebook_markers.install()
    user_input.install(_output)
    interrupts.install()
    start_worker_thread(_read_front_end, "metapoly-channel")
    bridge.main_namespace()["julia"] = Julia(julia_callback)
    shell.add_julia_magics(_shell, bridge.main_namespace()["julia"])
    _startup_names.update(bridge.main_namespace())
    return sys.version.split()[0]


def _in_forked_child() -> None:
    # A process forked from the worker (os.fork, multiprocessing) shares its connections and must never
    # write on them: its output goes to the descriptors, which the worker drains into the cell's output.
    global _forked
    _forked = True
    _output.detach()
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)


_forked = False


def _read_front_end() -> None:
    # The front end writes on this connection while Python code runs: interrupts and answers to input().
    handlers = {INTERRUPT: lambda frame: interrupts.request(),
                INPUT_REPLY: lambda frame: user_input.deliver(frame.header, frame.body)}
    while True:
        try:
            frame = _channel.receive_one()
        except (ChannelClosed, OSError):
            return
        handler = handlers.get(frame.type)
        if handler is not None:
            handler(frame)


def execute(code: str, options_json: str) -> str:
    """Run ``code`` through the shell (``options_json``: see ``execute.run_cell``); the reply as JSON."""
    try:
        with interrupts.user_code():
            reply = run_cell(_shell, code, json.loads(options_json))
    except KeyboardInterrupt as exc:  # an interrupt that came just as the cell ended
        reply = exception_reply(exc)
    if _forked:  # a child forked by the cell ends with it, instead of answering for the worker
        os._exit(0)
    return to_json(reply)


def record(code: str, options_json: str) -> str:
    """Store a cell that IPython does not run (Julia's, or one of metapoly's magics) in the history."""
    history.record(_shell, code, json.loads(options_json))
    return ""


def end_session() -> str:
    """The worker is about to exit: the history writes what it has not written yet (IPython writes from a
    thread of its own) and the session's end, as IPython does at exit."""
    _shell.history_manager.end_session()
    return ""


def history_query(request_json: str) -> str:
    """The answer to a Jupyter ``history_request`` (its content as JSON), as JSON."""
    return json.dumps({"status": "ok", "history": query(_shell.history_manager, json.loads(request_json))})


def complete(code: str, cursor: int) -> str:
    """Completions at ``cursor`` (in code points) of ``code``, as JSON (see ``code_assist.complete``)."""
    return json.dumps(code_assist.complete(_shell, code, cursor))


def inspect(code: str, cursor: int, detail: int) -> str:
    """Documentation of the name at ``cursor`` of ``code``, as JSON (see ``code_assist.inspect``)."""
    return json.dumps(code_assist.inspect(_shell, code, cursor, detail))


def comm(msg_type: str, message_json: str) -> str:
    """Deliver a comm message from the client to the worker's comms (see ``comms.handle``); the reply as
    JSON. Its callbacks are user code: the stop button interrupts them."""
    try:
        with interrupts.user_code():
            comms.handle(msg_type, json.loads(message_json))
    except KeyboardInterrupt:
        sys.stderr.write(f"KeyboardInterrupt: the {msg_type} callback was interrupted\n")
    return to_json({"status": "ok"})


def comm_info(target_name: str) -> str:
    """The open comms, of ``target_name`` (all if empty), as a ``comm_info_reply`` (JSON)."""
    return to_json({"status": "ok", "comms": comms.info(target_name or None)})


def begin_request(request_id: int, parent_json: str) -> str:
    """Output from now on belongs to request ``request_id``, made for the Jupyter message whose header is
    ``parent_json`` (empty for the worker's own requests)."""
    sync_descriptors()
    _output.begin(request_id)
    if parent_json:
        _shell.kernel.parent_header = json.loads(parent_json)
    return ""


def end_request(request_id: int) -> str:
    """Show the figures the request drew, send all pending output, then a marker telling the front end
    this request's output is complete; output from then on belongs to no request."""
    display.after_request(_shell)
    sync_descriptors()
    _output.end(request_id)
    return ""


# Objects whose memory Julia is wrapping: kept alive until Julia has taken its own references.
_exported = []


def py2jl(names_json: str, copy: bool) -> str:
    """Descriptions of the named ``__main__`` variables for Julia: ``{"values": [...]}`` or
    ``{"error": ...}``."""
    try:
        with interrupts.user_code():  # a big container takes a while: the stop button stops it
            values, keep = bridge.export_names(json.loads(names_json), copy, bridge.main_namespace())
        _exported[:] = keep
    except bridge.BridgeError as exc:
        return json.dumps({"error": str(exc)})
    except KeyboardInterrupt:
        return json.dumps({"error": "interrupted: nothing was bound"})
    return json.dumps({"values": values})


def jl2py(pairs_json: str) -> str:
    """Bind ``[name, description]`` pairs in ``__main__``: ``{"summaries": [...]}`` or ``{"error": ...}``."""
    pairs = json.loads(pairs_json)
    bad = [name for name, _ in pairs if not bridge.valid_name(name)]
    if bad:
        return json.dumps({"error": "; ".join(f"{n}: not a valid Python variable name" for n in bad)})
    try:
        with interrupts.user_code():
            return json.dumps({"summaries": bridge.import_values(pairs, bridge.main_namespace())})
    except bridge.BridgeError as exc:
        return json.dumps({"error": str(exc)})
    except KeyboardInterrupt:
        return json.dumps({"error": "interrupted: nothing was bound"})


def eval_object(code: str):
    """For Julia's ``pyeval``: the value of ``code`` in ``__main__`` (``None`` for statements)."""
    namespace = bridge.main_namespace()
    try:
        compiled, statements = compile(code, "<pyeval>", "eval"), False
    except SyntaxError:
        compiled, statements = compile(code, "<pyeval>", "exec"), True
    with interrupts.user_code():
        value = eval(compiled, namespace)
    return None if statements else value


def get_object(name: str):
    """For Julia's ``pyget``: the ``__main__`` variable ``name``."""
    namespace = bridge.main_namespace()
    if name not in namespace:
        raise NameError(f"no Python variable {name}")
    return namespace[name]


def describe_object(value) -> str:
    """``value`` described for Julia, objects with no Julia equivalent as themselves (JSON text)."""
    _exported.clear()
    return json.dumps(bridge.describe(value, False, _exported, objects=True))


def begin_user_code() -> None:
    """A Julia cell starts: Python code it calls may be interrupted."""
    interrupts.begin_user_code()


def end_user_code() -> None:
    interrupts.end_user_code()


def variables() -> str:
    """The user's ``__main__`` variables for ``%vars``: ``[name, summary, how, id]`` each (JSON text)."""
    return json.dumps(bridge.user_variables(bridge.main_namespace(), _startup_names))


def debug(command: str, arguments_json: str) -> str:
    """The Python half of the front end's ``debug_request`` to the worker (see ``debugger``): ``start``
    (``{"socket"}``), ``variables``, ``children`` (``{"reference"}``) or ``rich`` (``{"name"}``); JSON."""
    arguments = json.loads(arguments_json)
    answers = {
        "start": lambda: debugger.start(arguments["socket"], _shell, _startup_names),
        "variables": debugger.python_variables,
        "children": lambda: debugger.children(arguments["reference"]),
        "rich": lambda: debugger.rich(arguments["name"], _shell),
    }
    return to_json(answers[command]())


def mime_bundle_json(value) -> str:
    """The MIME bundle of ``value`` as a Python cell would show it (JSON text)."""
    return to_json(display.mime_bundle(value, _shell))


def format_exception(value: BaseException) -> str:
    """The text of an exception raised in Python code that Julia called: the user's frames, the error."""
    return "\n".join(exception_reply(value)["traceback"])


def take_released() -> tuple:
    """Handles of Julia arrays whose numpy views are all gone.

    Called by Julia between requests, when it holds its own references to what was last exported.
    """
    _exported.clear()
    return tuple(bridge.take_released())
