"""Julia objects in Python cells (juliacall's `AnyValue` and its kin): calls with keywords on shared arrays,
fields, items, operators, display, identity, callbacks both ways, errors and threads, through the real
kernel."""

import time

import pytest


def py(kernel, code: str) -> str:
    return kernel.ok(code).result


@pytest.fixture(scope="module")
def defined(shared_kernel):
    shared_kernel.ok('%%julia\njlo_scaled(x; scale=1) = scale * sum(x)\nstruct JloPoint; x; y; end\n'
                     'jlo_p = JloPoint(1, "two")\njlo_twice(f, v) = f(f(v))\n'
                     'struct JloBox; v::Vector{Int}; end\nBase.getindex(b::JloBox, i) = b.v[i]\n'
                     'Base.length(b::JloBox) = length(b.v)\n'
                     'Base.iterate(b::JloBox, s...) = iterate(b.v, s...)\n'
                     'jlo_box = JloBox([10, 20, 30])')
    shared_kernel.ok("import numpy as np")
    return shared_kernel


def test_julia_functions_are_callables_with_keywords_on_numpy_memory(defined):
    assert py(defined, "julia.jlo_scaled(np.arange(4.0), scale=2)") == "12.0"
    assert py(defined, "julia.Main.jlo_scaled(np.ones(3))") == "3.0"
    assert py(defined, "julia.Base.sqrt(2.0)") == "1.4142135623730951"
    assert py(defined, "julia.eval('x -> x + 1')(41)") == "42"
    # A Julia function that writes into its argument writes into numpy's memory.
    defined.ok("jlo_a = np.zeros(3)\njulia.eval('v -> (v .= 7; nothing)')(jlo_a)")
    assert py(defined, "jlo_a.tolist()") == "[7.0, 7.0, 7.0]"


def test_array_arguments_are_shared_in_either_memory_order_and_unusual_ones_still_arrive(defined):
    defined.ok("jlo_info = julia.eval('a -> (a isa Array, size(a), a[2, 1], Int(pointer(parent(a))))')")
    # A C-ordered matrix: Julia's a[2,1] is numpy's m[1,0], over numpy's own memory.
    assert py(defined, "m = np.arange(6.0).reshape(2, 3); t = jlo_info(m); "
                       "t[0], t[1], t[2], t[3] == m.ctypes.data") == \
        "(False, (2, 3), 3.0, True)"
    assert py(defined, "f = np.asfortranarray(m); t = jlo_info(f); t[0], t[2], t[3] == f.ctypes.data") == \
        "(True, 3.0, True)"
    # Strided, byte-swapped and read-only arrays take the slower path, with the same meaning.
    assert py(defined, "julia.Base.sum(np.arange(10.0)[::2]), julia.Base.sum(np.arange(3, dtype='>i4')), "
                       "julia.Base.sum(np.frombuffer(b'\\x01\\x02', dtype=np.uint8))") == "(20.0, 3, 3)"
    # A numpy view of a Julia array goes back as that very array.
    assert py(defined, "v = julia.eval('jlo_v = [1.0, 2.0]'); julia.eval('a -> a === jlo_v')(v)") == "True"
    # Julia keeps numpy's memory alive while it holds the array, and lets go afterwards.
    defined.ok("import sys\njlo_arr = np.ones(5)\nbefore = sys.getrefcount(jlo_arr)\n"
               "julia.eval('a -> (global jlo_held = a; nothing)')(jlo_arr)")
    assert py(defined, "sys.getrefcount(jlo_arr) - before") == "1"
    defined.ok("%julia jlo_held = nothing; GC.gc()")
    assert py(defined, "sys.getrefcount(jlo_arr) - before") == "0"


def test_proxies_have_fields_items_length_iteration_and_show_as_julia(defined):
    assert py(defined, "p = julia.jlo_p; p.x, p.y, str(p), repr(p)") == \
        "(1, 'two', 'JloPoint(1, \"two\")', 'Julia: JloPoint(1, \"two\")')"
    # (Julia's own indices: b[1] is the first.)
    assert py(defined, "b = julia.jlo_box; len(b), b[1], 20 in b, 25 in b, [int(v) for v in b]") == \
        "(3, 10, True, False, [10, 20, 30])"
    result = defined.ok("julia.Base.sum")
    assert result.result.startswith("sum (generic function")  # Julia's text/plain, through IPython
    html = defined.ok("julia.eval('HTML(\"<b>jlo</b>\")')").of_type("execute_result")[0]["content"]["data"]
    assert html["text/html"] == "<b>jlo</b>"
    assert "jlo_scaled" in py(defined, "dir(julia.Main)")


def test_a_proxy_sent_back_is_the_same_julia_object(defined):
    assert py(defined, "julia.eval('(a, b) -> a === b === Main.jlo_p')(julia.jlo_p, julia.jlo_p)") == "True"
    defined.ok("jlo_kept = julia.jlo_p\njulia['jlo_back'] = jlo_kept")
    assert defined.ok("%julia jlo_back === jlo_p").result == "true"


def test_operators_map_to_julias(defined):
    assert py(defined, "c = julia.eval('big(2)'); c ** 70 == 2 ** 70, str(c + 1), c < 3") == \
        "(True, '3', True)"


def test_callbacks_work_both_ways_and_nested(defined):
    assert py(defined, "julia.jlo_twice(lambda v: v * 10, 2)") == "200"
    assert py(defined, "list(julia.Base.sort([3, 1, 2], by=lambda v: -v))") == "[3, 2, 1]"
    # Python calls Julia, which calls Python, which calls Julia.
    assert py(defined, "julia.jlo_twice(lambda v: julia.Base.sqrt(v), 16.0)") == "2.0"
    assert defined.ok('%julia pyeval("lambda f: f(3)")(x -> x^2)').result == "Python: 9"


def test_julia_errors_are_python_exceptions_and_the_kernel_goes_on(defined):
    result = defined.execute("julia.eval('error')('boom')")
    assert result.errors[0]["ename"] == "JuliaError" and result.errors[0]["evalue"] == "ErrorException: boom"
    # (A call no method of the function takes is a TypeError, as juliacall raises it.)
    caught = py(defined, "try:\n    julia.Base.sqrt('x')\nexcept Exception as e:\n"
                         "    r = type(e).__name__\nr")
    assert caught == "'TypeError'"
    assert "MethodError: no method matching sqrt(::String)" in defined.execute("julia.Base.sqrt('x')") \
        .errors[0]["evalue"]
    missing = defined.execute("julia.jlo_no_such_name").errors[0]
    assert missing["ename"] == "AttributeError" and "UndefVarError" in missing["evalue"]
    assert py(defined, "hasattr(julia.jlo_p, 'x'), hasattr(julia.jlo_p, 'z')") == "(True, False)"
    assert py(defined, "julia.Base.sqrt(4.0)") == "2.0"


def test_calls_from_another_thread_are_refused(defined):
    code = ("import threading\nout = []\ndef call():\n    try:\n        julia.Base.sqrt(2.0)\n"
            "    except RuntimeError as e:\n        out.append(str(e))\n"
            "t = threading.Thread(target=call); t.start(); t.join(); out")
    assert py(defined, code) == "['Julia can only be called from the main thread']"


def test_proxies_let_go_of_julia_objects_when_they_die(defined):
    before = int(defined.ok("%julia length(MetapolyWorker.Convert.PINNED)").result)
    defined.ok("import gc\nfor i in range(1000):\n    julia.eval('() -> 1')\ngc.collect()")
    defined.ok("%julia 1")  # released on the main thread at the next request
    assert int(defined.ok("%julia length(MetapolyWorker.Convert.PINNED)").result) - before < 10


def test_numpy_takes_a_julia_vector_of_any_elements(defined):
    assert py(defined, "a = np.asarray(julia.seval('Any[10, 20, 30]')); a.tolist(), a.dtype.name") == \
        "([10, 20, 30], 'int64')"
    assert py(defined, "np.asarray(julia.seval('(10, 20)')).tolist(), len(julia.jlo_box)") == "([10, 20], 3)"


def test_a_julia_call_from_python_is_interrupted_in_place(defined):
    defined.ok("jlo_kept = 41")
    reply = defined.interrupted("julia.eval('() -> sleep(60)')()")
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply.get("traceback")
    assert py(defined, "jlo_kept") == "41" and defined.ok("%julia jlo_p.x").result == "1"


def test_a_julia_error_carries_the_frames_of_the_users_julia_code(defined):
    defined.ok("%%julia\nfunction jlo_inner(x)\n    x > 0 || error(\"negative: $x\")\n    x\nend\n"
               "jlo_outer(x) = jlo_inner(x) + 1")
    error = defined.execute("julia.jlo_outer(-1)").errors[0]
    assert error["ename"] == "JuliaError"
    text = error["evalue"]
    assert text.startswith("ErrorException: negative: -1\nStacktrace:\n")
    assert "jlo_inner" in text and "jlo_outer" in text and "MetapolyWorker" not in text
    assert defined.execute("julia.jlo_outer(-1)").stream("stderr") == ""  # no noise from the lookup


def test_proxies_made_and_dropped_in_a_loop_are_let_go_before_the_cell_ends(defined):
    pinned = defined.ok("for jlo_i in range(20_000):\n    julia.jlo_p\n"
                        "julia.eval('length(MetapolyWorker.Convert.PINNED)')").result
    assert int(pinned) < 2_000


def test_a_pyobjectarray_is_an_object_array_numpy_reads_in_place(defined):
    defined.ok("%%julia\njlo_objs = PyObjectArray([1, \"two\", 3.0])")
    assert py(defined, "jlo_view = np.asarray(julia.jlo_objs); jlo_view.dtype.name, jlo_view.tolist()") == \
        "('object', [1, 'two', 3.0])"
    defined.ok("%julia jlo_objs[2] = pylist([2])")
    assert py(defined, "jlo_view[1]") == "[2]"
    shapes = defined.ok("%julia jlo_objs[1] isa Py, size(PyObjectMatrix(undef, 2, 3))")
    assert shapes.result == "(true, (2, 3))"


def test_a_vector_numpy_has_viewed_refuses_to_move_with_a_clear_error(defined):
    defined.ok("import juliacall\njlo_v = juliacall.Main.seval('[1.0, 2.0]')\njlo_v.append(3.0)")
    defined.ok("jlo_view = np.asarray(jlo_v)")
    refused = defined.execute("jlo_v.append(4.0)")
    assert refused.errors[0]["ename"] == "ValueError"
    assert "numpy has viewed its memory" in refused.errors[0]["evalue"]
    assert py(defined, "jlo_view.tolist(), len(jlo_v)") == "([1.0, 2.0, 3.0], 3)"


def test_julia_arrays_export_their_memory_through_the_buffer_protocol(defined):
    defined.ok("%julia jlo_bytes = UInt8[65, 66, 67]")
    defined.ok("import juliacall\njlo_bytes = juliacall.Main.jlo_bytes")
    assert py(defined, "bytes(jlo_bytes), memoryview(jlo_bytes).readonly") == "(b'ABC', False)"
    defined.ok("memoryview(jlo_bytes)[0] = 90")
    assert defined.ok("%julia Int(jlo_bytes[1])").result == "90"
    m = "memoryview(juliacall.Main.seval('Float32[1 2 3; 4 5 6]'))"
    assert py(defined, f"m = {m}; m.format, m.shape, m.strides, m.f_contiguous, m.tolist()") == \
        "('f', (2, 3), (4, 8), True, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])"
    refused = defined.execute("memoryview(juliacall.Main.seval('Any[1, 2]'))")
    assert refused.errors[0]["ename"] == "BufferError" and "has no buffer" in refused.errors[0]["evalue"]


def test_a_recursion_across_the_languages_is_a_quick_short_error_that_keeps_state(kernel):
    # Each call from Python into Julia takes native stack neither language counts, and an error rethrown at
    # every crossing on its way up records the whole stack each time: the recursion stops at a depth where
    # both stay cheap.
    kernel.ok('%%julia\nping_pong(n) = n == 0 ? 0 : 1 + pyeval(Py, "pong_ping")(n - 1)')
    kernel.ok("def pong_ping(n):\n    return 0 if n == 0 else 1 + julia.Main.ping_pong(n - 1)\nkept = 'yes'")
    assert kernel.ok("pong_ping(150)").result == "150"
    for code in ("pong_ping(20000)", "%julia ping_pong(20000)"):
        start = time.monotonic()
        result = kernel.execute(code)
        seconds = time.monotonic() - start
        # (A Julia cell sees Python's error as PythonCall shows it: a PyException of the RecursionError.)
        assert result.status == "error" and result.errors[0]["ename"] in ("RecursionError", "PyException")
        assert "RecursionError: maximum recursion depth exceeded in calls between Python and Julia" in \
            result.traceback()
        assert seconds < 2 and len(result.traceback()) < 5000 and not result.stream("stderr")
        assert "pong_ping" in result.traceback()
    assert kernel.ok("kept").result == "'yes'" and kernel.ok("%julia ping_pong(10)").result == "Python: 10"
