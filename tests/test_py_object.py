"""Python objects in Julia cells (`Py`), with PythonCall's semantics: attributes, calls, items, iteration,
operators, display, errors and lifetimes, through the real kernel. Every Python operation returns a `Py`;
conversion is explicit (`pyconvert`)."""

import pytest


def jl(kernel, code: str) -> str:
    return kernel.ok("%%julia\n" + code).result


def test_modules_attributes_and_calls_with_keywords(kernel):
    kernel.ok('%julia pyo_np = pyimport("numpy")')
    assert jl(kernel, "pyconvert(Float64, pyo_np.pi)") == "3.141592653589793"
    assert jl(kernel, "pyo_x = pyo_np.linspace(0, 1; num=5); pyconvert(Float64, pyo_x.sum())") == "2.5"
    assert jl(kernel, "typeof(pyo_x.sum()), length(pyo_x), pyconvert(Float64, pyo_x[0]), 0.25 in pyo_x") == \
        "(Py, 5, 0.0, true)"
    # (A Py as a cell's value shows as PythonCall shows it: `Python: repr`.)
    assert jl(kernel, 'pybuiltins.sorted(("c", "a", "b"); reverse=true)') == "Python: ['c', 'b', 'a']"
    assert jl(kernel, 'pyconvert(Tuple{Int,String,Tuple{Int,Int}}, (pybuiltins.len("héllo"), '
                      'pybuiltins.str(12), pybuiltins.divmod(7, 2)))') == '(5, "12", (3, 1))'


def test_attributes_and_items_are_set_in_python(kernel):
    kernel.ok("class PyoThing:\n    pass\npyo_thing = PyoThing()\npyo_d = {}\npyo_l = [1, 2, 3]")
    # (pyget(Py, name): the object itself, never converted.)
    kernel.ok('%%julia\nt = pyget(Py, :pyo_thing); t.x = 5\nd = pyget(Py, :pyo_d); d["k"] = [1.5, 2.5]\n'
              "l = pyget(Py, :pyo_l); l[0] = 10")
    # (A Julia vector put in a Python dict is a juliacall VectorValue there, as in PythonCall.)
    assert kernel.ok("pyo_thing.x, list(pyo_d['k']), pyo_l").result == "(5, [1.5, 2.5], [10, 2, 3])"
    thing = "pyget(Py, :pyo_thing)"
    assert jl(kernel, f"hasproperty({thing}, :x), :x in propertynames({thing})") == "(true, true)"


def test_iteration_comparison_hashing_and_arithmetic(kernel):
    assert jl(kernel, "pyconvert.(Int, collect(pybuiltins.range(3)))").endswith("0\n 1\n 2")
    doubled = 'np = pyimport("numpy"); a = np.array([1.0, 2.0]); (a * 2 + 1).tolist()'
    assert jl(kernel, doubled) == "Python: [3.0, 5.0]"
    # (Comparisons are Python's and give a `Py`; `isequal`, `isless` and `Bool` give Julia's Bool.)
    assert jl(kernel, 'f = pyimport("fractions").Fraction; Bool(f(1, 3) + f(1, 6) == f(1, 2))') == "true"
    assert jl(kernel, "Bool(f(1, 3) < f(1, 2)), isless(f(1, 2), f(1, 3)), Bool(-f(1, 3) == f(-1, 3))") == \
        "(true, false, true)"
    assert jl(kernel, "Dict(f(1, 2) => 1)[f(2, 4)]") == "1"  # hash and isequal follow Python's


def test_text_and_rich_display_are_pythons(kernel):
    kernel.ok("import pandas as pd\npyo_df = pd.DataFrame({'a': [1, 2], 'b': [3.0, 4.0]})")
    result = kernel.ok("%julia df = pyget(Py, :pyo_df)")
    data = result.of_type("execute_result")[0]["content"]["data"]
    # (Its rich representations are IPython's, its text PythonCall's, as under IJulia.)
    assert "<table" in data["text/html"] and data["text/plain"].splitlines()[:2] == ["Python:", "   a    b"]
    shown = kernel.ok("%julia display(pyimport(\"fractions\").Fraction(1, 3))")
    assert shown.of_type("display_data")[0]["content"]["data"]["text/plain"] == "Python: Fraction(1, 3)"
    # (As PythonCall shows a Py: `print` gives str(x), `show` <py repr(x)>.)
    assert jl(kernel, 'f = pyimport("fractions").Fraction(1, 3); string(f), repr(f)') == \
        '("1/3", "<py Fraction(1, 3)>")'


def test_python_exceptions_are_julia_exceptions_with_the_python_traceback(kernel):
    kernel.ok("def pyo_fail(x):\n    return 1 / x")
    result = kernel.execute("%julia pyget(Py, :pyo_fail)(0)")
    error = result.errors[0]
    assert error["ename"] == "PyException"
    assert "ZeroDivisionError: division by zero" in error["evalue"] and "pyo_fail" in error["evalue"]
    caught = jl(kernel, "try\n    pyget(Py, :pyo_fail)(0)\ncatch e\n    pyconvert(String, e.t.__name__)\nend")
    assert caught == '"ZeroDivisionError"'
    assert "No module named 'no_such_module_pyo'" in kernel.execute(
        '%julia pyimport("no_such_module_pyo")').errors[0]["evalue"]


def test_conversion_is_explicit_and_objects_stay_objects(kernel):
    assert jl(kernel, 'typeof(pyeval("__import__(\'math\')"))') == "Py"
    assert jl(kernel, 'typeof(pyeval("[1, 2]")), pyeval(Vector{Float64}, "[1, 2]")') == "(Py, [1.0, 2.0])"
    assert jl(kernel, 'm = pyeval("[len, 1]"); typeof(m[0]), pyconvert(Int, m[1])') == "(Py, 1)"
    assert jl(kernel, "pyconvert(Vector{Float64}, pyimport(\"numpy\").ones(3))").endswith("1.0\n 1.0\n 1.0")
    assert jl(kernel, "typeof(Py([1.0, 2.0])), Bool(Py(nothing) == pybuiltins.None)") == "(Py, true)"
    # (pyconvert takes any value, as PythonCall's does: the idiom of widget callbacks.)
    assert jl(kernel, 'pyconvert(Int, 7), pyconvert(String, "s"), pyconvert(Float64, 2)') == '(7, "s", 2.0)'


def test_julia_arrays_are_shared_with_python_calls(kernel):
    kernel.ok("def pyo_poke(a):\n    a[0] = 42.0")
    assert jl(kernel, "v = [1.0, 2.0, 3.0]; pyget(Py, :pyo_poke)(v); v[1]") == "42.0"


def test_references_are_released_after_julia_drops_them(kernel):
    kernel.ok("import sys\nclass PyoHeld:\n    pass\npyo_held = PyoHeld()\n"
              "pyo_base = sys.getrefcount(pyo_held)")
    kernel.ok("%julia for i in 1:1000; pyget(Py, :pyo_held); end; GC.gc()")
    kernel.ok("%julia 1")  # released on the main thread, at the next request at the latest
    assert kernel.ok("sys.getrefcount(pyo_held) - pyo_base").result == "0"


def test_a_million_temporaries_do_not_grow_memory(kernel):
    rss = ("%julia parse(Int, split(read(\"/proc/self/statm\", String))[2]) * 4096 ÷ 2^20")
    loop = "%julia for i in 1:1_000_000; Py(1.5 * i); end; GC.gc()"
    kernel.ok(loop)
    before = int(kernel.ok(rss).result)
    for _ in range(2):
        kernel.ok(loop)
    growth = int(kernel.ok(rss).result) - before
    assert growth < 50, f"the worker grew by {growth} MB over 2 million temporary Py objects"


@pytest.mark.parametrize("code, message", [
    ("pybuiltins.len(1)", "object of type 'int' has no len()"),
    ("pybuiltins.object()()", "'object' object is not callable"),
    ("pyimport(\"math\").no_such_attribute", "has no attribute 'no_such_attribute'"),
    ("pyimport(\"math\").sqrt(\"x\")", "must be real number, not str"),
])
def test_bad_calls_are_clear_errors_and_the_kernel_goes_on(kernel, code, message):
    result = kernel.execute("%julia " + code)
    assert result.status == "error" and message in result.errors[0]["evalue"]
    assert jl(kernel, "1 + 1") == "2"


def test_a_long_python_call_from_julia_is_interrupted_in_place(kernel):
    kernel.ok("pyo_kept = 41")
    reply = kernel.interrupted('%julia pyimport("time").sleep(60)')
    assert reply["status"] == "error" and reply["ename"] == "PyException"
    assert "KeyboardInterrupt" in reply["evalue"]
    assert kernel.ok("pyo_kept").result == "41"
