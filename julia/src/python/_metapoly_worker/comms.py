"""Jupyter comms in the worker: the ``comm`` package's API, which ipywidgets and other libraries use, over
the worker's channel.

Every comm lives here, in the process whose code owns it; the front end only relays. A comm the worker's
code opens sends its messages as output frames of the request that is running (the front end publishes them
under that request's Jupyter parent); what the client sends reaches :func:`handle` through a
``comm_request``, is dispatched by the ``comm`` package's own :class:`CommManager` as ipykernel dispatches it,
and what its callbacks print or show goes out as the output of that request. Messages travel as JSON with
their binary buffers base64-encoded.
"""

import base64
import json

import comm
from comm.base_comm import BaseComm, CommManager

from metapoly.protocol import COMM_MESSAGE_TYPES

from .protocol import to_json

_output = None  # the worker's OutputBuffer
_manager = CommManager()


class WorkerComm(BaseComm):
    """A comm whose messages go to the client on the worker's channel."""

    kernel = None  # (ipywidgets looks for it: set to the shell's kernel face by install)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        if _output is None:  # (comm before 0.2 closes its comms as Python exits, whether installed or not)
            return
        content = {"data": {} if data is None else data, "comm_id": self.comm_id, **keys}
        message = {"content": content, "metadata": metadata or {},
                   "buffers": [_encode(b) for b in buffers or ()]}
        _output.send_message({"type": msg_type}, to_json(message).encode())


def install(output, kernel) -> None:
    """Make ``comm.create_comm`` and ``comm.get_comm_manager`` the worker's (ipykernel does the same for its
    own comms), before any library that opens comms is imported."""
    global _output
    _output = output
    WorkerComm.kernel = kernel
    comm.create_comm = WorkerComm
    comm.get_comm_manager = manager


def manager() -> CommManager:
    """The worker's one comm manager: its open comms and the targets the client may open comms to."""
    return _manager


def handle(msg_type: str, message: dict) -> None:
    """Dispatch a ``comm_open``, ``comm_msg`` or ``comm_close`` from the client (``message``: its ``header``,
    ``content``, ``metadata`` and base64 ``buffers``) to the comm or target it names.

    As under ipykernel, a message for an unknown comm or target, or a callback that raises, is reported on
    stderr (under the message's parent), and an open request for a target nobody registered is answered
    with a ``comm_close``.
    """
    if msg_type not in COMM_MESSAGE_TYPES:
        raise ValueError(f"not a comm message: {msg_type!r}")
    msg = {
        "header": message.get("header") or {"msg_type": msg_type},
        "parent_header": {},
        "msg_type": msg_type,
        "content": message.get("content") or {},
        "metadata": message.get("metadata") or {},
        "buffers": [memoryview(base64.b64decode(b)) for b in message.get("buffers") or ()],
    }
    getattr(_manager, msg_type)(None, None, msg)


def info(target_name=None) -> dict:
    """The open comms (of ``target_name``, or all), as a ``comm_info_reply`` lists them."""
    return {comm_id: {"target_name": c.target_name} for comm_id, c in list(_manager.comms.items())
            if target_name is None or c.target_name == target_name}


# Julia's comm API (comms.jl): data, metadata and buffers come as JSON text, buffers base64-encoded, and
# Julia's callbacks get each message the same way.

def open_comm(target_name: str, data: str, metadata: str, buffers: str) -> BaseComm:
    """A new comm to ``target_name`` in the client, for Julia."""
    return comm.create_comm(target_name=target_name, data=json.loads(data), metadata=json.loads(metadata),
                            buffers=_decode(buffers))


def send_comm(c: BaseComm, data: str, metadata: str, buffers: str) -> None:
    """Send a message on ``c``, for Julia."""
    c.send(data=json.loads(data), metadata=json.loads(metadata), buffers=_decode(buffers))


def close_comm(c: BaseComm, data: str) -> None:
    """Close ``c``, for Julia."""
    c.close(data=json.loads(data))


def julia_callback(f):
    """A comm callback that calls Julia's ``f`` with the message as JSON text."""
    return lambda msg: f(_message_json(msg))


def register_julia_target(target_name: str, f) -> None:
    """Let the client open comms to ``target_name``: Julia's ``f(comm, message_json)`` takes each."""
    _manager.register_target(target_name, lambda c, msg: f(c, _message_json(msg)))


def _message_json(msg: dict) -> str:
    return to_json({key: msg.get(key) for key in ("header", "content", "metadata")}
                   | {"buffers": [_encode(b) for b in msg.get("buffers") or ()]})


def _encode(buffer) -> str:
    return base64.b64encode(memoryview(buffer).cast("B")).decode("ascii")


def _decode(buffers: str) -> list:
    return [base64.b64decode(b) for b in json.loads(buffers)]
