"""The fast tier's kernel: a real :class:`MetapolyKernel` in this process, in front of a fake worker
session that answers from a script. No Julia, no worker process, no sockets: milliseconds a cell.

Requests go through ipykernel's own handlers (``execute_request``, ``complete_request``...), so magics,
routing, error mapping and the reply contents are the kernel's real ones; only the worker is scripted.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field

from jupyter_client.session import Session
from results import Result

from metapoly import protocol
from metapoly.kernel import MetapolyKernel
from metapoly.protocol import Frame
from metapoly.worker_errors import WorkerError


@dataclass
class Scripted:
    """One scripted answer: to requests of ``type`` (and ``language``, and ``body``, when given), after the
    ``output``: ``(stream_name, text)`` pairs and frames."""

    type: str
    reply: dict | WorkerError
    language: str | None = None
    body: str | None = None
    output: list = field(default_factory=list)

    def matches(self, request_type: str, fields: dict, body: str) -> bool:
        return (self.type == request_type and self.language in (None, fields.get("language"))
                and self.body in (None, body))


class FakeWorkerSession:
    """What the kernel needs of :class:`metapoly.session.WorkerSession`, answering from a script.

    ``script(type, reply, language=, body=, output=)`` adds an answer (the latest matching one wins);
    ``output`` is a list of ``(stream_name, text)`` pairs or frames sent before the reply. A request nobody
    scripted fails the test. ``requests`` records every ``(type, fields, body)`` sent but the cells stored in
    the history (``recorded``, always answered); ``restarts`` counts restarts.
    """

    def __init__(self) -> None:
        self.ready = True
        self.info = {"julia_version": "fake", "python": True}
        self.pid = None
        self.requests: list = []
        self.recorded: list = []
        self.restarts = 0
        self._script: list[Scripted] = []

    def script(self, request_type: str, reply: dict | WorkerError, language: str | None = None,
               body: str | None = None, output: list = ()) -> None:
        self._script.append(Scripted(request_type, reply, language, body, list(output)))

    def cell(self, language: str, code: str, value: str | None = None, output: list = ()) -> None:
        """Script a cell that succeeds, printing ``output`` and showing ``value`` (a text/plain), if given."""
        reply = {"status": "ok", "data": {"text/plain": value}} if value is not None else {"status": "ok"}
        self.script(protocol.EXECUTE_REQUEST, reply, language, code, output)

    def start(self) -> None:
        pass

    def wait_ready(self, timeout: float | None = None) -> None:
        pass

    def restart(self, graceful: bool = True) -> None:
        self.restarts += 1

    def shutdown(self, graceful: bool = True) -> None:
        pass

    def interrupt(self) -> None:
        pass

    def request(self, request_type: str, fields: dict, body: str = "", on_output=lambda frame: None,
                on_input=None, on_start=lambda request_id: None) -> dict:
        if request_type == protocol.RECORD_REQUEST:
            self.recorded.append((fields, body))
            return {"status": "ok"}
        self.requests.append((request_type, fields, body))
        on_start(len(self.requests))
        for answer in reversed(self._script):
            if answer.matches(request_type, fields, body):
                for item in answer.output:
                    on_output(item if isinstance(item, Frame)
                              else Frame({"type": protocol.STREAM, "name": item[0]}, item[1].encode()))
                if isinstance(answer.reply, WorkerError):
                    raise answer.reply
                return dict(answer.reply)
        raise AssertionError(f"the fake worker has no answer to {request_type} {fields} {body!r}")


class _RecordingSession(Session):
    """jupyter_client's Session, recording what the kernel sends instead of sending it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sent: list = []

    def send(self, stream, msg_or_type, content=None, parent=None, ident=None, buffers=None, track=False,
             header=None, metadata=None):
        msg = self.msg(msg_or_type, content=content, parent=parent, header=header, metadata=metadata)
        msg["channel"], msg["buffers"] = stream, list(buffers or ())
        self.sent.append(msg)
        return msg


class FastKernel:
    """A :class:`MetapolyKernel` with a :class:`FakeWorkerSession` (or the worker session given), driven like
    the real test client: ``execute``, ``ok``, ``complete``, ``inspect``, ``is_complete`` return what a
    client would get."""

    def __init__(self, worker=None) -> None:
        self.worker = worker or FakeWorkerSession()
        self.session = _RecordingSession(key=b"fast tier")
        self.kernel = MetapolyKernel(session=self.session, iopub_socket="iopub", worker_session=self.worker)
        self._loop = asyncio.new_event_loop()
        self._ids = itertools.count(1)

    def _request(self, msg_type: str, handler: str, content: dict) -> tuple[dict, list]:
        reply, messages = self._request_message(msg_type, handler, content)
        return reply["content"], messages

    def _request_message(self, msg_type: str, handler: str, content: dict) -> tuple[dict, list]:
        msg = self.session.msg(msg_type, content)
        msg["header"]["msg_id"] = f"fast-{next(self._ids)}"
        self.session.sent.clear()
        self.kernel.set_parent([], msg, channel="shell")
        self._loop.run_until_complete(getattr(self.kernel, handler)("shell", [], msg))
        sent = list(self.session.sent)
        [reply] = [m for m in sent if m["channel"] == "shell"]
        assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
        return reply, [m for m in sent if m["channel"] == "iopub"]

    def execute(self, code: str, **kwargs) -> Result:
        """Run ``code`` as a client's execute_request would."""
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": False, **kwargs}
        reply, messages = self._request_message("execute_request", "execute_request", content)
        return Result(reply["content"], [m for m in messages if m["msg_type"] != "execute_input"],
                      reply_metadata=reply["metadata"])

    def ok(self, code: str, **kwargs) -> Result:
        """Execute and assert success."""
        result = self.execute(code, **kwargs)
        assert result.status == "ok", result.errors
        return result

    def complete(self, code: str, cursor: int | None = None) -> dict:
        content = {"code": code, "cursor_pos": len(code) if cursor is None else cursor}
        return self._request("complete_request", "complete_request", content)[0]

    def inspect(self, code: str, detail: int = 0) -> dict:
        content = {"code": code, "cursor_pos": len(code), "detail_level": detail}
        return self._request("inspect_request", "inspect_request", content)[0]

    def is_complete(self, code: str) -> dict:
        return self._request("is_complete_request", "is_complete_request", {"code": code})[0]

    def comm(self, msg_type: str, content: dict, buffers: list = ()) -> list:
        """Send a comm message as a client does; the iopub messages it caused (it has no reply)."""
        msg = self.session.msg(msg_type, content)
        msg["buffers"] = list(buffers)
        self.session.sent.clear()
        self.kernel.set_parent([], msg, channel="shell")
        self.kernel.shell_handlers[msg_type]("shell", [], msg)
        return list(self.session.sent)

    def comm_info(self, target_name: str | None = None) -> dict:
        return self._request("comm_info_request", "comm_info_request", {"target_name": target_name})[0]

    def history(self, **content) -> dict:
        return self._request("history_request", "history_request", content)[0]

    def close(self) -> None:
        self.worker.shutdown()
        self._loop.close()
