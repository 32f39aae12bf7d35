"""JupyterLab's debugger, as ipykernel serves it: the front end's half.

The debugger is pydevd, inside the worker's Python (see the worker's ``debugger.py``), reached on a
Unix-domain socket in the worker's private directory: no other user can attach. This class plays the part
of ipykernel's ``Debugger``: it answers what ipykernel answers itself (``debugInfo``, ``dumpCell``, the
Variables panel between cells, which here lists both languages) and relays the rest to pydevd, whose events
go out as ``debug_event`` messages. A worker replaced while the debugger is on (``%restart``, a crash) is
attached again before the next cell or request, with the breakpoints set again.
"""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Callable

from . import cell_files, protocol
from .dap import DapClosed, DapConnection
from .hidden_names import hidden
from .worker_errors import WorkerError

# How long a relayed request may take (pydevd answers at once, even while a cell is stopped).
RESPONSE_TIMEOUT = 30.0
NOT_STARTED = "the debugger is not started: send `initialize` and `attach` first"
# What the debugger evaluates in a stopped frame to learn the Julia frames below it, and their ids.
JULIA_FRAMES = "__import__('_metapoly_worker.debugger').debugger.julia_frames()"
JULIA_FRAME_IDS = 1 << 30


class Debugger:
    """Answers ``debug_request``s; ``publish(event)`` sends a ``debug_event``."""

    def __init__(self, worker_session: Any, publish: Callable[[dict], None]) -> None:
        self.worker_session = worker_session
        self.publish = publish
        self.started = False
        self.breakpoints: dict[str, list] = {}
        self.stopped_threads: set[int] = set()
        self._connection: DapConnection | None = None
        self._worker: int | None = None  # the pid of the worker the connection is to
        self._setup: list[tuple[str, dict]] = []  # initialize and attach as sent: sent again to a new worker
        self._variables: list = []  # the last listing of both languages' variables
        self._internal: list = []  # the worker's folders of code not to step into
        # (The shell's thread attaches before a cell, the control channel's on a request.)
        self._lock = threading.RLock()
        self.handlers = {
            "initialize": self.initialize, "attach": self.attach, "configurationDone": self.configurationDone,
            "disconnect": self.disconnect, "debugInfo": self.debugInfo, "dumpCell": self.dumpCell,
            "setBreakpoints": self.setBreakpoints, "source": self.source, "stackTrace": self.stackTrace,
            "variables": self.variables, "inspectVariables": self.inspectVariables,
            "richInspectVariables": self.richInspectVariables, "copyToGlobals": self.copyToGlobals,
            "modules": self.modules,
        }

    async def process(self, request: dict) -> dict:
        """The response to one request from the client (always one, ``success: false`` on failure)."""
        command = request.get("command", "")
        handler = self.handlers.get(command, self.relay)
        try:
            response = await handler(request)
        except (DapClosed, WorkerError, OSError, TimeoutError, concurrent.futures.TimeoutError) as exc:
            response = failure(f"the debugger could not answer {command!r}: {describe(exc)}")
        except (KeyError, TypeError, ValueError) as exc:
            response = failure(f"malformed {command!r} request: {describe(exc)}")
        return {**response, "type": "response", "command": command, "request_seq": request.get("seq", 0),
                "seq": response.get("seq", 0)}

    # -- the session ------------------------------------------------------------------------------

    async def initialize(self, request: dict) -> dict:
        """Start pydevd in the worker (once per worker) and connect to it."""
        self._setup = [("initialize", request.get("arguments") or {})]
        if not self._attached():  # (a second initialize keeps the connection, and pydevd's breakpoints)
            await asyncio.get_running_loop().run_in_executor(None, self._connect)
        response = await self._send("initialize", self._setup[0][1])
        self.started = bool(response.get("success"))
        if self.started:  # (a disconnect never ends the worker)
            response["body"]["supportTerminateDebuggee"] = False
        return response

    async def attach(self, request: dict) -> dict:
        """Attach as ipykernel does: the standard library may be stepped into, the kernel's code not; then
        pydevd's configuration is done (JupyterLab's own ``configurationDone`` is answered here)."""
        arguments = {**(request.get("arguments") or {}), "debugOptions": ["DebugStdLib"],
                     "rules": [{"path": path, "include": False} for path in self._internal]}
        self._setup = self._setup[:1] + [("attach", arguments)]
        response = await self._send("attach", arguments)
        await self._send("configurationDone")
        return response

    async def configurationDone(self, request: dict) -> dict:
        return {"success": True}

    async def disconnect(self, request: dict) -> dict:
        """Let stopped threads go and end the session; the worker runs on (it is never terminated)."""
        response: dict = {"success": True}
        if self._connection is not None and not self._connection.closed:
            response = await self._send("disconnect", {"restart": False, "terminateDebuggee": False})
            self._connection.close()
        self._connection, self._setup = None, []
        self.started, self.breakpoints, self.stopped_threads = False, {}, set()
        return response

    async def relay(self, request: dict) -> dict:
        """Requests pydevd answers: stepping, stack traces, scopes, evaluation..."""
        if not self.started:
            return failure(NOT_STARTED)
        return await self._send(request["command"], request.get("arguments"))

    # -- cells and breakpoints --------------------------------------------------------------------

    async def debugInfo(self, request: dict) -> dict:
        """How JupyterLab names cells' files (as ipykernel's compiler names them) and what is set."""
        return {"success": True, "body": {
            "isStarted": self.started, "hashMethod": cell_files.HASH_METHOD, "hashSeed": cell_files.HASH_SEED,
            "tmpFilePrefix": cell_files.cell_directory() + os.sep, "tmpFileSuffix": cell_files.SUFFIX,
            "breakpoints": [{"source": path, "breakpoints": lines}
                            for path, lines in self.breakpoints.items()],
            "stoppedThreads": sorted(self.stopped_threads), "richRendering": True,
            "exceptionPaths": ["Python Exceptions"], "copyToGlobals": True}}

    async def dumpCell(self, request: dict) -> dict:
        """Write a cell to the file its code will run as, for pydevd to show and set breakpoints in."""
        path = cell_files.cell_file(request["arguments"]["code"])
        Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        Path(path).write_text(request["arguments"]["code"], encoding="utf-8")
        return {"success": True, "body": {"sourcePath": path}}

    async def setBreakpoints(self, request: dict) -> dict:
        """Set through pydevd, remembering the lines it set (it may move them), to set again after a
        restart and for ``debugInfo``."""
        if not self.started:
            return failure(NOT_STARTED)
        path = request["arguments"]["source"]["path"]
        response = await self._send("setBreakpoints", request["arguments"])
        if response.get("success"):
            self.breakpoints[path] = [{"line": b["line"]} for b in response["body"]["breakpoints"]]
        return response

    async def source(self, request: dict) -> dict:
        path = Path(request["arguments"]["source"]["path"])
        if not path.is_file():
            return {**failure("source unavailable"), "body": {}}
        return {"success": True, "body": {"content": path.read_text(encoding="utf-8")}}

    async def stackTrace(self, request: dict) -> dict:
        """pydevd's Python frames, and the frames of Julia cells that called them (without source: Julia
        code has no breakpoints): below the Python frames, or above the frame of a Python cell that called
        Julia."""
        response = await self.relay(request)
        body = response.get("body") or {}
        frames = body.get("stackFrames") or []
        start = (request.get("arguments") or {}).get("startFrame", 0)
        if not frames or start + len(frames) < body.get("totalFrames", 0):  # (not the last page)
            return response
        julia = await self._julia_frames(frames[0]["id"])
        bottom = frames[-1]
        cell_at_bottom = bottom["name"] == "<module>" and bottom.get("source", {}).get("path", "").startswith(
            cell_files.cell_directory())
        at = len(frames) - 1 if cell_at_bottom else len(frames)
        body["stackFrames"] = frames[:at] + julia + frames[at:]
        body["totalFrames"] = start + len(body["stackFrames"])
        return response

    async def modules(self, request: dict) -> dict:
        """pydevd's modules (JupyterLab's Kernel Sources), less the kernel's own."""
        response = await self.relay(request)
        body = response.get("body") or {}
        if "modules" in body:
            internal = tuple(self._internal)
            body["modules"] = [m for m in body["modules"] if not m.get("path", "").startswith(internal)]
        return response

    async def _julia_frames(self, frame_id: int) -> list:
        evaluated = await self._send("evaluate", {"expression": JULIA_FRAMES, "frameId": frame_id,
                                                  "context": "clipboard"})
        if not evaluated.get("success"):
            return []
        found = json.loads(ast.literal_eval(evaluated["body"]["result"]))
        return [{"id": JULIA_FRAME_IDS + i, "name": f"{function} (Julia, {cell})", "line": line, "column": 0,
                 "presentationHint": "subtle"} for i, (function, cell, line) in enumerate(found)]

    # -- variables --------------------------------------------------------------------------------

    async def inspectVariables(self, request: dict) -> dict:
        """The user's variables in both languages (Julia's named ``Main.x``). While a cell runs or is
        stopped the worker cannot list them: the last listing is given."""
        if not self.stopped_threads and not self.worker_session.busy:
            self._variables = (await self._ask_worker("variables"))["variables"]
        return {"success": True, "body": {"variables": self._variables}}

    async def variables(self, request: dict) -> dict:
        """A stopped frame's variables (pydevd's, less the kernel's own names), or between cells the
        children of a listed Python variable."""
        if self.stopped_threads:
            response = await self._send("variables", request["arguments"])
            if response.get("success"):
                body = response["body"]
                body["variables"] = [v for v in body["variables"] if not hidden(v["name"])]
            return response
        if self.worker_session.busy:
            return {"success": True, "body": {"variables": []}}
        reference = request["arguments"]["variablesReference"]
        answer = await self._ask_worker("children", {"reference": reference})
        return {"success": True, "body": {"variables": answer["variables"]}}

    async def richInspectVariables(self, request: dict) -> dict:
        """A variable's MIME bundle as its language shows it: Julia's (``Main.x``) as Julia displays it,
        Python's as IPython does, in the stopped frame if a cell is stopped."""
        name = request["arguments"]["variableName"]
        julia = name.startswith("Main.") and name[5:].isidentifier()
        if not (julia or name.isidentifier()):
            return {"success": True, "body": {"data": {}, "metadata": {}}}
        if self.stopped_threads and not julia:
            return await self._rich_in_frame(request, name)
        if self.worker_session.busy:
            return failure("a cell is running: its variables can be shown once it ends")
        answer = await self._ask_worker("rich", {"name": name})
        return {"success": True, "body": {"data": answer["data"], "metadata": answer["metadata"]}}

    async def _rich_in_frame(self, request: dict, name: str) -> dict:
        arguments = {"expression": f"get_ipython().display_formatter.format({name})", "context": "clipboard",
                     "frameId": request["arguments"].get("frameId")}
        response = await self._send("evaluate", arguments)
        if not response.get("success"):
            return response
        data, metadata = ast.literal_eval(response["body"]["result"])
        return {"success": True, "body": {"data": data, "metadata": {k: metadata[k] for k in metadata
                                                                     if k in data}}}

    async def copyToGlobals(self, request: dict) -> dict:
        """Copy a stopped frame's variable to the module's globals, as ipykernel does."""
        arguments = request["arguments"]
        source, target = arguments["srcVariableName"], arguments["dstVariableName"]
        if not (source.isidentifier() and target.isidentifier()):
            return failure("dstVariableName and srcVariableName must be valid identifiers")
        return await self._send("setExpression", {"expression": f"globals()[{target!r}]", "value": source,
                                                  "frameId": arguments["srcFrameId"]})

    # -- the connection ---------------------------------------------------------------------------

    def ensure_attached(self) -> None:
        """Before a cell runs: if the debugger is on and the worker was replaced (``%restart``, a crash),
        attach to the new one now, so that the cell stops at its breakpoints."""
        if self.started:
            try:
                self._connected()
            except (DapClosed, WorkerError, OSError, TimeoutError, concurrent.futures.TimeoutError) as exc:
                logging.getLogger(__name__).warning("the debugger could not attach to the worker: %s", exc)

    async def _send(self, command: str, arguments: dict | None = None) -> dict:
        return await asyncio.get_running_loop().run_in_executor(None, self._send_now, command, arguments)

    def _send_now(self, command: str, arguments: dict | None = None) -> dict:
        # (Blocking: pydevd answers at once, even while a cell is stopped.)
        return self._connected().request(command, arguments).result(RESPONSE_TIMEOUT)

    def _connected(self) -> DapConnection:
        # A worker replaced since (its connection closed, or another pid): attach to the new one as the
        # client did, and set its breakpoints again.
        with self._lock:
            if self._attached():
                assert self._connection is not None
                return self._connection
            if self._connection is None and not self._setup:
                raise DapClosed(NOT_STARTED)
            setup, breakpoints = list(self._setup), dict(self.breakpoints)
            self._connect()
            for command, arguments in setup:
                self._send_now(command, arguments)
                if command == "attach":
                    self._send_now("configurationDone")
            for path, lines in breakpoints.items():
                self._send_now("setBreakpoints", {"source": {"path": path}, "breakpoints": lines})
            assert self._connection is not None
            return self._connection

    def _attached(self) -> bool:
        connection = self._connection
        return connection is not None and not connection.closed and self._worker == self.worker_session.pid

    def _connect(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
            self._connection, self.stopped_threads = None, set()
            path = os.path.join(self.worker_session.supervisor.directory, "debug.sock")
            self._internal = self._ask_worker_now("start", {"socket": path})["internal"]
            self._worker = self.worker_session.pid
            self._connection = DapConnection(path, self._on_event, self._on_close)

    async def _ask_worker(self, command: str, arguments: dict | None = None) -> dict:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._ask_worker_now, command, arguments)

    def _ask_worker_now(self, command: str, arguments: dict | None = None) -> dict:
        reply = self.worker_session.request(protocol.DEBUG_REQUEST,
                                            {"command": command, "arguments": arguments or {}})
        if reply.get("status") != "ok":
            raise WorkerError(reply.get("ename", "WorkerError"), reply.get("evalue", ""))
        return reply

    def _on_event(self, event: dict) -> None:
        body = event.get("body") or {}
        if event.get("event") == "stopped":
            self.stopped_threads.add(body.get("threadId", 0))
        elif event.get("event") == "continued":
            if body.get("allThreadsContinued", True):
                self.stopped_threads = set()
            else:
                self.stopped_threads.discard(body.get("threadId", 0))
        self.publish(event)


    def _on_close(self) -> None:
        # The worker went away (or the session ended): a stopped cell is not stopped any more.
        if self.stopped_threads:
            self.stopped_threads = set()
            self.publish({"type": "event", "seq": 0, "event": "continued",
                          "body": {"threadId": 0, "allThreadsContinued": True}})


def failure(message: str) -> dict:
    """An unsuccessful response, saying why."""
    return {"success": False, "message": message}


def describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


