"""The kernel end to end: cells in both languages through jupyter_client, the real worker."""

import base64
import json
import time

import pytest

from metapoly import protocol
from metapoly.protocol import Frame
from metapoly.worker_errors import WorkerError

LINES = 100_000
EXPECTED_LINES = "".join(f"{i}\n" for i in range(LINES))
WORKER_MARKERS = ("_metapoly_worker", "MetapolyWorker", "julia/src", "metapoly/session.py",
                  "metapoly/supervisor.py", "metapoly/worker_errors.py")


def test_cells_without_magic_run_as_python(kernel):
    assert kernel.ok("import sys; sys.version_info[0]").result == "3"


def test_state_persists_across_cells_in_both_languages(kernel):
    kernel.ok("persist_py = [1, 2, 3]")
    kernel.ok("%%julia\npersist_jl = Dict(\"a\" => 1)")
    assert kernel.ok("persist_py.append(4); persist_py").result == "[1, 2, 3, 4]"
    assert kernel.ok("%%julia\npersist_jl[\"a\"] + 1").result == "2"


def test_the_worker_runs_one_julia_thread_whatever_the_environment(env_kernel):
    # (Its state belongs to its main thread; Julia 1.12 would also start an interactive thread.)
    assert env_kernel({"JULIA_NUM_THREADS": "4"}).ok("%julia Threads.nthreads()").result == "1"


def test_python_and_julia_share_one_process(kernel):
    py_pid = kernel.ok("import os; os.getpid()").result
    jl_pid = kernel.ok("%%julia\ngetpid()").result
    assert py_pid == jl_pid
    assert int(py_pid) != kernel.km.provisioner.process.pid  # not the front end


def test_semicolon_suppresses_the_value(kernel):
    assert kernel.ok("1 + 1;").of_type("execute_result") == []
    assert kernel.ok("%%julia\n1 + 1;").of_type("execute_result") == []
    assert kernel.ok("x_semicolon = 1 + 1  # comment").result is None
    assert kernel.ok("%%julia\n2 + 2 # the value shows").result == "4"


@pytest.mark.parametrize("code", [
    "import time\nprint('first', flush=True)\ntime.sleep(2)",
    "%%julia\nprintln(\"first\")\nsleep(2)",
])
def test_output_streams_before_the_cell_ends(kernel, code):
    result = kernel.ok(code)
    streams = result.of_type("stream")
    assert streams and streams[0]["content"]["text"] == "first\n"
    # The cell takes 2 s; its first line must have arrived long before it finished.
    ended = time.monotonic()
    assert ended - streams[0]["received"] > 1.5


@pytest.mark.parametrize("code", [
    f"for i in range({LINES}): print(i)",
    f"%%julia\nfor i in 0:{LINES - 1}; println(i); end",
])
def test_100k_lines_arrive_complete_in_order_and_coalesced(kernel, code):
    result = kernel.ok(code)
    assert result.stream() == EXPECTED_LINES
    assert len(result.of_type("stream")) < 1000


@pytest.mark.parametrize("code", [
    "print('x' * 10_000_000, end='')",
    "%%julia\nprint(\"x\"^10_000_000)",
])
def test_a_10mb_write_arrives_whole(kernel, code):
    assert kernel.ok(code).stream() == "x" * 10_000_000


TEXT = "héllo wörld ✓ 你好 🎉 αβγ"


@pytest.mark.parametrize("code", [f"print({TEXT!r})", f'%%julia\nprintln("{TEXT}")'])
def test_non_ascii_output_survives(kernel, code):
    assert kernel.ok(code).stream() == TEXT + "\n"


def test_non_ascii_values_and_code_survive(kernel):
    assert kernel.ok("ünïcode = 'π ≈ 3.14'; ünïcode").result == "'π ≈ 3.14'"
    assert kernel.ok("%%julia\nα = \"∑ 🎉\"; α").result == '"∑ 🎉"'


def test_stderr_is_its_own_stream(kernel):
    result = kernel.ok("import sys; print('out'); print('err', file=sys.stderr)")
    assert result.stream("stdout") == "out\n" and result.stream("stderr") == "err\n"
    result = kernel.ok("%%julia\nprintln(stderr, \"jlerr\"); println(\"jlout\")")
    assert result.stream("stdout") == "jlout\n" and result.stream("stderr") == "jlerr\n"


@pytest.mark.parametrize("code, ename, evalue", [
    ("def f():\n    return 1 / 0\nf()", "ZeroDivisionError", "division by zero"),
    ("%%julia\nf_err(x) = x[5]\nf_err([1])", "BoundsError", "attempt to access"),
    ("%%julia\nerror(\"boom\")", "ErrorException", "boom"),
    ("x = (", "SyntaxError", ""),
    ("%%julia\nx = (", "ErrorException", "syntax"),
])
def test_errors_give_one_error_message_and_a_clean_traceback(kernel, code, ename, evalue):
    result = kernel.execute(code)
    assert result.status == "error"
    assert [m["msg_type"] for m in result.messages] == ["error"]
    error = result.errors[0]
    assert error["ename"] == ename and evalue in error["evalue"]
    assert result.reply["ename"] == ename
    traceback = "\n".join(error["traceback"])
    assert not any(marker in traceback for marker in WORKER_MARKERS), traceback
    assert kernel.ok("1 + 1").result == "2"


def test_traceback_shows_the_users_frames(kernel):
    py = kernel.execute("def inner():\n    raise ValueError('v')\ninner()").traceback()
    assert "inner" in py and "raise ValueError('v')" in py
    jl = kernel.execute("%%julia\njl_inner() = throw(ArgumentError(\"a\"))\njl_inner()").traceback()
    assert "jl_inner" in jl and "top-level scope" in jl


def test_output_before_an_error_is_kept(kernel):
    result = kernel.execute("print('before')\nraise RuntimeError('after')")
    assert result.stream() == "before\n"
    assert [m["msg_type"] for m in result.messages] == ["stream", "error"]


def test_julia_top_level_loops_use_soft_scope(kernel):
    assert kernel.ok("%%julia\ntotal = 0\nfor i in 1:10\n    total += i\nend\ntotal").result == "55"


@pytest.mark.fast
def test_metakernel_loads_every_file_of_our_magics_folder_without_an_error(fast_kernel):
    # (MetaKernel imports each .py file of metapoly/magics/ as a magic: a helper module there fails to load.)
    assert fast_kernel.kernel.magic_load_errors == []
    assert {"julia", "python", "py2jl", "jl2py", "help"} <= set(fast_kernel.kernel.line_magics)


@pytest.mark.fast
def test_other_magics_and_shell_lines_go_to_ipython_in_python_cells(fast_kernel):
    fast_kernel.worker.script(protocol.EXECUTE_REQUEST, {"status": "ok"}, "python")
    for code in ("%timeit f(1)", "%%time\nf(1)", "!ls", "x = 1\n%who"):
        fast_kernel.ok(code)
        assert fast_kernel.worker.requests[-1][2] == code


@pytest.mark.fast
def test_unknown_magic_in_a_julia_cell_is_an_error(fast_kernel):
    fast_kernel.kernel.default_language = "julia"
    result = fast_kernel.execute("%timeit 1")
    assert result.status == "error" and result.errors[0]["ename"] == "UnknownMagic"
    assert "%%python" in result.errors[0]["evalue"] and fast_kernel.worker.requests == []


@pytest.mark.fast
def test_without_julia_the_kernel_starts_and_cells_say_how_to_install(monkeypatch, real_session_kernel):
    monkeypatch.setenv("METAPOLY_JULIA", "/nonexistent/julia")
    kernel = real_session_kernel()
    for code in ("1 + 1", "%%julia\n1 + 1"):
        result = kernel.execute(code)
        assert result.status == "error" and [m["msg_type"] for m in result.messages] == ["error"]
        error = result.errors[0]
        assert error["ename"] == "JuliaNotFound"
        assert "METAPOLY_JULIA" in error["evalue"] and "install" in error["evalue"].lower()
        assert "Every cell, Python's too, runs in metapoly's Julia worker" in error["evalue"]


def test_julia_display_sends_display_data_in_order(kernel):
    result = kernel.ok('%%julia\nprintln("before")\ndisplay([1, 2])\nprintln("after")')
    kinds = [m["msg_type"] for m in result.messages]
    assert kinds == ["stream", "display_data", "stream"]
    assert result.of_type("display_data")[0]["content"]["data"]["text/plain"].startswith("2-element")


@pytest.mark.parametrize("code", ['data = "{}"; len(data)', '%julia data = "{}"; length(data)',
                                  '%py2jl {}'])
def test_a_cell_with_a_megabyte_line_is_handled_at_once(kernel, code):
    # MetaKernel's parser alone took minutes on a line this long (its regexes backtrack quadratically).
    result = kernel.execute(code.format("a" * 1_000_000), timeout=60)
    assert result.status == ("error" if code.startswith("%py2jl") else "ok")
    if result.status == "ok":
        assert result.result == "1000000"


@pytest.mark.parametrize("code", [
    "import threading, time\nthreading.Thread(target=lambda: (time.sleep(0.5), print('late'))).start()",
    '%julia @async (sleep(0.5); println("late")); nothing',
], ids=["python-thread", "julia-task"])
def test_output_of_a_background_task_after_its_cell_ended_reaches_the_client(kernel, code):
    msg_id = kernel.kc.execute(code)
    assert kernel.reply(msg_id)["content"]["status"] == "ok"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        msg = kernel.kc.get_iopub_msg(timeout=10)
        if msg["msg_type"] == "stream" and msg["content"]["text"] == "late\n":
            # As with ipykernel: under the last request's parent.
            assert msg["parent_header"]["msg_id"] == msg_id
            return
    raise AssertionError("the late output never arrived")


@pytest.mark.parametrize("start, wait", [
    ("import threading, time\n"
     "threading.Thread(target=lambda: (time.sleep(1), print('from the thread'))).start()",
     "import time\ntime.sleep(2)\nprint('from the cell')"),
    ('%julia @async (sleep(1); println("from the thread")); nothing',
     '%julia sleep(2); println("from the cell")'),
], ids=["python-thread", "julia-task"])
def test_a_thread_prints_under_the_cell_that_started_it_even_while_another_runs(kernel, start, wait):
    started = kernel.kc.execute(start)
    assert kernel.reply(started)["content"]["status"] == "ok"
    later = kernel.kc.execute(wait)
    parents, deadline = {}, time.monotonic() + 20
    while len(parents) < 2 and time.monotonic() < deadline:
        msg = kernel.kc.get_iopub_msg(timeout=20)
        if msg["msg_type"] == "stream":
            parents[msg["content"]["text"]] = msg["parent_header"].get("msg_id")
    assert parents == {"from the thread\n": started, "from the cell\n": later}
    assert kernel.reply(later)["content"]["status"] == "ok"


def test_julia_ans_and_python_underscore_start_fresh_and_ans_follows_every_cell(fresh_kernel):
    # (Nothing is left by the worker's warm-up.)
    assert fresh_kernel.ok("%julia ans === nothing").result == "true"
    assert fresh_kernel.execute("_").result != "2"  # (the warm-up's 1 + 1)
    fresh_kernel.ok("%julia 5;")  # as in the REPL: after `;` too
    assert fresh_kernel.ok("%julia ans").result == "5"
    fresh_kernel.ok("%julia nothing")
    assert fresh_kernel.ok("%julia ans === nothing").result == "true"


@pytest.mark.fast
def test_comm_messages_are_relayed_to_the_worker_and_its_comm_output_published(fast_kernel):
    echo = Frame({"type": protocol.COMM_MSG}, json.dumps({
        "content": {"comm_id": "c1", "data": {"echo": 1}}, "metadata": {"m": 1},
        "buffers": [base64.b64encode(b"\x00\xff").decode()]}))
    fast_kernel.worker.script(protocol.COMM_REQUEST, {"status": "ok"}, output=[echo, ("stdout", "seen\n")])
    sent = fast_kernel.comm("comm_msg", {"comm_id": "c1", "data": {"x": 1}}, buffers=[b"\x01"])
    request_type, fields, body = fast_kernel.worker.requests[-1]
    message = json.loads(body)
    assert request_type == protocol.COMM_REQUEST and fields["msg_type"] == "comm_msg"
    assert message["content"] == {"comm_id": "c1", "data": {"x": 1}} and message["buffers"] == ["AQ=="]
    assert fields["parent"]["msg_id"] == message["header"]["msg_id"]
    [published, printed] = [m for m in sent if m["channel"] == "iopub"]
    assert published["msg_type"] == "comm_msg" and published["content"]["data"] == {"echo": 1}
    assert published["metadata"] == {"m": 1} and published["buffers"] == [b"\x00\xff"]
    parent = fields["parent"]["msg_id"]
    assert published["parent_header"]["msg_id"] == printed["parent_header"]["msg_id"] == parent


@pytest.mark.fast
def test_a_comm_message_the_worker_cannot_take_is_dropped(fast_kernel):
    fast_kernel.worker.script(protocol.COMM_REQUEST, WorkerError("WorkerDied", "gone"))
    sent = fast_kernel.comm("comm_close", {"comm_id": "c1", "data": {}})
    assert [m for m in sent if m["channel"] == "iopub"] == []


@pytest.mark.fast
def test_comm_info_lists_the_workers_comms(fast_kernel):
    comms = {"c1": {"target_name": "t"}}
    fast_kernel.worker.script(protocol.COMM_INFO_REQUEST, {"status": "ok", "comms": comms})
    assert fast_kernel.comm_info("t") == {"status": "ok", "comms": comms}
    assert fast_kernel.worker.requests[-1][1]["target_name"] == "t"
    fast_kernel.worker.ready = False  # (while it starts no code has opened any)
    assert fast_kernel.comm_info() == {"status": "ok", "comms": {}}


@pytest.mark.fast
def test_kernel_info_links_the_references_of_both_languages(fast_kernel):
    # (JupyterLab's Help menu lists them; MetaKernel's own link is about writing kernels.)
    info = fast_kernel.kernel.kernel_info
    texts = [link["text"] for link in info["help_links"]]
    assert "Python Reference" in texts and "Julia Documentation" in texts
    assert not any("MetaKernel" in text for text in texts)
    assert info["language_info"]["help_links"] == info["help_links"]


@pytest.mark.fast
def test_kernel_info_promises_the_debugger_but_not_subshells(fast_kernel):
    # (ipykernel's base class lists subshells, which do not run beside the main shell here; JupyterLab
    # trusts the list.)
    info = fast_kernel.kernel.kernel_info
    assert info["supported_features"] == ["debugger"] and info["debugger"] is True
