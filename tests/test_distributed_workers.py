"""Julia processes added with Distributed host the kernel's Python: Julia code that calls Python runs under
`pmap` and `remotecall`, `Py` values travel between processes (pickled), what a process prints reaches the
cell that made it print, and no process outlives the kernel."""

import math
import os
import signal

import pytest


@pytest.fixture(scope="module")
def cluster(module_kernel):
    """The module's kernel with two local Julia processes added (`addprocs(2)`) and PythonCall on each."""
    module_kernel.ok("%%julia\nusing Distributed\naddprocs(2)\n@everywhere using PythonCall")
    return module_kernel


def test_a_python_function_runs_on_every_process_under_pmap(cluster):
    code = ("%%julia\n@everywhere dw_sq(x) = (pyconvert(Int, pyimport(\"builtins\").pow(x, 2)), myid())\n"
            "dw_r = pmap(dw_sq, 1:8)\n(first.(dw_r) == (1:8) .^ 2, issubset(last.(dw_r), [2, 3]))")
    assert cluster.ok(code).result == "(true, true)"
    assert cluster.ok("%julia remotecall_fetch(() -> pyconvert(Float64, pyimport(\"math\").sqrt(2.0)), 2)"
                      ).result.startswith("1.414")


def test_distributed_loops_call_python_on_every_process(cluster):
    code = "%%julia\n@distributed (+) for i in 1:10\n    pyconvert(Int, pyimport(\"math\").factorial(i))\nend"
    assert cluster.ok(code).result == str(sum(math.factorial(i) for i in range(1, 11)))


def test_processes_added_later_get_sys_path_as_it_is_then(cluster, tmp_path):
    (tmp_path / "dw_module.py").write_text("ANSWER = 42\n")
    cluster.ok(f"import sys\nsys.path.append({str(tmp_path)!r})")
    code = ("%%julia\ndw_new = addprocs(1)[1]\n@everywhere dw_new using PythonCall\n"
            "@everywhere dw_path() = pyconvert(Vector{String}, pyimport(\"sys\").path)\n"
            "(remotecall_fetch(dw_path, dw_new) == dw_path(),\n"
            " remotecall_fetch(() -> pyconvert(Int, pyimport(\"dw_module\").ANSWER), dw_new))")
    try:
        assert cluster.ok(code).result == "(true, 42)"
    finally:
        cluster.ok("%julia rmprocs(dw_new); sys_path_popped = pyimport(\"sys\").path.pop()")


def test_a_py_goes_to_another_process_and_back(cluster):
    cluster.ok("%%julia\ndw_a = pyimport(\"numpy\").arange(10.0)\n"
               "dw_b = remotecall_fetch(2, dw_a) do y\n"
               "    (y, pyconvert(Int, y.size), pyconvert(Int, pyimport(\"os\").getpid()))\nend")
    assert cluster.ok("%julia pyconvert(Float64, dw_b[1].sum()), dw_b[2]").result == "(45.0, 10)"
    assert cluster.ok("%julia dw_b[3] != getpid()").result == "true"


def test_a_numpy_array_crosses_a_remote_channel_with_its_values_and_dtype(cluster):
    code = ("%%julia\ndw_ch = RemoteChannel(() -> Channel{Any}(1), 3)\n"
            "remotecall_wait(c -> put!(c, pyimport(\"numpy\").arange(6, dtype=\"int16\").reshape(2, 3)),\n"
            "                3, dw_ch)\n"
            "dw_x = take!(dw_ch)\n"
            "(pyconvert(String, pystr(dw_x.dtype)), pyconvert(Vector{Int}, dw_x.ravel().tolist()))")
    assert cluster.ok(code).result == '("int16", [0, 1, 2, 3, 4, 5])'


def test_large_and_strided_arrays_cross_with_their_layout_and_values(cluster):
    code = ("%%julia\ndw_np = pyimport(\"numpy\")\n"
            "dw_big = dw_np.asfortranarray(dw_np.arange(2 * 10^6, dtype=\"float32\").reshape(1000, 2000))\n"
            "dw_back = remotecall_fetch(y -> (y, y[pyslice(nothing, nothing, 3)]), 2, dw_big)\n"
            "(pyconvert(Bool, dw_back[1].flags.f_contiguous),\n"
            " pyconvert(Bool, (dw_back[1] == dw_big).all()),\n"
            " pyconvert(String, pystr(dw_back[1].dtype)), pyconvert(Bool, dw_back[1].flags.writeable),\n"
            " pyconvert(Bool, (dw_back[2] == dw_big[pyslice(nothing, nothing, 3)]).all()))")
    assert cluster.ok(code).result == '(true, true, "float32", true, true)'


def test_julia_values_wrapped_for_python_cross_back_as_the_julia_values(cluster):
    code = ("%%julia\ndw_v = remotecall_fetch(y -> y, 2, pyjl([1, 2, 3]))\n"
            "dw_l = remotecall_fetch(y -> y, 3, pylist([pyjl(Dict(\"a\" => 1)), 2]))\n"
            "(pyconvert(Any, dw_v), pyconvert(Any, dw_l[0]), pyconvert(String, pytype(dw_l[0]).__name__))")
    assert cluster.ok(code).result == '([1, 2, 3], Dict("a" => 1), "DictValue")'
    code = ("import pickle\nfrom juliacall import Main as jl\n"
            "dw_w = pickle.loads(pickle.dumps(jl.seval('[1.5, 2.5]'), protocol=4))\n"
            "print(type(dw_w).__name__, list(dw_w))")
    assert cluster.ok(code).stream() == "VectorValue [1.5, 2.5]\n"


def test_what_pickle_cannot_take_goes_by_cloudpickle(cluster):
    code = "%julia remotecall_fetch(f -> f(2), 2, pyeval(\"lambda x: x + 1\"))"
    assert cluster.ok(code).result == "Python: 3"


def test_what_pickle_cannot_take_is_an_error_naming_the_object_and_its_type(cluster):
    error = cluster.execute("%julia remotecall_fetch(y -> y, 2, pyimport(\"threading\").Lock())").errors[0]
    assert "<unlocked _thread.lock object" in error["evalue"]
    assert "(type _thread.lock) cannot be pickled: TypeError: cannot pickle" in error["evalue"]
    assert cluster.ok("%julia 1 + 1").result == "2"


def test_a_process_that_cannot_start_python_fails_addprocs_saying_what_is_missing(cluster):
    code = ("%%julia\ndw_started = MetapolyWorker.PYTHON_STARTED[]\n"
            "MetapolyWorker.PYTHON_STARTED[] =\n"
            "    join([\"/nowhere/libpython3.so\", split(dw_started, '\\n')[2:3]...], '\\n')\n"
            "try\n    addprocs(1)\nfinally\n    MetapolyWorker.PYTHON_STARTED[] = dw_started\nend")
    result = cluster.execute(code)
    assert result.status == "error"
    assert "cannot host the kernel's Python: libpython /nowhere/libpython3.so is missing" in result.stream()
    assert "Install the kernel's Python environment" in result.stream()
    assert cluster.ok("%julia workers()").result.endswith("2\n 3")


def test_what_another_process_prints_reaches_the_cell_that_made_it_print(cluster):
    result = cluster.ok("%%julia\nremotecall_fetch(2) do\n    println(\"dw julia line\")\n"
                        "    pyprint(\"dw python line\")\nend\nsleep(1)")
    assert "From worker 2:\tdw julia line" in result.stream()
    assert "From worker 2:\tdw python line" in result.stream()


def test_no_added_process_outlives_the_kernel(fresh_kernel, gone):
    pids = fresh_kernel.ok("%%julia\nusing Distributed\naddprocs(2)\n"
                           "print(join([remotecall_fetch(getpid, w) for w in workers()], \" \"))").stream()
    pids = [int(pid) for pid in pids.split()]
    assert len(pids) == 2
    fresh_kernel.shutdown(now=True)
    assert all(gone(pid, 20) for pid in pids)


def test_added_processes_end_when_the_worker_dies(fresh_kernel, gone):
    pids = fresh_kernel.ok("%%julia\nusing Distributed\naddprocs(1)\n"
                           "print(remotecall_fetch(getpid, workers()[1]))").stream()
    os.kill(fresh_kernel.worker_pid(), signal.SIGKILL)
    assert gone(int(pids), 20)
    assert fresh_kernel.execute("1 + 1").errors[0]["ename"] == "WorkerDied"
    assert fresh_kernel.ok("%julia 1 + 1").result == "2"
