"""JupyterLab's debugger through a real kernel: the Variables panel lists both languages, a breakpoint in
Python stops a Julia cell's call (its Julia frames in the call stack), an interrupt ends a stopped cell and
keeps the state, the debugger survives %restart and a crash, every request is answered, and nobody else can
reach it. (ipykernel's own debugger tests run too: tests/ipykernel_suite.)"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time

import pytest
from message_schemas import problems
from real_kernel import validate
from test_security import _listening_ports, _socket_inodes

CLIENT = {"clientID": "test", "adapterID": "", "pathFormat": "path", "linesStartAt1": True,
          "columnsStartAt1": True, "supportsVariableType": True}
BUMP = "def bump(n):\n    m = n + 1\n    return m"


class Debugging:
    """A client's debug session on a kernel: requests on the control channel, events from iopub."""

    def __init__(self, kernel) -> None:
        self.kernel, self.kc, self.seq = kernel, kernel.kc, 0

    def request(self, command: str, arguments: dict | None = None, timeout: float = 60) -> dict:
        self.seq += 1
        msg = self.kc.session.msg("debug_request", {"type": "request", "seq": self.seq, "command": command,
                                                    "arguments": arguments or {}})
        self.kc.control_channel.send(msg)
        deadline = time.monotonic() + timeout
        while True:
            reply = self.kc.get_control_msg(timeout=max(0.01, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                validate(reply, msg["header"]["msg_id"])
                content = reply["content"]
                assert (content["command"], content["request_seq"]) == (command, self.seq)
                return content

    def ok(self, command: str, arguments: dict | None = None) -> dict:
        content = self.request(command, arguments)
        assert content["success"], content
        return content.get("body") or {}

    def breakpoint(self, code: str, line: int) -> str:
        """Set a breakpoint at ``line`` of the cell ``code``, as JupyterLab does; the cell's file."""
        path = self.ok("dumpCell", {"code": code})["sourcePath"]
        set_ = self.ok("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": line}]})
        assert set_["breakpoints"][0]["verified"]
        return path

    def event(self, name: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            assert not problems(msg), (problems(msg), msg)
            if msg["msg_type"] == "debug_event" and msg["content"]["event"] == name:
                return msg["content"]

    def frames(self) -> list:
        return self.ok("stackTrace", {"threadId": 1})["stackFrames"]

    def reply(self, msg_id: str, timeout: float = 60) -> dict:
        return self.kernel.reply(msg_id, timeout)["content"]


@pytest.fixture
def debugging(module_kernel):
    module_kernel.flush()
    session = Debugging(module_kernel)
    session.ok("initialize", CLIENT)
    session.request("attach")
    yield session
    session.request("disconnect", {"restart": False, "terminateDebuggee": True})
    module_kernel.flush()


def test_the_variables_panel_lists_both_languages(debugging, module_kernel):
    module_kernel.ok("%%julia\nshared = [1.0, 2.0, 3.0]\nlabel = \"julia's\"\nhow_many = 3")
    module_kernel.ok("%jl2py shared")
    module_kernel.ok("label = 'python'\ncounts = {'a': 1, 'b': 2}")
    rows = {row["name"]: row for row in debugging.ok("inspectVariables")["variables"]}
    assert rows["label"]["type"] == "str" and rows["label"]["value"] == "'python'"  # (as ipykernel gives it)
    assert rows["counts"]["type"] == "Python dict, 2 items" and rows["counts"]["variablesReference"] > 0
    assert rows["shared"]["type"] == "Python ndarray, shape (3,), shares memory with Julia"
    assert rows["Main.shared"]["type"].startswith("Julia Array{Float64,1}, 3 elements, shares memory with")
    assert (rows["Main.label"]["type"], rows["Main.label"]["value"]) == ("str", '"julia\'s"')
    assert (rows["Main.how_many"]["type"], rows["Main.how_many"]["value"]) == ("int", "3")
    assert not {"julia", "get_ipython", "In", "Out", "Main.ans"} & set(rows)
    children = debugging.ok("variables", {"variablesReference": rows["counts"]["variablesReference"]})
    assert {"'a'", "'b'"} <= {child["name"] for child in children["variables"]}
    julia = debugging.ok("richInspectVariables", {"variableName": "Main.shared"})
    assert julia["data"]["text/plain"].startswith("3-element Array{Float64,1}:")
    python = debugging.ok("richInspectVariables", {"variableName": "counts"})
    assert python["data"] == {"text/plain": "{'a': 1, 'b': 2}"}


def test_a_breakpoint_stops_python_called_from_julia(debugging, module_kernel):
    path = debugging.breakpoint(BUMP, 2)
    module_kernel.ok(BUMP)
    msg_id = module_kernel.kc.execute(
        '%%julia\nfunction ping(n)\n    x = 2n\n    pyimport("__main__").bump(x)\nend\nping(20)')
    assert debugging.event("stopped")["body"]["reason"] == "breakpoint"
    frames = debugging.frames()
    names = [(re.sub(r"In\[\d+\]", "In[N]", frame["name"]), frame["line"]) for frame in frames]
    assert names == [("bump", 2), ("ping (Julia, In[N])", 4), ("top-level scope (Julia, In[N])", 6)]
    assert "source" not in frames[1]
    sources = [module.get("path", "") for module in debugging.ok("modules")["modules"]]
    assert sources and not [path for path in sources if "_metapoly_worker" in path]  # (not the kernel's)
    scopes = debugging.ok("scopes", {"frameId": frames[0]["id"]})["scopes"]
    local = debugging.ok("variables", {"variablesReference": scopes[0]["variablesReference"]})["variables"]
    assert {"name": "n", "value": "40"}.items() <= local[0].items()
    debugging.ok("continue", {"threadId": 1})
    assert debugging.reply(msg_id)["status"] == "ok"
    debugging.ok("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    assert module_kernel.ok("%julia ping(1)").result == "Python: 3"


def test_an_interrupt_ends_a_stopped_cell_and_keeps_the_state(debugging, module_kernel):
    code = f"{BUMP}\n\nbefore = 1\nbump(1)\nfor i in range(10**9):\n    pass"
    debugging.breakpoint(code, 2)
    msg_id = module_kernel.kc.execute(code)
    debugging.event("stopped")
    module_kernel.km.interrupt_kernel()
    reply = debugging.reply(msg_id)
    assert (reply["status"], reply["ename"]) == ("error", "KeyboardInterrupt")
    assert debugging.ok("debugInfo")["stoppedThreads"] == []
    msg_id = module_kernel.kc.execute("print(before)\nbump(2)")
    debugging.event("stopped")  # (pydevd still traces the cell's thread)
    debugging.ok("continue", {"threadId": 1})
    assert debugging.reply(msg_id)["status"] == "ok"


def test_breakpoints_stop_after_a_cell_dropped_the_trace_function(debugging, module_kernel):
    # (As an interrupt can, when it lands in the standard library code pydevd's trace function calls.)
    path = debugging.breakpoint(f"{BUMP}\n\nbump(1)", 2)
    module_kernel.ok("import sys\nsys.settrace(None)")
    msg_id = module_kernel.kc.execute(f"{BUMP}\n\nbump(1)")
    assert debugging.event("stopped", timeout=20)["body"]["reason"] == "breakpoint"
    assert debugging.frames()[0]["source"]["path"] == path
    debugging.ok("continue", {"threadId": 1})
    assert debugging.reply(msg_id)["status"] == "ok"


def test_the_debugger_outlives_restarts_and_crashes(debugging, module_kernel):
    code = f"{BUMP}\n\nbump(1)"
    debugging.breakpoint(code, 2)
    module_kernel.ok("%restart")
    msg_id = module_kernel.kc.execute(code)
    debugging.event("stopped")  # the new worker was attached, its breakpoint set
    frame = debugging.frames()[0]["id"]
    debugging.request("evaluate", {"expression": "import os; os.kill(os.getpid(), 9)", "frameId": frame,
                                   "context": "repl"})
    assert debugging.reply(msg_id)["ename"] == "WorkerDied"
    assert debugging.ok("debugInfo")["stoppedThreads"] == []
    msg_id = module_kernel.kc.execute(code)
    debugging.event("stopped")
    debugging.ok("continue", {"threadId": 1})
    assert debugging.reply(msg_id)["status"] == "ok"


def test_every_request_is_answered(module_kernel):
    session = Debugging(module_kernel)
    early = session.request("stackTrace", {"threadId": 1})
    assert not early["success"] and "not started" in early["message"]
    assert session.request("setBreakpoints", {})["success"] is False  # (malformed: no source)
    session.ok("initialize", CLIENT)
    session.request("attach")
    try:
        unknown = session.request("noSuchCommand")
        assert not unknown["success"] and unknown["message"]
    finally:
        session.request("disconnect", {"restart": False, "terminateDebuggee": True})
    assert module_kernel.ok("1 + 1").result == "2"  # (terminateDebuggee never ends the worker)


def test_no_other_user_can_reach_the_debugger(debugging, module_kernel):
    worker = module_kernel.worker_pid()
    inodes = _socket_inodes(worker)
    with open("/proc/net/unix") as table:  # (the worker's bound sockets: Num RefCount ... Inode Path)
        bound = [row.split() for row in table.readlines()[1:]]
    path = next(row[7] for row in bound
                if len(row) > 7 and row[6] in inodes and row[7].endswith("debug.sock"))
    directory = os.stat(os.path.dirname(path))
    assert stat.S_IMODE(directory.st_mode) == 0o700 and directory.st_uid == os.getuid()
    assert _listening_ports(worker) == set()  # (no TCP port: debugpy's adapter is not used)
    if os.getuid() == 0:  # (only root can try as another user)
        attempt = ("import socket, sys\ntry:\n    socket.socket(socket.AF_UNIX).connect(sys.argv[1])\n"
                   "except OSError as e:\n    print(type(e).__name__)\nelse:\n    print('connected')")
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run([*nobody, sys.executable, "-c", attempt, path], capture_output=True,
                                text=True, timeout=60)
        assert result.stdout.strip() == "PermissionError", result
