"""The Jupyter face of metapoly: a thin MetaKernel subclass that routes cells to the worker."""

from __future__ import annotations

import atexit
import base64
import json
import os
import signal
import sys
from collections import OrderedDict
from typing import Any

from ipykernel._version import kernel_protocol_version
from IPython.core.error import StdinNotImplementedError
from metakernel import ExceptionWrapper, MetaKernel
from metakernel.magics import magic_magic

from . import __version__, cell_language, code_assist, history, magics, protocol, wire_safety
from .debugger import Debugger
from .protocol import Frame
from .session import WorkerSession
from .worker_errors import WorkerError

# A cursor line longer than this is parsed for its magic only (see parse_code).
LONGEST_PARSED_LINE = 4000
# MetaKernel's magics all go: they act on the front-end process (its Python, its variables, its working
# directory) or do what IPython's magics of the same name do in the worker, where every other `%`, `%%`
# and `!` line of a Python cell goes. Its "magic" is kept aside: it dispatches all magics.
DISPATCHER = "magic"
BRIDGE_REQUESTS = {"py2jl": protocol.PY2JL_REQUEST, "jl2py": protocol.JL2PY_REQUEST}
PARENTS_KEPT = 256  # requests whose threads may still print under their cell
# What the worker learns of the Jupyter message a request is made for (ipywidgets' Output widget captures
# output by its msg_id).
PARENT_FIELDS = ("msg_id", "msg_type", "session", "username")


class MetapolyKernel(MetaKernel):
    """Python and Julia in one notebook: cells run in one Julia worker process that embeds CPython."""

    implementation = "metapoly"
    implementation_version = __version__
    language = "python"
    language_version = sys.version.split()[0]
    banner = (
        "metapoly: Python and Julia in one process.\n"
        "Cells run as Python; %%julia (or a first line %julia) runs a cell as Julia, "
        "%default julia makes Julia the default. %help lists the magics."
    )
    # JupyterLab's Help menu: the references of both languages (ipykernel lists Python's and IPython's).
    help_links = [
        {"text": "Python Reference", "url": "https://docs.python.org/3/"},
        {"text": "IPython Reference", "url": "https://ipython.readthedocs.io/en/stable/"},
        {"text": "Julia Documentation", "url": "https://docs.julialang.org/en/v1/"},
        {"text": "NumPy Reference", "url": "https://numpy.org/doc/stable/reference/"},
    ]
    language_info = {
        "name": "python",
        "version": sys.version.split()[0],
        "mimetype": "text/x-python",
        "file_extension": ".py",
        "codemirror_mode": {"name": "ipython", "version": 3},
        "pygments_lexer": "ipython3",
        "help_links": help_links,
    }
    kernel_json = {
        "argv": [sys.executable, "-m", "metapoly", "-f", "{connection_file}"],
        "display_name": "Metapoly (Python + Julia)",
        "language": "python",
        "name": "metapoly",
    }

    # A session whose worker `python -m metapoly` started before anything else (see __main__).
    started_worker: Any = None

    def __init__(self, *args: Any, worker_session: Any = None, **kwargs: Any) -> None:
        """``worker_session``: what runs the code, a :class:`~metapoly.session.WorkerSession` unless given
        (the fast tests give a fake one) or started already (``started_worker``)."""
        super().__init__(*args, **kwargs)
        wire_safety.protect_packer(self.session)
        self.default_language = "python"
        self._asking = False
        self._storing = False  # whether the running cell is yet to be stored in the history
        self._cell, self._silent = "", False  # the cell being executed, and whether its request is silent
        self._cell_languages: dict[str, str] | None = None  # the execute_reply's metadata["metapoly"]
        self._parents: OrderedDict[int, dict] = OrderedDict()  # request id -> its Jupyter parent
        self.worker_session = worker_session or self.started_worker or WorkerSession()
        self.worker_session.on_event = self._publish
        self.debugger = Debugger(self.worker_session, self._publish_debug_event)
        # MetaKernel's parser globs the file system for paths at the cursor on every parse, which only its
        # completion (not ours: metapoly.code_assist) reads; every cell paid for it.
        self.parser._get_path_matches = _no_paths  # type: ignore[method-assign]
        # Comms live in the worker, with the code that opens them: the client's comm messages go there.
        # MetaKernel's comm manager goes: ipykernel would look every comm_msg up in it, and log each one it
        # does not know of (all of them) as an error under no parent.
        for msg_type in protocol.COMM_MESSAGE_TYPES:
            self.shell_handlers[msg_type] = self.relay_comm
        del self.comm_manager
        if self.worker_session is not self.started_worker:
            self.worker_session.start()  # (now: it is warm by the time the first cell arrives)
        atexit.register(self.worker_session.shutdown)

    def reload_magics(self) -> None:
        """Register our magics, and MetaKernel's dispatcher aside.

        MetaKernel's own loading imports every one of its magic modules (jedi among them: a tenth of a
        second of the kernel's start) only for all of them to go.
        """
        self.line_magics, self.cell_magics = {}, {}
        self.magic_load_errors = []
        self.magic_search_paths = [os.path.dirname(magics.__file__)]
        magic_magic.register_magics(self)
        self._dispatcher = self.line_magics.pop(DISPATCHER)
        for module in magics.our_magic_modules():
            module.register_magics(self)

    def get_magic(self, text: str) -> Any:
        """The magic ``text`` starts with, called (MetaKernel's, with its dispatcher kept aside: `%magic`
        is IPython's)."""
        return self._dispatcher.get_magic(self.parse_code(text))

    def get_magic_args(self, text: str) -> Any:
        return self._dispatcher.get_magic(self.parse_code(text), get_args=True)

    def parse_code(self, code: str, cursor_start: int = 0, cursor_end: int = -1) -> dict[str, Any]:
        """MetaKernel's parse of ``code`` (its magic, the name at the cursor...), in linear time, where only
        help on one of our magics (``?%julia``, ``%help``) is MetaKernel's help magic.

        MetaKernel's regexes for the name before the cursor backtrack quadratically on the cursor's line (a
        cell with a 100,000-character line took 90 s to start); such a line is parsed for its magic only.
        Other help requests (``?x``, ``x?``) run in the default language, as IPython and IJulia show them.
        """
        end = len(code) if cursor_end < 0 else min(cursor_end, len(code))
        if end - code.rfind("\n", 0, end) <= LONGEST_PARSED_LINE:
            info = super().parse_code(code, cursor_start, cursor_end)
        else:
            info = super().parse_code("")
            info.update(magic=self.parser._parse_magic(code[:end]), code=code, end=end, start=end, pre=code)
        magic = info.get("magic") or {}
        if magic.get("name") == "help" and not magic.get("prefix", "").startswith("%"):
            target = code.strip().strip("?").strip()
            one_magic = target.startswith("%") and len(target.split()) == 1
            if not (one_magic and code_assist.magic_help(self, target)):
                info["magic"] = self._magic_not_help(code)
        return info

    def _magic_not_help(self, code: str) -> dict[str, Any]:
        # `%julia sum?` is the magic %julia, whose code asks for help.
        if not code.lstrip().startswith(self.magic_prefixes["magic"]):
            return {}
        suffix, self.parser.help_suffix = self.parser.help_suffix, ""
        try:
            return self.parser._parse_magic(code)
        finally:
            self.parser.help_suffix = suffix

    def get_usage(self) -> str:
        return self.banner

    def run_cell(self, language: str, code: str, show_value: bool = True,
                 variables: dict | None = None) -> Any:
        """Run ``code`` in the worker in ``language``; what MetaKernel expects as a cell's result.
        ``variables`` are those of a ``%%julia`` line (:func:`~metapoly.magic_args.parse_cell_variables`).

        Output streams to the client while the cell runs. Returns a MIME bundle for a value (unless not
        ``show_value``: the code is not the end of its cell), ``None`` for none, or an
        :class:`ExceptionWrapper` for an error (one ``error`` message, status ``error``).
        """
        asked = code_assist.parse_help(code) if language == "julia" else None
        if asked and not code.lstrip().startswith("?"):  # Julia's help mode knows `?name`, not `name?`
            code = "?" + asked[0]
        fields = {"language": language, "cell": self.execution_count, "first_line": self._first_line(code),
                  "silent": self._silent, "show_value": show_value, **self._history_fields(code)}
        if variables is not None:
            fields["variables"] = variables
        if language == "python" and self._cell != code:  # (the cell's file is named after all of it)
            fields["source"] = self._cell
        self.debugger.ensure_attached()
        reply = self._request(protocol.EXECUTE_REQUEST, fields, code)
        if isinstance(reply, ExceptionWrapper):
            return reply
        self.payload.extend(reply.get("payload", []))
        return (reply.get("data") if show_value else None) or None

    def _history_fields(self, code: str) -> dict[str, Any]:
        # The first request of a cell stores the cell, as typed, in the history; the others do not.
        if not self._storing:
            return {"store_history": False}
        self._storing = False
        return {"store_history": True, **({"raw": self._cell} if self._cell != code else {})}

    def _first_line(self, code: str) -> int:
        # The line of the cell on which `code` starts, so that tracebacks count lines as the editor does
        # (`code` is what is left of the cell once MetaKernel has taken the magic lines before it).
        cell = self._cell.rstrip()
        at = len(cell) - len(code.rstrip()) if cell.endswith(code.rstrip()) else max(cell.find(code), 0)
        return cell.count("\n", 0, at) + 1

    def bridge(self, direction: str, names: list, options: dict) -> Any:
        """Move variables between the languages (``direction`` is "py2jl" or "jl2py").

        ``names`` holds ``(source_name, target_name)`` pairs, ``options`` the magic's
        (``magic_args.parse_move_args``). Prints one line per variable; returns an
        :class:`ExceptionWrapper` if nothing could be moved.
        """
        reply = self._request(BRIDGE_REQUESTS[direction], {"names": names, **options})
        if isinstance(reply, ExceptionWrapper):
            return reply
        self.Print("\n".join(reply["lines"]))
        return None

    def variables(self) -> Any:
        """The user's variables in both languages (``{"python": rows, "julia": rows}``), or an
        :class:`ExceptionWrapper`."""
        return self._request(protocol.VARIABLES_REQUEST, {})

    def _request(self, request_type: str, fields: dict, body: str = "") -> Any:
        """The worker's reply to one request, or an :class:`ExceptionWrapper` for any failure."""
        fields = {**fields, "parent": _parent_fields(self.get_parent().get("header") or {})}
        try:
            reply = self.worker_session.request(request_type, fields, body, self._publish, self._answer_input,
                                                self._remember_parent)
        except WorkerError as exc:
            return _error(exc.ename, exc.message)
        if reply.get("status") == "error":
            return ExceptionWrapper(reply.get("ename", "Error"), reply.get("evalue", ""),
                                    reply.get("traceback", []))
        return reply

    def _remember_parent(self, request_id: int) -> None:
        self._parents[request_id] = self.get_parent()
        while len(self._parents) > PARENTS_KEPT:
            self._parents.popitem(last=False)

    def _publish(self, frame: Frame) -> None:
        # Output of a request; or, once it ended, of a thread it started (under its parent, as ipykernel
        # does); or of a background task of no request (under the last request's parent).
        if frame.type not in protocol.OUTPUT_TYPES:
            return
        extra: dict[str, Any] = {}
        if frame.type == protocol.STREAM:
            content = {"name": frame.header.get("name", "stdout"), "text": frame.text()}
        elif frame.type in protocol.COMM_MESSAGE_TYPES:
            message = frame.json()
            content = message["content"]
            extra = {"metadata": message.get("metadata") or {},
                     "buffers": [base64.b64decode(b) for b in message.get("buffers") or ()]}
        else:
            content = frame.json()
        parent = self._parents.get(frame.id) or self.get_parent()
        assert self.session is not None  # (as ipykernel asserts it: the application gives every kernel one)
        self.session.send(self.iopub_socket, frame.type, content, parent, **extra)

    def relay_comm(self, stream: Any, ident: Any, msg: dict) -> None:
        """``comm_open``, ``comm_msg`` or ``comm_close`` from the client: delivered to the worker, where the
        comms live; what their callbacks print or show is published under this message, as ipykernel does.
        A message the worker cannot take (it died, or never started) is dropped with a log line."""
        message: dict[str, Any] = {"header": _parent_fields(msg["header"]),
                                   "content": msg.get("content") or {}, "metadata": msg.get("metadata") or {},
                                   "buffers": [base64.b64encode(memoryview(b)).decode()
                                               for b in msg.get("buffers") or ()]}
        msg_type = msg["header"]["msg_type"]
        reply = self._request(protocol.COMM_REQUEST, {"msg_type": msg_type}, json.dumps(message, default=str))
        if isinstance(reply, ExceptionWrapper):
            self.log.warning("%s for comm %s dropped: %s", msg_type, message["content"].get("comm_id"),
                             reply.evalue)

    async def comm_info_request(self, stream: Any, ident: Any, parent: dict) -> None:
        """The comms open in the worker (none while it starts: no code has run yet)."""
        reply: dict[str, Any] = {"status": "ok", "comms": {}}
        if self.worker_session.ready:
            answer = self._request(protocol.COMM_INFO_REQUEST,
                                   {"target_name": parent.get("content", {}).get("target_name")})
            if not isinstance(answer, ExceptionWrapper):
                reply["comms"] = answer.get("comms", {})
        assert self.session is not None
        self.session.send(stream, "comm_info_reply", reply, parent, ident)

    def _answer_input(self, prompt: str, password: bool) -> tuple[str, str]:
        # input(), getpass() or readline() in the worker: the client's stdin channel answers.
        self._asking = True
        try:
            return "ok", (self.getpass if password else self.raw_input)(prompt)
        except EOFError:
            return "eof", ""
        except KeyboardInterrupt:
            return "interrupted", ""
        except StdinNotImplementedError:
            return "unsupported", ""
        finally:
            self._asking = False

    # The client's interrupt reaches the kernel as SIGINT in both interrupt modes ("message": ipykernel
    # signals itself). While a request is handled, SIGINT is ours: it asks the worker to stop the running
    # code, and never raises in the middle of the front end's own work. Only a prompt waiting for the
    # user is cancelled by raising, as ipykernel's raw_input expects.

    def pre_handler_hook(self) -> None:
        self.saved_sigint_handler = signal.signal(signal.SIGINT, self._on_sigint)

    def post_handler_hook(self) -> None:
        signal.signal(signal.SIGINT, self.saved_sigint_handler)

    def _send_interrupt_children(self) -> None:
        # ipykernel signals its whole process group, which the worker and what it started belong to (a
        # `sleep` from Julia's `run` would die of it): only the front end hears the signal, and asks the
        # worker.
        os.kill(os.getpid(), signal.SIGINT)

    def _on_sigint(self, signum: int, frame: Any) -> None:
        if self._asking:
            raise KeyboardInterrupt
        self.worker_session.interrupt()

    # (Without cell_meta and cell_id, which its supertypes name: see the docstring.)
    async def do_execute(self, code: Any, silent: Any = False,  # type: ignore[override]
                         store_history: bool = True, user_expressions: dict | None = None,
                         allow_stdin: bool = False) -> dict[str, Any]:
        """A cell, after checking the request carries one.

        The parameters are MetaKernel's, named: ipykernel passes newer ones (cell_id, cell_meta) only to a
        do_execute that names them, and MetaKernel's before 1.0 do not.
        """
        self._cell_languages = None
        problem = wire_safety.bad_request(code)
        if problem is not None:
            reply = wire_safety.bad_request_reply(problem)
            self.send_response(self.iopub_socket, "error", reply)
            return {**reply, "execution_count": self.execution_count}
        self._cell, self._silent, self._storing = code, bool(silent), bool(store_history) and not silent
        default = self.default_language
        reply = await super().do_execute(code, silent, store_history, user_expressions, allow_stdin)
        self._cell_languages = {"language": cell_language.decide(code, default).language,
                                "default": self.default_language}
        if self._storing and code.strip() and self.worker_session.ready:
            # A cell of metapoly's magics only (`%py2jl x`) is history too.
            fields = {"cell": self.execution_count, **self._history_fields(code)}
            self._request(protocol.RECORD_REQUEST, fields, code)
        return reply

    def finish_metadata(self, parent: dict, metadata: dict, reply_content: dict) -> dict:
        """The execute_reply's metadata, with ``metapoly``: the language the cell is written in (read from
        its magic lines, given the default it ran under) and the default it leaves, which the JupyterLab
        extension shows (see the README's "JupyterLab")."""
        metadata = super().finish_metadata(parent, metadata, reply_content)
        if self._cell_languages is not None:
            metadata["metapoly"] = self._cell_languages
        return metadata

    async def post_execute(self, retval: Any, code: str, silent: bool) -> None:
        """MetaKernel's end of a cell, with a value's MIME bundle sent as the cell's result (MetaKernel sends
        bundles as they are since 1.0, which needs Python 3.11; before, it formatted them as dicts)."""
        if isinstance(retval, dict):
            if not silent:
                self.send_response(self.iopub_socket, "execute_result",
                                   {"execution_count": self.execution_count, "data": retval, "metadata": {}})
            retval = None
        await super().post_execute(retval, code, silent)

    @property
    def kernel_info(self) -> dict[str, Any]:
        """ipykernel's kernel_info, promising only what works: the debugger (``debugger: true`` for
        JupyterLab before 4), not subshells (a subshell's cell would wait for the main shell's), which
        ipykernel's base class lists. (Built here: the base class imports debugpy to ask whether it is
        installed, a tenth of the kernel's start; it is a dependency of the kernel.)"""
        return {"protocol_version": kernel_protocol_version, "implementation": self.implementation,
                "implementation_version": self.implementation_version, "language_info": self.language_info,
                "banner": self.banner, "help_links": self.help_links, "supported_features": ["debugger"],
                "debugger": True}

    async def do_debug_request(self, msg: dict) -> dict[str, Any]:
        """The debugger's response to ``msg``, a Debug Adapter Protocol request (see
        :mod:`metapoly.debugger`); every request is answered, ``success: false`` with a message if it
        failed."""
        return await self.debugger.process(msg)

    async def do_complete(self, code: str, cursor_pos: int | None) -> dict[str, Any]:
        """Tab: completions by the language at the cursor (see :mod:`metapoly.code_assist`)."""
        problem = wire_safety.bad_request(code, cursor_pos)
        if problem is not None:
            return wire_safety.bad_request_reply(problem)
        return code_assist.complete(self, code, cursor_pos)

    async def do_inspect(self, code: str, cursor_pos: int, detail_level: int = 0,
                         omit_sections: Any = ()) -> dict[str, Any]:
        """Shift-Tab: documentation of the name at the cursor, in its language."""
        problem = wire_safety.bad_request(code, cursor_pos)
        if problem is not None:
            return wire_safety.bad_request_reply(problem)
        return code_assist.inspect(self, code, cursor_pos, detail_level)

    async def do_is_complete(self, code: str) -> dict[str, str]:
        """Whether a console should run ``code`` now or wait for more lines."""
        if wire_safety.bad_request(code) is not None:
            return {"status": "unknown"}  # (is_complete has no error status)
        return code_assist.is_complete(self, code)

    def get_help_on(self, expr: str, level: int = 0, none_on_fail: bool = False, cursor_pos: int = -1) -> Any:
        """``%help ARGS``, or ``?%julia``: a MIME bundle for the pager (see :meth:`parse_code` for the
        other help requests)."""
        words = expr.strip().split(None, 1)
        if words and words[0] in ("%help", "%%help"):
            expr = words[1] if len(words) > 1 else ""
        return self.line_magics["help"].help_for(expr.strip().strip("?").strip())

    def page(self, bundle: dict[str, str]) -> None:
        """Show ``bundle`` in the client's pager (help), as ipykernel does for ``x?``."""
        self.payload.append({"source": "page", "data": bundle, "start": 0})

    def do_execute_direct(self, code: str, silent: bool = False) -> Any:
        """Cells without a language magic run in the default language: in Python, IPython takes every other
        magic, `!` line and help request; in Julia, `?name` is help and `;cmd` a shell command, as in
        IJulia."""
        if self.default_language == "julia":
            if code.lstrip().startswith(("%", "!")):
                # MetaKernel hands over lines it found no magic of ours for.
                name = code.lstrip().split(None, 1)[0]
                return _error("UnknownMagic", f"{name} is not a magic of this kernel (%lsmagic lists them). "
                              "IPython's magics and ! lines work in Python cells: %%python, or %python LINE.")
        return self.run_cell(self.default_language, code)

    # (What ipykernel passes, which MetaKernel annotates otherwise: `output` as a string, the rest optional.)
    async def do_history(self, hist_access_type: str, output: bool, raw: bool,  # type: ignore[override]
                         session: int = 0, start: int = 0,  # type: ignore[override]
                         stop: int | None = None, n: int | None = None, pattern: str | None = None,
                         unique: bool = False) -> dict[str, Any]:
        """The history of cells in both languages, across sessions, as ipykernel answers (see
        :mod:`metapoly.history`)."""
        fields = {"hist_access_type": hist_access_type, "output": output, "raw": raw, "session": session,
                  "start": start, "stop": stop, "n": n, "pattern": pattern, "unique": unique}
        if not self.worker_session.ready:
            return {"status": "ok", "history": history.read(fields)}
        reply = self._request(protocol.HISTORY_REQUEST, fields)
        return {"status": "ok", "history": [] if isinstance(reply, ExceptionWrapper) else reply["history"]}

    def restart_kernel(self) -> None:
        """Fresh state in both languages (a new worker, ready when this returns), Python as the default.

        Raises :class:`WorkerError` if the new worker cannot start.
        """
        self.default_language = "python"
        self.sticky_magics.clear()
        self.worker_session.restart()
        self.worker_session.wait_ready()

    async def do_shutdown(self, restart: bool) -> dict[str, Any]:
        """Stop the worker. (On a client's restart, the client starts a new kernel process, which starts
        its own worker: restarting this one too would only delay it.)"""
        self.worker_session.shutdown()
        return {"status": "ok", "restart": restart}


def _no_paths(info: dict) -> list[str]:
    return []


def _parent_fields(header: dict) -> dict:
    return {key: header[key] for key in PARENT_FIELDS if key in header}


def _error(ename: str, message: str) -> ExceptionWrapper:
    return ExceptionWrapper(ename, message, [f"{ename}: {message}"])
