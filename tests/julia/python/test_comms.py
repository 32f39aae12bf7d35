"""The worker's comms (the comm package's API over the worker's channel) and where tracebacks go, in this
process: the frames a widget sends, and the client's messages dispatched to it."""

import base64
import json

import pytest

from _metapoly_worker import comms
from _metapoly_worker.execute import run_cell


@pytest.fixture
def shell(published):
    shell, output, frames = published
    frames.clear()
    yield shell
    frames.clear()


def sent(published, kind=None):
    """The frames sent so far (of type ``kind``), their bodies parsed."""
    _, output, frames = published
    output.flush()
    return [(h, json.loads(b)) for h, b in frames if h["type"] != "stream" and kind in (None, h["type"])]


@pytest.mark.fast
def test_a_comm_opened_by_code_goes_out_with_its_buffers(shell, published):
    import comm

    c = comm.create_comm(target_name="t", data={"a": 1}, metadata={"m": 2}, buffers=[b"\x00\x01"])
    [(header, body)] = sent(published, "comm_open")
    assert body["content"] == {"data": {"a": 1}, "comm_id": c.comm_id, "target_name": "t",
                               "target_module": None}
    assert body["metadata"] == {"m": 2} and [base64.b64decode(b) for b in body["buffers"]] == [b"\x00\x01"]
    assert comms.info("t") == {c.comm_id: {"target_name": "t"}} and comms.info("other") == {}
    c.close()
    assert sent(published, "comm_close") and comms.info("t") == {}


@pytest.mark.fast
def test_the_clients_messages_reach_the_comms_callback(shell, published):
    import comm

    c = comm.create_comm(target_name="t")
    got = []
    c.on_msg(got.append)
    comms.handle("comm_msg", {"content": {"comm_id": c.comm_id, "data": {"x": 1}},
                              "buffers": [base64.b64encode(b"\xff").decode()]})
    [msg] = got
    assert msg["content"]["data"] == {"x": 1} and bytes(msg["buffers"][0]) == b"\xff"
    with pytest.raises(ValueError):
        comms.handle("execute_request", {})


@pytest.mark.fast
def test_a_target_opened_by_the_client(shell, published):
    opened = []
    comms.manager().register_target("echo", lambda c, msg: opened.append((c.comm_id, msg["content"]["data"])))
    comms.handle("comm_open", {"content": {"comm_id": "c1", "target_name": "echo", "data": {"n": 1}}})
    assert opened == [("c1", {"n": 1})] and comms.info("echo") == {"c1": {"target_name": "echo"}}
    comms.handle("comm_close", {"content": {"comm_id": "c1", "data": {}}})
    assert comms.info("echo") == {}


@pytest.mark.fast
def test_the_cells_own_error_is_its_reply_and_other_tracebacks_go_out_at_once(shell, published):
    reply = run_cell(shell, "1 / 0", {"cell": 1})
    assert reply["status"] == "error" and not sent(published, "error")
    # A traceback the cell's code shows and survives (interact's, an Output widget's) is output, as under
    # ipykernel, and the cell succeeds.
    shown = "try:\n    {}['k']\nexcept KeyError:\n    get_ipython().showtraceback()"
    reply = run_cell(shell, shown, {"cell": 2})
    assert reply["status"] == "ok"
    [(_, error)] = sent(published, "error")
    assert error["ename"] == "KeyError"
    assert run_cell(shell, "1 +", {"cell": 3})["ename"] == "SyntaxError"
    assert len(sent(published, "error")) == 1


@pytest.mark.fast
def test_outside_a_cell_tracebacks_are_output(shell, published):
    shell.last_error = None
    try:
        raise RuntimeError("in a callback")
    except RuntimeError:
        shell.showtraceback()
    [(_, error)] = sent(published, "error")
    assert error["evalue"] == "in a callback" and shell.last_error is None


@pytest.mark.fast
def test_the_kernel_face_gives_the_parent_of_the_request(shell):
    shell.kernel.parent_header = {"msg_id": "abc"}
    assert shell.kernel.get_parent() == {"header": {"msg_id": "abc"}}
    assert shell.kernel.comm_manager is comms.manager()
