"""The worker's half of the debugger: pydevd (debugpy's debugger) and the Python half of the variables panel.

pydevd serves the Debug Adapter Protocol itself (debugpy's in-process adapter mode), on a Unix-domain socket
in the worker's private directory that only the front end connects to: never a TCP port, which any local
user could reach (debugpy has no authentication). The front end plays the part of ipykernel's debugger
(metapoly/debugger.py). Python's variables are described as ipykernel's variable explorer describes them,
with their language, size and sharing added; Julia's come from the worker's Julia half.
"""

import importlib
import os
import socket
import sys
import threading
import time

from IPython.core.inputtransformer2 import leading_empty_lines

from metapoly.hidden_names import hidden

from . import bridge, code_assist, interrupts

# How long an interrupt waits for pydevd to let the main thread go, and the start for it to listen.
RESUME_TIMEOUT = 1.0
LISTEN_TIMEOUT = 30.0
# The types whose values JupyterLab's Variables panel shows (of others, the type).
SCALARS = (int, float, bool, str)

_started = None  # what start() answered
_startup_names: set = set()  # what __main__ held before any cell
_explorer = None  # ipykernel's variable explorer of the last listing (its references expand children)


def start(socket_path: str, shell, startup_names: set) -> dict:
    """Start pydevd on the main thread (the one that runs cells), listening on ``socket_path``; returns
    ``{"internal": [...]}``, the folders of code the user should not step into. Idempotent."""
    global _started, _startup_names
    if _started is not None:
        return _started
    # (The embedded Python cannot be given -Xfrozen_modules=off: pydevd would warn in the cell's output.)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # debugpy puts its copy of pydevd on the path for a moment, and makes it speak the Debug Adapter
    # Protocol; not while the warm-up's completer (jedi) changes the path too.
    with code_assist.busy:
        importlib.import_module("debugpy.server.api")
    pydevd = importlib.import_module("pydevd")

    listening = threading.Event()

    def listener(host, port):
        # (pydevd's thread calls this; once it listens, the front end may connect.)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(socket_path)
        server.listen(1)
        listening.set()
        return server

    pydevd.create_server_socket = listener
    pydevd.settrace(host="localhost", port=0, suspend=False, trace_only_current_thread=False,
                    patch_multiprocessing=False, wait_for_ready_to_run=False, block_until_connected=False)
    if not listening.wait(LISTEN_TIMEOUT):
        raise RuntimeError(f"pydevd did not listen within {LISTEN_TIMEOUT:g} s")
    # As ipykernel: a cell's leading blank lines stay, so that breakpoints keep the editor's lines.
    transforms = shell.input_transformer_manager.cleanup_transforms
    if leading_empty_lines in transforms:
        transforms.remove(leading_empty_lines)
    _startup_names = startup_names
    interrupts.before_interrupt.append(_release_main_thread)
    interrupts.before_work.append(_keep_tracing)
    interrupts.deferred_in.append(os.path.dirname(pydevd.__file__) + os.sep)
    _started = {"internal": _internal_paths()}
    return _started


def _release_main_thread() -> None:
    # An interrupt of a cell stopped at a breakpoint ends the cell: pydevd resumes the threads it holds (and
    # tells the client they continued), and the interrupt is raised in the cell's code once it runs again
    # (code that ends first just ends), never in pydevd's, whose tracing would stop for good.
    from _pydevd_bundle.pydevd_constants import STATE_SUSPEND
    from _pydevd_bundle.pydevd_thread_lifecycle import resume_threads

    info = getattr(threading.main_thread(), "additional_info", None)
    if info is None or info.pydev_state != STATE_SUSPEND:
        return
    resume_threads("*")
    deadline = time.monotonic() + RESUME_TIMEOUT
    while info.pydev_state == STATE_SUSPEND and time.monotonic() < deadline:
        time.sleep(0.002)


def _keep_tracing() -> None:
    # (Python 3.12 and later: pydevd monitors through sys.monitoring, which exceptions do not turn off.)
    from _pydevd_bundle.pydevd_constants import PYDEVD_USE_SYS_MONITORING

    if not PYDEVD_USE_SYS_MONITORING and sys.gettrace() is None:
        importlib.import_module("pydevd").GetGlobalDebugger().enable_tracing()


def _internal_paths() -> list:
    # Code the user did not write and should not step into: the worker, the kernel, IPython, juliacall.
    import ipykernel
    import IPython
    import juliacall

    import metapoly

    return [os.path.dirname(m.__file__) for m in (bridge, metapoly, IPython, ipykernel, juliacall)]


def python_variables() -> list:
    """The user's ``__main__`` variables as DAP variables (expandable as ipykernel's explorer expands them),
    each type marked with its language, size or shape, and whether Julia shares its memory."""
    global _explorer
    from ipykernel.debugger import VariableExplorer

    if _explorer is not None:
        _explorer.untrack_all()
    _explorer = VariableExplorer()
    _explorer.track()
    namespace = bridge.main_namespace()
    rows = []
    for row in _explorer.get_children_variables():
        name = row["name"]
        if name in _startup_names or hidden(name) or name not in namespace:
            continue
        rows.append({**row, "type": describe_type(namespace[name], row.get("type", ""))})
    return rows


def children(reference: int) -> list:
    """The children of an expandable variable of the last ``python_variables``."""
    if _explorer is None:
        return []
    try:
        return _explorer.get_children_variables(reference)
    except KeyError:  # (a reference of an older listing)
        return []


def julia_frames() -> str:
    """The frames of Julia cells on the stack (JSON: ``[[function, cell, line], ...]``, innermost first),
    evaluated by the debugger in a stopped frame. None in a thread of the user's: only the main thread
    may call Julia, and only it runs Julia cells."""
    if threading.current_thread() is not threading.main_thread():
        return "[]"
    from juliacall import Main

    return Main.seval("MetapolyWorker.Requests.julia_cell_frames()")


def describe_type(value, type_name: str) -> str:
    """``Python list, 3 items``, ``Python ndarray, shape (2, 3), shares memory with Julia``; a number, a
    bool or a str keeps its type's bare name, as ipykernel gives it: JupyterLab's Variables panel shows the
    value of those types only, and the type of any other."""
    if type(value) in SCALARS:
        return type(value).__name__
    parts = [f"Python {type_name or type(value).__name__}"]
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple):
        parts.append(f"shape {shape}")
    elif isinstance(value, (list, tuple, dict, set, frozenset, str, bytes)):
        parts.append(f"{len(value)} {'characters' if isinstance(value, str) else 'items'}")
    if bridge.is_julia_value(value):
        parts.append("a Julia object")
    elif bridge.shares_julia_memory(value):
        parts.append("shares memory with Julia")
    return ", ".join(parts)


def rich(name: str, shell) -> dict:
    """``{"data", "metadata"}``: the MIME bundle of the ``__main__`` variable ``name`` as IPython shows it
    (empty if there is none)."""
    result = shell.user_expressions({name: name})[name]
    if result.get("status") != "ok":
        return {"data": {}, "metadata": {}}
    data = result.get("data", {})
    return {"data": data, "metadata": {k: v for k, v in result.get("metadata", {}).items() if k in data}}

