"""Comms and widgets through the real kernel, at the protocol level: the client's comm messages are sent
as JupyterLab's widget manager sends them, and what the worker's comms and callbacks send back is checked
with its parent. (The browser test, which moves a real slider in JupyterLab, is tests/browser/.)"""

import ast
import time

import nbformat
import pytest
from nbclient import NotebookClient
from results import plain


def model_id(kernel, expression: str) -> str:
    """The comm id of the widget ``expression`` (a Python expression) names."""
    return ast.literal_eval(kernel.ok(f"{expression}.model_id").result)


def update(kernel, comm_id: str, **state):
    """Move a widget as its view in the browser does: a comm_msg with the new state."""
    return kernel.comm("comm_msg", {"comm_id": comm_id,
                                    "data": {"method": "update", "state": state, "buffer_paths": []}})


def opened_models(result) -> list:
    return [m["content"]["data"]["state"]["_model_name"] for m in result.of_type("comm_open")]


def test_a_slider_opens_its_comms_and_shows_as_a_widget_view(kernel):
    result = kernel.ok("import ipywidgets as w\ncomm_slider = w.IntSlider(value=1)\ncomm_slider")
    assert opened_models(result) == ["LayoutModel", "SliderStyleModel", "IntSliderModel"]
    opened = result.of_type("comm_open")[-1]
    assert opened["content"]["target_name"] == "jupyter.widget"
    assert opened["metadata"] == {"version": "2.1.0"}
    view = result.of_type("execute_result")[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == opened["content"]["comm_id"]
    assert kernel.comm_info("jupyter.widget")[view["model_id"]] == {"target_name": "jupyter.widget"}


def test_moving_a_slider_after_its_cell_runs_its_callback_under_the_comm_message(kernel):
    kernel.ok("import ipywidgets as w\ncb_slider = w.IntSlider()\n"
              "cb_slider.observe(lambda change: print('now', change['new']), 'value')")
    moved = update(kernel, model_id(kernel, "cb_slider"), value=5)
    assert moved.stream() == "now 5\n"
    [echo] = moved.of_type("comm_msg")
    assert echo["content"]["data"]["method"] == "echo_update"
    assert all(m["parent_header"]["msg_id"] == moved.reply["msg_id"] for m in moved.messages)
    assert kernel.ok("cb_slider.value").result == "5"


def test_a_widget_updated_by_a_running_cell_sends_its_state_at_once(kernel):
    comm_id = model_id(kernel, "(run_slider := __import__('ipywidgets').IntSlider())")
    result = kernel.ok("import time\nfor i in range(3):\n    run_slider.value = i + 1\n    time.sleep(0.2)")
    updates = [m for m in result.of_type("comm_msg") if m["content"]["comm_id"] == comm_id]
    assert [m["content"]["data"]["state"]["value"] for m in updates] == [1, 2, 3]
    # (sent while the cell ran, not held until it ended)
    assert updates[-1]["received"] - updates[0]["received"] > 0.3


def test_a_callback_that_raises_shows_its_traceback_and_the_kernel_goes_on(kernel):
    kernel.ok("import ipywidgets as w\nbad_slider = w.IntSlider()\n"
              "def bad_callback(change):\n    raise ValueError('callback failed')\n"
              "bad_slider.observe(bad_callback, 'value')")
    moved = update(kernel, model_id(kernel, "bad_slider"), value=3)
    [error] = moved.errors
    assert error["ename"] == "ValueError" and "bad_callback" in plain("\n".join(error["traceback"]))
    assert kernel.ok("bad_slider.value").result == "3"


def test_interact_reruns_the_function_into_its_output_widget(kernel):
    shown = kernel.ok("from ipywidgets import interact\n"
                      "def square(x):\n    print('square', x * x)\n"
                      "shown = interact(square, x=3)")
    assert "OutputModel" in opened_models(shown) and "square 9\n" == shown.stream()
    output_id = next(m["content"]["comm_id"] for m in shown.of_type("comm_open")
                     if m["content"]["data"]["state"]["_model_name"] == "OutputModel")
    slider = model_id(kernel, "shown.widget.children[0]")
    moved = update(kernel, slider, value=4)
    assert moved.stream() == "square 16\n"
    # The Output widget captured it: its msg_id became the comm message's while the function ran.
    captures = [m["content"]["data"]["state"]["msg_id"] for m in moved.of_type("comm_msg")
                if m["content"]["comm_id"] == output_id and "msg_id" in m["content"]["data"].get("state", {})]
    assert captures == [moved.reply["msg_id"], ""]
    assert moved.of_type("clear_output")


def test_interact_shows_the_functions_error_in_its_output(kernel):
    kernel.ok("from ipywidgets import interact\ndef inverse(x):\n    return 1 / x\n"
              "shown_inverse = interact(inverse, x=2)")
    moved = update(kernel, model_id(kernel, "shown_inverse.widget.children[0]"), value=0)
    [error] = moved.errors
    assert error["ename"] == "ZeroDivisionError"


def test_an_output_widget_captures_prints_and_plots_in_a_cell(kernel):
    result = kernel.ok("import ipywidgets as w, matplotlib.pyplot as plt\n%matplotlib inline\n"
                       "out = w.Output()\nwith out:\n    print('inside')\n    plt.plot([1, 2]); plt.show()\n"
                       "    1 / 0\nprint('after')")
    states = [m["content"]["data"]["state"].get("msg_id") for m in result.of_type("comm_msg")]
    assert states[0] == result.messages[0]["parent_header"]["msg_id"] and states[-1] == ""
    kinds = [m["msg_type"] for m in result.messages if m["msg_type"] != "comm_open"]
    # In order: captured (print, figure, the error the with block swallowed), then released.
    assert kinds == ["comm_msg", "stream", "display_data", "error", "comm_msg", "stream"]
    assert "image/png" in result.of_type("display_data")[0]["content"]["data"]
    assert result.stream() == "inside\nafter\n"


def test_jslink_opens_a_link_model(kernel):
    result = kernel.ok("import ipywidgets as w\na, b = w.IntSlider(), w.IntText()\n"
                       "link = w.jslink((a, 'value'), (b, 'value'))")
    assert opened_models(result)[-1] == "LinkModel"


def test_a_julia_observe_callback_runs_when_the_slider_moves(kernel):
    # (the README's example)
    shown = kernel.ok('%%julia\n'
                      'w = pyimport("ipywidgets")\n'
                      's = w.IntSlider(value=3)\n'
                      'label = w.Label("moved to 3")\n'
                      's.observe(change -> (label.value = "moved to $(change["new"])"; '
                      'println("julia sees ", change["new"])), "value")\n'
                      'display(s); display(label)')
    assert len(shown.of_type("display_data")) == 2
    moved = update(kernel, kernel.ok("%julia pyconvert(String, s.model_id)").result.strip('"'), value=8)
    assert moved.stream() == "julia sees 8\n"
    assert all(m["parent_header"]["msg_id"] == moved.reply["msg_id"] for m in moved.messages)
    label_update = [m["content"]["data"]["state"] for m in moved.of_type("comm_msg")
                    if m["content"]["data"]["state"].get("value") == "moved to 8"]
    assert label_update and kernel.ok("%julia pyconvert(String, label.value)").result == '"moved to 8"'


def test_the_julia_comm_api_opens_sends_receives_and_closes(kernel):
    opened = kernel.ok('%%julia\n'
                       'jl_comm = Comm("metapoly.test"; data=Dict("a" => [1, 2]), buffers=[UInt8[1, 2]])\n'
                       'jl_comm.on_msg = m -> send_comm(jl_comm, Dict("echo" => m["content"]["data"]); '
                       'buffers=m["buffers"])\n'
                       'jl_comm.on_close = m -> println("closed by the client")\njl_comm.id')
    [message] = opened.of_type("comm_open")
    comm_id = message["content"]["comm_id"]
    assert opened.result == repr(comm_id).replace("'", '"')
    assert message["content"]["target_name"] == "metapoly.test"
    assert message["content"]["data"] == {"a": [1, 2]}
    assert [bytes(b) for b in message["buffers"]] == [b"\x01\x02"]
    assert kernel.comm_info("metapoly.test") == {comm_id: {"target_name": "metapoly.test"}}
    echoed = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"x": 1}}, buffers=[b"\x00\xff"])
    [echo] = echoed.of_type("comm_msg")
    assert echo["content"]["data"] == {"echo": {"x": 1}}
    assert [bytes(b) for b in echo["buffers"]] == [b"\x00\xff"]
    closed = kernel.comm("comm_close", {"comm_id": comm_id, "data": {}})
    assert closed.stream() == "closed by the client\n"
    assert comm_id not in kernel.comm_info()


def test_the_client_opens_comms_to_a_julia_target(kernel):
    kernel.ok('%%julia\ncomm_target("metapoly.echo") do comm, msg\n'
              '    println("opened with ", msg["content"]["data"])\n'
              '    comm.on_msg = m -> m["content"]["data"]["fail"] ? error("julia callback failed") : '
              'send_comm(comm, m["content"]["data"])\nend')
    opened = kernel.comm("comm_open",
                         {"comm_id": "jl-echo-1", "target_name": "metapoly.echo", "data": {"n": 1}})
    assert opened.stream() == "opened with Dict{String,Any}(\"n\" => 1)\n"
    echoed = kernel.comm("comm_msg", {"comm_id": "jl-echo-1", "data": {"fail": False, "v": 2}})
    assert echoed.of_type("comm_msg")[0]["content"]["data"] == {"fail": False, "v": 2}
    failed = kernel.comm("comm_msg", {"comm_id": "jl-echo-1", "data": {"fail": True}})
    assert "julia callback failed" in failed.stream("stderr")
    kernel.comm("comm_close", {"comm_id": "jl-echo-1", "data": {}})


def test_messages_for_unknown_comms_and_targets_are_reported_as_ipykernel_does(kernel):
    unknown = kernel.comm("comm_msg", {"comm_id": "no-such-comm", "data": {}})
    assert unknown.stream("stderr") == "No such comm: no-such-comm\n"
    refused = kernel.comm("comm_open", {"comm_id": "c-1", "target_name": "no.such.target", "data": {}})
    assert "No such comm target registered: no.such.target" in refused.stream("stderr")
    [close] = refused.of_type("comm_close")
    assert close["content"]["comm_id"] == "c-1"
    raw = kernel.ok("import comm\nraw_comm = comm.create_comm(target_name='raw')\n"
                    "raw_comm.on_msg(lambda msg: 1 / 0)\nraw_comm.comm_id")
    failed = kernel.comm("comm_msg", {"comm_id": ast.literal_eval(raw.result), "data": {}})
    stderr = failed.stream("stderr")
    assert "Exception in comm_msg" in stderr and "ZeroDivisionError" in stderr
    assert kernel.ok("1 + 1").result == "2"


def test_a_flood_of_slider_updates_is_handled_in_order(kernel):
    comm_id = model_id(kernel, "(flood := __import__('ipywidgets').IntSlider(max=10_000))")
    kernel.ok("flood_seen = []\nflood.observe(lambda change: flood_seen.append(change['new']), 'value')")
    ids = []
    start = time.monotonic()
    for value in range(1, 1001):
        msg = kernel.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})
        kernel.kc.shell_channel.send(msg)
        ids.append(msg["header"]["msg_id"])
    for msg_id in ids:
        kernel.output(msg_id)
    elapsed = time.monotonic() - start
    assert kernel.ok("flood_seen == list(range(1, 1001))").result == "True"
    # (A slider dragged in a browser sends tens of updates a second; the kernel keeps well ahead of that.)
    assert elapsed < 60


def test_comm_messages_wait_for_the_running_cell_and_keep_their_order(kernel):
    comm_id = model_id(kernel, "(wait_slider := __import__('ipywidgets').IntSlider())")
    kernel.ok("wait_seen = []\nwait_slider.observe(lambda change: wait_seen.append(change['new']), 'value')")
    cell = kernel.kc.execute("import time; time.sleep(1); wait_seen.append('cell')")
    update(kernel, comm_id, value=7)
    kernel.reply(cell)
    assert kernel.ok("wait_seen").result == "['cell', 7]"


def test_comm_messages_after_a_restart_are_dropped_and_the_kernel_goes_on(module_kernel):
    comm_id = model_id(module_kernel, "(old_slider := __import__('ipywidgets').IntSlider())")
    module_kernel.ok("%restart")
    dropped = update(module_kernel, comm_id, value=2)
    assert dropped.stream("stderr") == f"No such comm: {comm_id}\n"
    assert module_kernel.comm_info() == {}
    assert module_kernel.ok("1 + 1").result == "2"


def test_comm_messages_after_the_worker_died_are_dropped(module_kernel):
    comm_id = model_id(module_kernel, "(doomed := __import__('ipywidgets').IntSlider())")
    module_kernel.execute("import os; os._exit(3)", stop_on_error=False)
    update(module_kernel, comm_id, value=2)
    assert module_kernel.ok("1 + 1").result == "2"


@pytest.mark.parametrize("language", ["python", "julia"])
def test_widget_state_is_saved_in_the_notebook(language):
    code = {"python": "import ipywidgets as w\nw.IntSlider(value=42)",
            "julia": '%%julia\ndisplay(pyimport("ipywidgets").IntSlider(value=42))'}[language]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="metapoly", timeout=300, store_widget_state=True).execute()
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    view = nb.cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert state[view["model_id"]]["state"]["value"] == 42


def test_a_library_built_on_widgets_works(kernel):
    result = kernel.ok("from tqdm.notebook import tqdm\nfor i in tqdm(range(3)):\n    pass")
    [view] = result.of_type("display_data")
    assert "application/vnd.jupyter.widget-view+json" in view["content"]["data"]
    assert "FloatProgressModel" in opened_models(result)


def test_the_stop_button_interrupts_a_callback_and_keeps_the_state(kernel):
    comm_id = model_id(kernel, "(slow_slider := __import__('ipywidgets').IntSlider())")
    kernel.ok("import time\nslow_state = 'kept'\nslow_slider.observe(lambda change: time.sleep(60), 'value')")
    msg = kernel.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {
        "method": "update", "state": {"value": 1}, "buffer_paths": []}})
    kernel.kc.shell_channel.send(msg)
    time.sleep(1)
    kernel.km.interrupt_kernel()
    messages, _ = kernel.output(msg["header"]["msg_id"], timeout=20)
    stderr = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
    assert "KeyboardInterrupt" in stderr
    assert kernel.ok("slow_state").result == "'kept'"
