"""%jl2py: the mirror image of %py2jl."""

import pytest

NUMPY = {"Bool": "bool", "Int8": "int8", "Int16": "int16", "Int32": "int32", "Int64": "int64",
         "UInt8": "uint8", "UInt16": "uint16", "UInt32": "uint32", "UInt64": "uint64", "Float16": "float16",
         "Float32": "float32", "Float64": "float64", "ComplexF32": "complex64", "ComplexF64": "complex128"}


@pytest.mark.parametrize("eltype", NUMPY)
def test_julia_arrays_become_numpy_views_of_the_same_memory(kernel, eltype):
    # Array{T} explicitly: `Bool.(x)` would be a BitArray, which is packed and can only be copied.
    kernel.ok(f"%julia ja = Array{{{eltype}}}(reshape(collect(0:23) .% 5 .> 2, 2, 3, 4))")
    assert kernel.ok("%jl2py ja").stream() == f"ja -> Python ndarray {NUMPY[eltype]} (2, 3, 4), shared\n"
    assert kernel.ok("ja.dtype.name, ja.flags.f_contiguous, ja.shape").result == \
        f"('{NUMPY[eltype]}', True, (2, 3, 4))"
    # Element by element: numpy's ja[i,j,k] is Julia's ja[i+1,j+1,k+1]; vec() walks i fastest.
    py = kernel.ok("','.join(str(int(ja[i, j, k].real)) "
                   "for k in range(4) for j in range(3) for i in range(2))")
    jl = kernel.ok('%julia join(Int.(real.(vec(ja))), ",")')
    assert py.result.strip("'") == jl.result.strip('"')
    kernel.ok("%py2jl ja=ja_again")
    assert kernel.ok("%julia ja_again === ja").result == "true"


def test_writes_are_visible_both_ways(kernel):
    kernel.ok("%julia jw = zeros(2, 3)")
    kernel.ok("%jl2py jw")
    kernel.ok("jw[1, 2] = 4.0")
    assert kernel.ok("%julia jw[2, 3]").result == "4.0"
    kernel.ok("%julia jw[1, 1] = -2.0")
    assert kernel.ok("jw[0, 0]").result == "np.float64(-2.0)"
    assert kernel.ok("jw.ctypes.data").result == kernel.ok("%julia Int(pointer(jw))").result


@pytest.mark.parametrize("julia, python", [
    ("nothing", "None"), ("true", "True"), ("7", "7"), ("big(2)^80", str(2**80)), ("2.5", "2.5"),
    ("1 + 2im", "(1+2j)"), ("\"é ✓\"", "'é ✓'"), (":sym", "'sym'"), ("'c'", "'c'"),
    ("(1, \"a\")", "(1, 'a')"), ("(a = 1, b = 2.0)", "{'a': 1, 'b': 2.0}"),
    ("Dict(\"k\" => [1, 2])", "{'k': array([1, 2])}"), ("Set([3])", "{3}"), ("[\"x\", \"y\"]", "['x', 'y']"),
    ("Dict(3 => 1.5)", "{3: 1.5}"), ("Any[1, \"a\", nothing, NaN]", "[1, 'a', None, nan]"),
    ("1:4", "range(1, 5)"), ("10:-2:1", "range(10, 0, -2)"),
])
def test_values_and_containers(kernel, julia, python):
    kernel.ok(f"%julia jv = {julia}")
    kernel.ok("%jl2py jv")
    assert kernel.ok("repr(jv)").result == repr(python)


def test_views_and_float_ranges_are_copied(kernel):
    kernel.ok("%julia jbase = collect(1.0:6.0); jview = view(jbase, 2:3); frange = 0.0:0.5:1.0")
    assert kernel.ok("%jl2py jview frange").stream() == \
        "jview -> Python ndarray float64 (2,), copied\nfrange -> Python ndarray float64 (3,), copied\n"
    assert kernel.ok("jview.tolist(), frange.tolist()").result == "([2.0, 3.0], [0.0, 0.5, 1.0])"


def test_all_or_nothing_and_errors(kernel):
    kernel.ok("%julia struct Opaque; x::Int; end; okvar = 1; opaque = Opaque(1)")
    # (--copy: what has no Python equivalent cannot be copied, so it fails the whole line.)
    result = kernel.execute("%jl2py --copy okvar opaque")
    assert result.status == "error"
    assert result.errors[0]["evalue"] == "opaque: a Julia Opaque has no Python equivalent"
    assert kernel.ok("'okvar' in globals()").result == "False"
    assert "no such Julia variable" in kernel.execute("%jl2py not_defined_here").errors[0]["evalue"]
    assert "not a valid Python variable name" in kernel.execute("%jl2py okvar=class").errors[0]["evalue"]


def test_values_with_no_equivalent_bind_as_proxies(kernel):
    kernel.ok("%julia struct ProxyPoint; x::Int; end; jl_proxied = ProxyPoint(3); jl_fn(v) = 2v")
    result = kernel.ok("%jl2py jl_proxied jl_fn")
    assert result.stream() == ("jl_proxied -> Python AnyValue (ProxyPoint), proxy\n"
                               "jl_fn -> Python AnyValue (typeof(jl_fn)), proxy\n")
    assert kernel.ok("jl_proxied.x, jl_fn(21)").result == "(3, 42)"
    assert kernel.ok("%julia jl_back = 0").status == "ok"
    kernel.ok("%py2jl jl_proxied=jl_back")
    assert kernel.ok("%julia jl_back === jl_proxied").result == "true"


def test_pins_are_released_when_python_lets_go(kernel):
    pinned = "%julia length(MetapolyWorker.Convert.PINNED)"
    kernel.ok("%julia big_jl = zeros(1000)")
    before = kernel.ok(pinned).result
    for _ in range(3):
        kernel.ok("%jl2py big_jl=tmp_view")
    assert int(kernel.ok(pinned).result) == int(before) + 1  # the two earlier views are already gone
    kernel.ok("del tmp_view")
    assert kernel.ok(pinned).result == before  # any request releases what Python let go of


def test_a_column_table_becomes_a_dataframe_saying_what_it_shares(kernel):
    kernel.ok('%julia jl_table = (a = [1.0, 2.0], s = ["x", "y"]); '
              'jl_rows = [(k = 1, v = 2.5), (k = 2, v = 3.5)]')
    text = kernel.ok("%jl2py jl_table jl_rows").stream()
    assert text.startswith("jl_table -> Python DataFrame (2 rows x 2 columns; ")
    assert "jl_rows -> Python DataFrame (2 rows x 2 columns; " in text
    assert kernel.ok("list(jl_table.columns), jl_table['s'].tolist(), jl_rows['v'].sum()").result == \
        "(['a', 's'], ['x', 'y'], np.float64(6.0))"


@pytest.mark.fast
@pytest.mark.parametrize("line, message", [
    ("%jl2py --arrow --polars t", "choose one of --arrow and --polars"),
    ("%jl2py --copy --arrow t", "do not go together"),
    ("%py2jl --arrow t", "--arrow is an option of %jl2py"),
    ("%jl2py --feather t", "the options are --copy, --arrow, --polars"),
])
def test_arrow_options_are_checked_before_anything_moves(fast_kernel, line, message):
    result = fast_kernel.execute(line)
    assert result.status == "error" and message in result.errors[0]["evalue"]
    assert fast_kernel.worker.requests == []
