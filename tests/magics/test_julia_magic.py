"""%julia and %%julia."""

import pytest

from metapoly import protocol


def test_cell_magic_runs_the_cell_as_julia(kernel):
    assert kernel.ok("%%julia\nv = [x^2 for x in 1:4]\nsum(v)").result == "30"


@pytest.mark.fast
def test_line_magic_runs_one_line_then_the_rest_as_the_default_language(fast_kernel):
    kernel = fast_kernel
    kernel.worker.cell("julia", 'line_jl = "from julia"')
    kernel.worker.cell("python", 'print("then python")', output=[("stdout", "then python\n")])
    kernel.worker.cell("julia", "line_jl", '"from julia"')
    result = kernel.ok('%julia line_jl = "from julia"\nprint("then python")')
    assert result.stream() == "then python\n"
    assert kernel.ok("%julia line_jl").result == '"from julia"'


@pytest.mark.parametrize("cell, shown", [
    ("%julia 5\n7", ["7"]),      # (as in IPython, only the cell's last line shows its value)
    ("%julia 5;\n7", ["7"]),     # (a `;` hides the value of the line it ends, not another's)
    ("%julia 5\n7;", []),
    ("%julia 5", ["5"]),
    ("%julia 5;", []),
])
def test_only_the_last_line_of_a_cell_shows_its_value_numbered_as_the_cell(kernel, cell, shown):
    result = kernel.ok(cell)
    values = result.of_type("execute_result")
    assert [m["content"]["data"]["text/plain"] for m in values] == shown
    assert all(m["content"]["execution_count"] == result.reply["execution_count"] for m in values)


def test_in_a_julia_notebook_a_python_line_before_julia_shows_no_value(kernel):
    kernel.ok("%default julia")
    try:
        result = kernel.ok("%python 5\n7")
        assert [m["content"]["data"]["text/plain"] for m in result.of_type("execute_result")] == ["7"]
    finally:
        kernel.ok("%default python")


@pytest.mark.fast
def test_bare_first_line_runs_the_rest_of_the_cell_as_julia(fast_kernel):
    fast_kernel.worker.cell("julia", "bare = 2\nbare * 21", "42")
    assert fast_kernel.ok("%julia\nbare = 2\nbare * 21").result == "42"


@pytest.mark.fast
def test_code_reaches_julia_exactly_as_typed(fast_kernel):
    # MetaKernel's own magics would split and unquote these arguments.
    fast_kernel.worker.cell("julia", 'join(["a b", "c"], "  ")', '"a b  c"')
    assert fast_kernel.ok('%julia join(["a b", "c"], "  ")').result == '"a b  c"'


@pytest.mark.fast
def test_a_failing_line_magic_stops_the_cell(fast_kernel):
    fast_kernel.worker.script(protocol.EXECUTE_REQUEST, {"status": "error", "ename": "ErrorException",
                                                         "evalue": "stop here", "traceback": []}, "julia")
    result = fast_kernel.execute('%julia error("stop here")\nprint("must not run")')
    assert result.status == "error" and result.stream() == ""
    assert [fields["language"] for _, fields, _ in fast_kernel.worker.requests] == ["julia"]


@pytest.mark.fast
def test_help_has_an_example(fast_kernel):
    for magic in ("%julia", "%%julia"):
        page = fast_kernel.ok(f"%help {magic}").reply["payload"][0]["data"]["text/plain"]
        assert "Example" in page and "julia" in page


@pytest.mark.fast
def test_the_cell_line_names_python_variables_as_juliacall_reads_them(fast_kernel):
    fast_kernel.worker.cell("julia", "total = sum(x)", "6")
    fast_kernel.ok("%%julia <x >total y\ntotal = sum(x)")
    [(_, fields, _)] = fast_kernel.worker.requests
    assert fields["variables"] == {"in": ["x"], "out": ["total"], "sync": ["y"]}


@pytest.mark.fast
@pytest.mark.parametrize("line", ["%%julia x-y", "%%julia <<x", "%%julia >1x", "%%julia <", "%%julia lambda"])
def test_a_cell_line_that_is_not_variables_is_a_usage_error(fast_kernel, line):
    result = fast_kernel.execute(f"{line}\n1 + 1")
    assert result.status == "error" and result.errors[0]["ename"] == "UsageError"
    assert "%%julia takes Python names" in result.errors[0]["evalue"]
    assert fast_kernel.worker.requests == []


def test_variables_cross_into_a_cell_and_back_as_with_juliacall(kernel):
    kernel.ok("import numpy as np\nx = np.arange(4.0)\nn = 3\nkept = 'python'")
    result = kernel.ok("%%julia <x n >total >kept_out kept\nx .*= 2\nkept_out = kept\ntotal = sum(x) * n")
    assert result.result == "36.0"
    shown = kernel.ok("print(x, type(total).__name__, float(total), kept, type(kept_out).__name__)").stream()
    # (x was doubled in place: Julia wrote into numpy's memory; `kept` was not rebound, so it is Python's.)
    assert shown == "[0. 2. 4. 6.] RealValue 36.0 python AnyValue\n"
    back = kernel.ok("%%julia >v\nv = collect(1.0:3.0)")
    assert back.status == "ok"
    assert kernel.ok("print(np.asarray(v).sum(), np.shares_memory(np.asarray(v), np.asarray(v)))").stream() \
        == "6.0 True\n"


def test_a_missing_python_input_fails_before_the_cell_runs(kernel):
    result = kernel.execute("%%julia <nowhere_in_python\nran_anyway = true")
    assert result.status == "error" and len(result.errors) == 1
    assert "Python has no variable `nowhere_in_python`" in result.errors[0]["evalue"]
    assert kernel.ok("%julia @isdefined ran_anyway").result == "false"


def test_a_missing_julia_output_is_a_warning_not_an_error(kernel):
    result = kernel.ok("%%julia >never_set\n1 + 1")
    assert result.result == "2"
    assert "Julia has no variable `never_set`" in result.stream("stderr")
