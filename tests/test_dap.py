"""The front end's connection to the worker's debugger and the answers it gives itself, without Julia: a
socket pair stands for pydevd."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading

import pytest

from metapoly.dap import HEADER, SEPARATOR, DapClosed, DapConnection
from metapoly.debugger import Debugger


class FakePydevd:
    """A server on a Unix socket that answers each request (but ``hang``) with its arguments, and can send
    events."""

    def __init__(self, path: str) -> None:
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(path)
        self.listener.listen(1)
        self.received: list[dict] = []
        self.conn: socket.socket | None = None
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.conn, _ = self.listener.accept()
        buffer = b""
        while True:
            chunk = self.conn.recv(1 << 16)
            if not chunk:
                return
            buffer += chunk
            while SEPARATOR in buffer:
                head, rest = buffer.split(SEPARATOR, 1)
                length = int(head.rsplit(b":", 1)[1])
                if len(rest) < length:
                    break
                message, buffer = json.loads(rest[:length]), rest[length:]
                self.received.append(message)
                if message["command"] != "hang":
                        self.send({"type": "response", "request_seq": message["seq"], "success": True,
                               "command": message["command"], "body": {"echo": message.get("arguments")}})

    def send(self, message: dict) -> None:
        data = json.dumps(message).encode()
        assert self.conn is not None
        self.conn.sendall(HEADER + str(len(data)).encode() + SEPARATOR + data)


@pytest.mark.fast
def test_requests_get_their_responses_and_events_go_to_the_callback(tmp_path):
    server = FakePydevd(str(tmp_path / "debug.sock"))
    events: list = []
    closed = threading.Event()
    connection = DapConnection(str(tmp_path / "debug.sock"), events.append, closed.set)
    first, second = connection.request("threads"), connection.request("evaluate", {"expression": "1"})
    assert second.result(10)["body"] == {"echo": {"expression": "1"}}
    assert first.result(10)["command"] == "threads"
    assert [m["seq"] for m in server.received] == [1, 2]  # (numbered here, whatever the client's numbers)
    server.send({"type": "event", "event": "stopped", "body": {"threadId": 1}})
    server.send({"type": "event", "event": "continued", "body": {"threadId": 1}})
    hanging = connection.request("hang")  # (answered after the events: they came first)
    assert connection.request("threads").result(10)["success"]
    assert [e["event"] for e in events] == ["stopped", "continued"]
    assert server.conn is not None
    server.conn.shutdown(socket.SHUT_RDWR)  # the worker went away
    assert closed.wait(10) and connection.closed
    with pytest.raises(DapClosed):
        hanging.result(10)
    with pytest.raises(DapClosed):
        connection.request("threads").result(10)


@pytest.mark.fast
def test_what_the_front_end_answers_itself(fast_kernel, tmp_path):
    debugger: Debugger = fast_kernel.kernel.debugger
    info = asyncio.run(debugger.process({"seq": 7, "command": "debugInfo"}))
    assert (info["success"], info["request_seq"], info["body"]["isStarted"]) == (True, 7, False)
    assert info["body"]["hashMethod"] == "Murmur2" and info["body"]["tmpFileSuffix"] == ".py"
    dump = {"seq": 8, "command": "dumpCell", "arguments": {"code": "x = 1\n"}}
    dumped = asyncio.run(debugger.process(dump))
    path = dumped["body"]["sourcePath"]
    assert path.startswith(info["body"]["tmpFilePrefix"]) and open(path).read() == "x = 1\n"
    assert os.stat(os.path.dirname(path)).st_mode & 0o777 == 0o700
    early = asyncio.run(debugger.process({"seq": 9, "command": "next", "arguments": {"threadId": 1}}))
    assert (early["success"], early["command"]) == (False, "next") and "not started" in early["message"]
    malformed = asyncio.run(debugger.process({"seq": 10, "command": "dumpCell"}))
    assert not malformed["success"] and "malformed" in malformed["message"]
