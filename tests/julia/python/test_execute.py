"""Running Python cells through the worker's IPython shell, without the worker."""

import json
import re

import IPython
import pytest
from results import plain

from _metapoly_worker.execute import exception_reply, run_cell


@pytest.fixture(scope="module")
def shell(published):
    shell, _, shell.frames = published
    return shell


def run(shell, code, cell=1, **options):
    """The reply, and the execute_result contents the cell sent (stored in the history, as the kernel's
    cells are, unless ``store_history=False``)."""
    shell.frames.clear()
    reply = run_cell(shell, code, {"cell": cell, "store_history": True, **options})
    results = [json.loads(body) for header, body in shell.frames if header["type"] == "execute_result"]
    return reply, results


@pytest.mark.fast
def test_the_value_goes_out_as_an_execute_result_with_the_cell_number(shell):
    reply, [result] = run(shell, "a = 6\na * 7", cell=4)
    assert reply == {"status": "ok"}
    assert result == {"execution_count": 4, "data": {"text/plain": "42"}, "metadata": {}}
    assert shell.user_ns["_"] == 42 and shell.user_ns["Out"][4] == 42 and shell.user_ns["_4"] == 42
    assert shell.user_ns["In"][4].rstrip() == "a = 6\na * 7" and shell.user_ns["In"][3] == ""


@pytest.mark.fast
def test_the_history_keeps_the_cell_as_typed(shell):
    run(shell, "x = 1", cell=7, raw="%%python\nx = 1")
    assert shell.user_ns["In"][7] == "x = 1" and shell.history_manager.input_hist_raw[7] == "%%python\nx = 1"


@pytest.mark.fast
def test_semicolon_none_and_silent_show_nothing(shell):
    for code in ("1 + 1;", "1 + 1;  # quiet", "None", "x = ';'"):
        assert run(shell, code)[1] == [], code
    assert run(shell, "';'")[1][0]["data"]["text/plain"] == "';'"
    assert run(shell, "5", silent=True, store_history=False)[1] == []


@pytest.mark.fast
def test_ipython_magics_and_shell_lines_run(shell):
    reply, [result] = run(shell, "files = !echo one; echo two\n%time n = len(files)\nn", cell=2)
    assert reply["status"] == "ok" and result["data"]["text/plain"] == "2"


@pytest.mark.fast
def test_errors_carry_ipython_tracebacks_with_the_editors_line_numbers(shell):
    reply, _ = run(shell, "def f():\n    raise KeyError('k')\nf()", cell=3, first_line=2)
    assert reply["status"] == "error" and reply["ename"] == "KeyError" and reply["evalue"] == "'k'"
    text = plain("\n".join(reply["traceback"]))
    # (IPython 8.0-8.4 heads a cell's frames "Input In [3]", later ones "Cell In[3], line 4".)
    assert re.search(r"In ?\[3\]", text) and "_metapoly_worker" not in text
    assert "----> 4 f()" in text and "----> 3     raise KeyError('k')" in text
    syntax, _ = run(shell, "x = (", cell=5, first_line=3)
    assert syntax["ename"] == "SyntaxError"
    if IPython.version_info >= (8, 5):  # (before, IPython showed no line for a syntax error)
        assert "line 3" in plain("\n".join(syntax["traceback"]))


@pytest.mark.fast
def test_usage_errors_system_exit_and_interrupts_are_errors(shell):
    usage, _ = run(shell, "%no_such_magic")
    assert usage["ename"] == "UsageError" and usage["traceback"] == [
        "UsageError: Line magic function `%no_such_magic` not found."]
    assert run(shell, "raise SystemExit(3)")[0]["ename"] == "SystemExit"
    assert run(shell, "raise KeyboardInterrupt")[0]["ename"] == "KeyboardInterrupt"


@pytest.mark.fast
def test_help_and_exit_become_payloads(shell):
    [page] = run(shell, "len?")[0]["payload"]
    assert page["source"] == "page" and "Return the number of items" in page["data"]["text/plain"]
    assert "text/html" not in page["data"]
    assert run(shell, "exit")[0]["payload"] == [{"source": "ask_exit", "keepkernel": False}]
    assert run(shell, "quit(keep_kernel=True)")[0]["payload"] == [{"source": "ask_exit", "keepkernel": True}]
    assert "payload" not in run(shell, "1")[0]


@pytest.mark.fast
def test_errors_outside_cells_keep_user_frames_only():
    try:
        exec(compile("def g():\n    raise ValueError('v')\ng()", "<pyeval>", "exec"), {})
    except ValueError as exc:
        reply = exception_reply(exc)
    assert reply["ename"] == "ValueError" and 'File "<pyeval>", line 2, in g' in "\n".join(reply["traceback"])
