"""Strict clients: kernel-sidecar, a client that parses every message into Pydantic models and keeps a
notebook model, runs tests/conformance/every_output.ipynb (every kind of output, in Python and in Julia)
through metapoly, and its Python cells through ipykernel. Nothing may be unparseable or untracked;
metapoly's notebook model holds what ipykernel's holds (a Julia cell the kinds of output of its Python
twin); every message seen is valid by message_schemas.py; and between the notebook and a few more
requests, every message type a kernel sends is seen."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from kernel_sidecar.client import KernelSidecarClient
from kernel_sidecar.handlers.base import Handler
from kernel_sidecar.models import messages
from kernel_sidecar.models.notebook import Notebook
from kernel_sidecar.nb_builder import NotebookBuilder, SimpleOutputHandler
from message_schemas import SCHEMAS, problems
from real_kernel import start_session

# (kernel-sidecar dates the requests it makes without a time zone, which jupyter_client warns of.)
pytestmark = pytest.mark.filterwarnings("ignore:Interpreting naive datetime:DeprecationWarning")
NOTEBOOK = Path(__file__).resolve().parent / "conformance" / "every_output.ipynb"
CELLS = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
TIMEOUT = 120
ANSWER = "Ada"
CLIENT_TARGETS = {"python": "conformance.python", "julia": "conformance.julia"}


class StrictClient(KernelSidecarClient):
    """kernel-sidecar's client, keeping what it could not parse or route, and every raw message."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unparseable: list = []
        self.untracked: list = []
        self.raw: list = []
        receive = self.mq.put_nowait
        self.mq.put_nowait = lambda msg: (self.raw.append(msg), receive(msg))  # type: ignore[method-assign]

    async def handle_unparseable_message(self, raw_msg: dict, error) -> None:
        self.unparseable.append((raw_msg.get("msg_type"), str(error)))

    async def handle_untracked_action(self, msg) -> None:
        self.untracked.append(msg.msg_type)


class CellHandler(SimpleOutputHandler):
    """A cell's outputs into the notebook model; its input requests answered."""

    async def handle_input_request(self, msg: messages.InputRequest) -> None:
        self.client.send_stdin(ANSWER)


class CommReplies(Handler):
    """The comm messages a client-opened comm gets back."""

    def __init__(self) -> None:
        self.data: list = []

    async def handle_comm_msg(self, msg: messages.CommMsg) -> None:
        self.data.append(msg.content.data)


async def run_notebook(km, cells: list[str], targets: list[str]) -> tuple[StrictClient, Notebook, dict]:
    """Run ``cells`` through kernel-sidecar; then open a comm to each of ``targets`` and send it a message.
    The client, its notebook model, and what each target sent back."""
    async with StrictClient(km.get_connection_info()) as client:
        await asyncio.wait_for(client.kernel_info_request(), TIMEOUT)
        builder = NotebookBuilder(Notebook())
        for source in cells:
            cell = builder.add_cell(source)
            action = client.execute_request(source, handlers=[CellHandler(client, cell.id, builder)])
            await asyncio.wait_for(action, TIMEOUT)
        replies = {}
        for target in targets:
            handler = CommReplies()
            opened = client.comm_open_request(target, {"n": 1}, handlers=[handler])
            await asyncio.wait_for(opened, TIMEOUT)
            comm_id = opened.request.content.comm_id
            await asyncio.wait_for(client.comm_msg_request(comm_id, {"m": 2}, handlers=[handler]), TIMEOUT)
            await asyncio.wait_for(client.comm_close_request(comm_id), TIMEOUT)
            replies[target] = handler.data
        return client, builder.nb, replies


def outputs(cell, exact: bool = True) -> list:
    """A cell's outputs in the notebook model, comparable across kernels: consecutive streams of one name
    joined; with ``exact``, texts and plain-text values, else the kinds and the rich formats."""
    found: list = []
    for output in cell.outputs:
        kind = output.output_type
        if kind == "stream":
            if found and found[-1][:2] == ("stream", str(output.name)):
                found[-1] = ("stream", str(output.name), found[-1][2] + output.text)
            else:
                found.append(("stream", str(output.name), output.text))
        elif kind == "error":
            found.append(("error", output.ename))
        else:
            rich = tuple(sorted(k for k in output.data if k != "text/plain"))
            found.append((kind, rich, output.data.get("text/plain")))
    return found if exact else [o[:1] if o[0] == "error" else o[:2] for o in found]


def ipykernel_manager(tmp_path: Path) -> KernelManager:
    (tmp_path / "conformance-ipykernel").mkdir()
    (tmp_path / "conformance-ipykernel" / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ipykernel", "language": "python"}))
    return KernelManager(kernel_name="conformance-ipykernel",
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path)]))


@pytest.fixture(scope="module")
def native(tmp_path_factory):
    """The notebook's Python cells through ipykernel."""
    km = ipykernel_manager(tmp_path_factory.mktemp("kernels"))
    km.start_kernel()
    try:
        km.client().wait_for_ready(timeout=TIMEOUT)
        yield asyncio.run(run_notebook(km, CELLS[::2], [CLIENT_TARGETS["python"]]))
    finally:
        km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def ours():
    """The whole notebook through metapoly: the client, its notebook model, the comm replies, and the
    kernel's session (for the requests the notebook does not make)."""
    session = start_session()
    try:
        ran = asyncio.run(run_notebook(session.km, CELLS, list(CLIENT_TARGETS.values())))
        yield (*ran, session)
    finally:
        session.shutdown(now=True)


def test_ipykernel_is_parsed_by_kernel_sidecar_as_it_should(native):
    client, notebook, replies = native
    assert (client.unparseable, client.untracked) == ([], [])
    assert all(cell.outputs or "comm" in cell.source for cell in notebook.cells)
    assert replies[CLIENT_TARGETS["python"]] == [{"opened": {"n": 1}}, {"echo": {"m": 2}}]


def test_kernel_sidecar_parses_and_tracks_every_message_metapoly_sends(ours):
    client, _, _, _ = ours
    assert (client.unparseable, client.untracked) == ([], [])
    assert [problems(msg) for msg in client.raw if problems(msg)] == []


def test_python_cells_give_the_notebook_model_ipykernel_gives(ours, native):
    ours_cells, native_cells = ours[1].cells[::2], native[1].cells
    assert [outputs(c) for c in ours_cells] == [outputs(c) for c in native_cells]


def test_julia_cells_give_the_kinds_of_output_their_python_twins_give(ours, native):
    julia_cells, native_cells = ours[1].cells[1::2], native[1].cells
    assert [outputs(c, exact=False) for c in julia_cells] == [outputs(c, exact=False) for c in native_cells]


def test_comms_the_client_opens_reach_targets_of_both_languages(ours):
    replies = ours[2]
    for target in CLIENT_TARGETS.values():
        assert replies[target] == [{"opened": {"n": 1}}, {"echo": {"m": 2}}], target


def test_every_message_type_a_kernel_sends_is_seen_and_valid(ours):
    client, _, _, session = ours
    for code in ("pri", "print(1)\nfor"):
        session.complete(code)
        session.inspect(code)
        session.is_complete(code)
    session.reply(session.kc.history(hist_access_type="tail", n=3))
    session.comm_info()
    # (Their output is not waited for: pydevd's events come under the last shell request, meanwhile.)
    for command in ("initialize", "attach"):
        control(session, "debug_request", {"type": "request", "seq": 1, "command": command,
                                           "arguments": {"clientID": "conformance", "adapterID": ""}},
                output=False)
    session.seen.add(debug_event(session)["msg_type"])  # (pydevd's "process", "initialized"...)
    control(session, "interrupt_request", {})
    control(session, "shutdown_request", {"restart": False}, output=False)  # (the kernel ends here)
    seen = {msg["msg_type"] for msg in client.raw} | session.seen
    assert set(SCHEMAS) - seen == set()


def debug_event(session) -> dict:
    """The next debug_event (as ipykernel, published under the last shell request); what comes before it
    is checked too."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = session.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        assert not problems(msg), (problems(msg), msg)
        if msg["msg_type"] == "debug_event":
            return msg


def control(session, msg_type: str, content: dict, output: bool = True) -> None:
    """Send ``msg_type`` on the control channel; wait for its reply and (with ``output``) its output,
    each message validated."""
    msg = session.kc.session.msg(msg_type, content)
    session.kc.control_channel.send(msg)
    session.reply(msg["header"]["msg_id"], channel="control")
    if output:
        session.output(msg["header"]["msg_id"], TIMEOUT)
