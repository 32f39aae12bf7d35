"""The in-code bridge API: ``julia`` in Python cells; ``pyeval`` (PythonCall's: a ``Py``), ``py"..."``,
``pyget``, ``pyset!`` (metapoly's, with the conversions of the magics) in Julia."""


def test_julia_eval_get_and_set(kernel):
    assert kernel.ok("julia.eval('sum(1:10)')").result == "55"
    kernel.ok("import numpy as np\napi_v = np.arange(4.0)\njulia['api_v'] = api_v")
    kernel.ok("julia.eval('api_v .*= 2; nothing')")
    assert kernel.ok("api_v.tolist()").result == "[0.0, 2.0, 4.0, 6.0]"
    assert kernel.ok("julia['api_v'] is api_v").result == "True"
    assert kernel.ok("julia.eval('(a = 1, b = \"x\")')").result == "{'a': 1, 'b': 'x'}"


def test_julia_errors_become_python_exceptions(kernel):
    result = kernel.execute("julia.eval('error(\"nope\")')")
    assert result.errors[0]["ename"] == "JuliaError" and result.errors[0]["evalue"] == "ErrorException: nope"
    assert "_metapoly_worker" not in "\n".join(result.errors[0]["traceback"])
    assert "no Julia variable" in kernel.execute("julia['api_missing']").errors[0]["evalue"]


def test_julia_is_only_called_from_the_main_thread(kernel):
    code = ("import threading\nout = []\ndef call():\n    try:\n        julia.eval('1')\n"
            "    except RuntimeError as e:\n        out.append(str(e))\n"
            "t = threading.Thread(target=call); t.start(); t.join(); out")
    assert kernel.ok(code).result == "['Julia can only be called from the main thread']"


def test_python_from_julia(kernel):
    kernel.ok("api_n = 4")
    assert kernel.ok('%julia py"sum(range(api_n))"').result == "6"
    assert kernel.ok('%julia pyeval(Vector{Int}, "[i * i for i in range(3)]")').result.endswith("0\n 1\n 4")
    assert kernel.ok('%julia py"[i * i for i in range(3)]"').result.endswith("0\n 1\n 4")
    assert kernel.ok("%julia pyget(:api_n) + 1").result == "5"
    kernel.ok('%julia pyset!("api_from_jl", Dict("k" => 1))')
    assert kernel.ok("api_from_jl").result == "{'k': 1}"


def test_python_errors_become_julia_exceptions(kernel):
    result = kernel.execute('%julia pyeval("1/0")')
    error = result.errors[0]
    assert "ZeroDivisionError" in error["evalue"]
    # (No frame of the worker's: its API layer, its C layer.)
    assert not any("api.jl" in line or "/C/" in line for line in error["traceback"])
