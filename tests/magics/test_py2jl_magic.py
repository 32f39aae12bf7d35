"""%py2jl: every row of the conversion table, shared memory proven, identity, all-or-nothing, errors."""

import pytest

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
JULIA = {"bool": "Bool", "int8": "Int8", "int16": "Int16", "int32": "Int32", "int64": "Int64",
         "uint8": "UInt8", "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64", "float16": "Float16",
         "float32": "Float32", "float64": "Float64", "complex64": "Complex{Float32}",
         "complex128": "Complex{Float64}"}


def jl(kernel, code):
    return kernel.ok(f"%julia {code}").result


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ["C", "F"])
def test_numeric_arrays_are_shared_with_the_same_indexing(kernel, dtype, order):
    kernel.ok("import numpy as np\n"
              f"x_arr = np.asarray((np.arange(24) % 7).reshape(2, 3, 4), dtype='{dtype}', order='{order}')")
    line = kernel.ok("%py2jl x_arr").stream()
    assert line.startswith("x_arr -> Julia ") and line.rstrip().endswith(", shared")
    assert jl(kernel, "eltype(x_arr)") == JULIA[dtype]
    assert jl(kernel, "size(x_arr)") == "(2, 3, 4)"
    # Element by element: Julia's x[i,j,k] is numpy's x[i-1,j-1,k-1].
    assert kernel.ok("%julia [x_arr[i, j, k] for i in 1:2, j in 1:3, k in 1:4] == x_arr").result == "true"
    kernel.ok("%jl2py x_arr=x_back")
    assert kernel.ok("bool((x_back == x_arr).all()) and x_back is x_arr").result == "True"
    jl_values = jl(kernel, "join(string.(Int.(real.(vec(permutedims(x_arr, (3, 2, 1)))))), \",\")")
    py_values = kernel.ok("','.join(str(int(v.real)) for v in x_arr.ravel(order='C'))").result
    assert jl_values.strip('"') == py_values.strip("'")


def test_writes_are_visible_both_ways_and_pointers_match(kernel):
    kernel.ok("import numpy as np\nshared = np.zeros((3, 4))")
    kernel.ok("%py2jl shared")
    kernel.ok("%julia shared[2, 3] = 7.5")
    assert kernel.ok("shared[1, 2]").result == "np.float64(7.5)"
    kernel.ok("shared[0, 1] = -1.0")
    assert jl(kernel, "shared[1, 2]") == "-1.0"
    py_ptr = kernel.ok("shared.ctypes.data").result
    assert jl(kernel, "Int(pointer(parent(shared)))") == py_ptr


@pytest.mark.parametrize("make, julia_check", [
    ("np.array(2.5)", "size(v) == () && v[] == 2.5"),
    ("np.zeros((0, 3))", "size(v) == (0, 3)"),
    ("np.zeros(0)", "v isa Vector{Float64} && isempty(v)"),
    ("np.arange(5)", "v == [0, 1, 2, 3, 4]"),
])
def test_zero_dimensional_empty_and_vectors(kernel, make, julia_check):
    kernel.ok(f"import numpy as np\nv = {make}")
    kernel.ok("%py2jl v")
    assert jl(kernel, julia_check) == "true"


def test_non_contiguous_arrays_are_copied_and_say_so(kernel):
    kernel.ok("import numpy as np\nbase = np.arange(12.0).reshape(3, 4)\nstrided = base[:, ::2]")
    assert kernel.ok("%py2jl strided").stream() == "strided -> Julia Matrix{Float64} (3x2), copied\n"
    assert jl(kernel, "strided == [0.0 2.0; 4.0 6.0; 8.0 10.0]") == "true"


@pytest.mark.parametrize("python, julia_type, julia_check", [
    ("None", "Nothing", "v === nothing"),
    ("True", "Bool", "v === true"),
    ("42", "Int64", "v === 42"),
    ("2**70", "BigInt", "v == big(2)^70"),
    ("1.5", "Float64", "v === 1.5"),
    ("float('nan')", "Float64", "isnan(v)"),
    ("1+2j", "Complex{Float64}", "v === 1.0 + 2.0im"),
    ("'héllo ✓'", "String", "v == \"héllo ✓\""),
    ("b'\\x00ab'", "Array{UInt8,1}", "v == UInt8[0, 97, 98]"),
    ("[1, 2, 3]", "Array{Int64,1}", "v == [1, 2, 3]"),
    ("[1, 'a']", "Array{Any,1}", "v == Any[1, \"a\"]"),
    ("(1, 'a', None)", "Tuple{Int64,String,Nothing}", "v == (1, \"a\", nothing)"),
    ("{'a': 1, 'b': 2}", "Dict{String,Int64}", "v == Dict(\"a\" => 1, \"b\" => 2)"),
    ("{1, 2}", "Set{Int64}", "v == Set([1, 2])"),
    ("np.float32(1.5)", "Float64", "v == 1.5"),
    ("[[1, 2], [3]]", "Array{Array{Int64,1},1}", "v == [[1, 2], [3]]"),
    # Long lists of one type cross whole (one array, one JSON array), and so do a dict's keys and values.
    ("list(range(100))", "Array{Int64,1}", "v == collect(0:99)"),
    ("[i / 2 for i in range(50)]", "Array{Float64,1}", "v == collect(0:49) ./ 2"),
    ("[True, False] * 20", "Array{Bool,1}", "v == repeat([true, false], 20)"),
    ("[str(i) for i in range(30)]", "Array{String,1}", "v == string.(0:29)"),
    ("{i: i / 2 for i in range(40)}", "Dict{Int64,Float64}", "v[39] == 19.5 && length(v) == 40"),
    ("[2**70] + list(range(20))", "Array{Signed,1}", "v[1] == big(2)^70 && v[end] == 19"),
    ("[1, 'a', 2.5, None] * 10", "Array{Any,1}", "v[1:4] == Any[1, \"a\", 2.5, nothing] && length(v) == 40"),
    ("[1, float('nan')] * 10", "Array{Real,1}", "v[1] === 1 && isnan(v[2])"),
])
def test_values_and_containers_are_copied(kernel, python, julia_type, julia_check):
    kernel.ok(f"import numpy as np\nv = {python}")
    assert kernel.ok("%py2jl v").stream().rstrip().endswith("copied")
    assert jl(kernel, "string(typeof(v))") == f'"{julia_type}"'
    assert jl(kernel, julia_check) == "true"


def test_copy_option_makes_an_independent_array(kernel):
    kernel.ok("import numpy as np\noriginal = np.ones((2, 2))")
    assert kernel.ok("%py2jl --copy original=dup").stream() == \
        "original -> Julia Matrix{Float64} (2x2) as dup, copied\n"
    jl(kernel, "dup[1, 1] = 5.0")
    assert kernel.ok("original[0, 0]").result == "np.float64(1.0)"


def test_several_names_are_all_or_nothing(kernel):
    kernel.ok("good1 = 1\nbad = (i for i in range(3))")
    # (--copy: what has no Julia equivalent cannot be copied, so it fails the whole line.)
    result = kernel.execute("%py2jl --copy good1 bad")
    assert result.status == "error"
    assert result.errors[0]["evalue"] == "bad: a Python builtins.generator has no Julia equivalent"
    assert jl(kernel, "isdefined(Main, :good1)") == "false"


def test_values_with_no_equivalent_bind_as_proxies(kernel):
    kernel.ok("import fractions\nproxied_fr = fractions.Fraction(1, 3)\nproxied_gen = (i for i in range(3))")
    result = kernel.ok("%py2jl proxied_fr proxied_gen")
    assert result.stream() == ("proxied_fr -> Julia Py (fractions.Fraction), proxy\n"
                               "proxied_gen -> Julia Py (builtins.generator), proxy\n")
    assert jl(kernel, "pyconvert(Int, proxied_fr.denominator), pyconvert.(Int, collect(proxied_gen))") == \
        "(3, [0, 1, 2])"
    kernel.ok("%jl2py proxied_fr=back_fr")
    assert kernel.ok("back_fr is proxied_fr").result == "True"


@pytest.mark.parametrize("line, message", [
    ("%py2jl no_such_variable", "no_such_variable: no such Python variable"),
    ("%py2jl good1=end", "end: not a valid Julia variable name"),
    ("%py2jl good1=sum", "sum: already names Base.sum in Julia"),
])
def test_bad_input_is_a_clear_error(kernel, line, message):
    kernel.ok("good1 = 1")
    result = kernel.execute(line)
    assert result.status == "error" and message in result.errors[0]["evalue"]
    assert [m["msg_type"] for m in result.messages] == ["error"]


@pytest.mark.fast
@pytest.mark.parametrize("line, message", [
    ("%py2jl", "needs at least one variable name"),
    ("%py2jl --deep good1", "unknown option"),
    ("%py2jl good1=", "write NAME or NAME=OTHER"),
])
def test_bad_arguments_are_a_clear_error_before_anything_moves(fast_kernel, line, message):
    result = fast_kernel.execute(line)
    assert result.status == "error" and message in result.errors[0]["evalue"]
    assert [m["msg_type"] for m in result.messages] == ["error"]
    assert fast_kernel.worker.requests == []


@pytest.mark.fast
def test_help_shows_the_conversion_table(fast_kernel):
    page = fast_kernel.ok("%help %py2jl").reply["payload"][0]["data"]["text/plain"]
    for row in ("numpy array", "shared memory", "Vector (narrowest element type)", "Example"):
        assert row in page


def test_a_dataframe_becomes_a_column_table_sharing_its_numeric_columns(kernel):
    kernel.ok("import pandas as pd, numpy as np\n"
              "table_df = pd.DataFrame({'x': np.arange(3.0), 'n': np.arange(3),\n"
              "                         'name': pd.Series(['a', 'b', 'c'], dtype=object)})")
    result = kernel.ok("%py2jl table_df")
    assert result.stream() == ("table_df -> Julia column table (3 rows x 3 columns), "
                               "columns x, n shared; name copied\n")
    assert jl(kernel, "keys(table_df), table_df.name, sum(table_df.x)") == \
        '((:x, :n, :name), ["a", "b", "c"], 3.0)'
    kernel.ok("%julia table_df.x[1] = 42.0")  # the DataFrame's own memory
    assert kernel.ok("table_df['x'].tolist()").result == "[42.0, 1.0, 2.0]"


def test_inside_python_code_both_magics_move_as_at_the_top_of_a_cell(kernel):
    result = kernel.ok("import numpy as np\ninside = np.arange(3.0)\n%py2jl inside\n"
                       "%py2jl --copy inside=inside_copy\ninside[0] = 7.0\n%jl2py inside=inside_back\n"
                       "inside_back is inside")
    assert result.stream() == ("inside -> Julia Vector{Float64} (3 elements), shared\n"
                               "inside -> Julia Vector{Float64} (3 elements) as inside_copy, copied\n"
                               "inside -> Python ndarray float64 (3,) as inside_back, shared\n")
    assert result.result == "True"
    assert jl(kernel, "inside[1], inside_copy[1]") == "(7.0, 0.0)"


def test_inside_python_code_a_bad_move_fails_the_cell_there(kernel):
    result = kernel.execute("before_bad_move = 1\n%py2jl before_bad_move no_such_inside\nafter_bad_move = 1")
    assert result.status == "error" and [m["msg_type"] for m in result.messages] == ["error"]
    error = result.errors[0]
    assert error["ename"] == "BridgeError" and error["evalue"] == "no_such_inside: no such Python variable"
    assert jl(kernel, "isdefined(Main, :before_bad_move)") == "false"
    assert kernel.ok("'after_bad_move' in globals()").result == "False"
    usage = kernel.execute("x_usage = 1\n%jl2py --deep x_usage")
    assert usage.errors[0]["ename"] == "UsageError" and "unknown option '--deep'" in usage.errors[0]["evalue"]


def test_inside_a_function_local_variables_are_refused_not_mistaken_for_globals(kernel):
    kernel.ok("shadowed = 10")
    for code, magic in (
            ("def f():\n    shadowed = 1\n    %py2jl shadowed\nf()", "py2jl"),
            ("def g():\n    shadowed = 1\n    %jl2py shadowed\n    return shadowed\ng()", "jl2py")):
        error = kernel.execute(code).errors[0]
        assert error["ename"] == "UsageError" and error["evalue"].startswith(
            f"shadowed: a local variable; %{magic} moves global variables")
    # (A global read inside a function is what it is everywhere.)
    assert kernel.ok("def h():\n    %py2jl shadowed\nh()").stream() == "shadowed -> Julia Int64, copied\n"
