"""PythonCall's wrappers in Julia cells (julia/src/Wrap): `PyList`, `PyDict`, `PySet`, `PyIterable`,
`PyArray`, `PyIO`, `PyPandasDataFrame` are live views of their Python objects, read and written through
Python (or, for arrays, through the shared memory), and `pyconvert` gives them as PythonCall does."""


def jl(kernel, code: str) -> str:
    return kernel.ok("%%julia\nusing PythonCall\n" + code).result


def test_a_pylist_is_a_vector_whose_changes_python_sees(kernel):
    kernel.ok("wr_l = [1, 2, 3]")
    assert jl(kernel, "wr_l = PyList{Int}(pyget(Py, :wr_l)); push!(wr_l, 4); insert!(wr_l, 1, 0); "
                      "pop!(wr_l), popfirst!(wr_l), wr_l[2], length(wr_l)") == "(4, 0, 2, 3)"
    assert jl(kernel, "append!(wr_l, [7, 8]); pushfirst!(wr_l, -1); deleteat!(wr_l, 2); wr_l[end] = 9; "
                      "sum(wr_l)") == "20"
    assert kernel.ok("wr_l").result == "[-1, 2, 3, 7, 9]"
    # (An item that is not an Int is refused before anything changes.)
    failed = kernel.execute("%%julia\nappend!(wr_l, [10, 4.5])")
    assert failed.errors[0]["ename"] == "InexactError"
    assert kernel.ok("wr_l").result == "[-1, 2, 3, 7, 9]"
    assert kernel.execute("%julia wr_l[6]").errors[0]["ename"] == "BoundsError"


def test_pyconvert_of_containers_gives_the_wrappers_that_keep_them(kernel):
    kernel.ok("wr_c = ([1, 'a'], {'k': [2]}, {3}, frozenset({4}), (i for i in range(3)))")
    assert jl(kernel, "c = pyget(Py, :wr_c); map(x -> typeof(pyconvert(Any, x)), Tuple(c))") == \
        "(PyList{Any}, PyDict{Any,Any}, PySet{Any}, PySet{Any}, PyIterable{Any})"
    assert jl(kernel, "l = pyconvert(Any, c[0]); (ispy(l), pyis(Py(l), c[0]), l)") == \
        '(true, true, Any[1, "a"])'
    assert jl(kernel, "collect(pyconvert(Any, c[4]))") == "3-element Array{Any,1}:\n 0\n 1\n 2"
    # (A wrapper is its Python object wherever one is expected.)
    assert jl(kernel, 'same = pyeval("lambda a, b: a is b", Main); pytruth(same(l, c[0])), '
                      "pylen(l), pyconvert(Int, pybuiltins.len(PyDict(c[1])))") == "(true, 2, 1)"


def test_a_pydict_and_a_pyset_read_and_write_through_python(kernel):
    kernel.ok("wr_d = {'a': 1}\nwr_s = {1, 2}")
    assert jl(kernel, "d = PyDict{String,Int}(pyget(Py, :wr_d)); d[\"b\"] = 2; delete!(d, \"a\"); "
                      "get!(d, \"c\", 3); (d[\"b\"], haskey(d, \"a\"), haskey(d, 99), get(d, \"z\", 0), "
                      "sort(collect(keys(d))))") == '(2, false, false, 0, ["b", "c"])'
    assert kernel.ok("wr_d").result == "{'b': 2, 'c': 3}"
    assert kernel.execute('%julia d["zz"]').errors[0]["ename"] == "KeyError"
    assert jl(kernel, "s = PySet{Int}(pyget(Py, :wr_s)); push!(s, 3); delete!(s, 1); "
                      "(2.0 in s, 2.5 in s, \"x\" in s, s == Set([2, 3]))") == "(true, false, false, true)"
    assert kernel.ok("sorted(wr_s)").result == "[2, 3]"


def test_a_pyarray_shares_numpy_memory_in_numpys_order(kernel):
    kernel.ok("import numpy as np\nwr_a = np.arange(12.0).reshape(3, 4)")
    assert jl(kernel, "A = pyconvert(Any, pyget(Py, :wr_a)); typeof(A), size(A), A[2, 3], strides(A)") == \
        "(PyArray{Float64,2,true,false,Float64}, (3, 4), 6.0, (4, 1))"
    jl(kernel, "A[1, 2] = -1.0; A .*= 2")
    assert kernel.ok("wr_a[0].tolist()").result == "[0.0, -2.0, 4.0, 6.0]"
    kernel.ok("wr_a[2, 3] = 100")
    assert jl(kernel, "A[3, 4]") == "100.0"
    # F-ordered memory is linearly indexable; views and transposes are read where they lie.
    assert jl(kernel, 'np = pyimport("numpy"); F = PyArray(np.asfortranarray(pyget(Py, :wr_a))); '
                      "(Base.IndexStyle(F), F == A, PyArray(pyget(Py, :wr_a).T) == permutedims(A), "
                      "PyArray(pyget(Py, :wr_a)[pyslice(nothing, nothing, 2)]) == A[1:2:3, :])") == \
        "(IndexLinear(), true, true, true)"
    # A copy is a Julia Array; an element type asked for converts.
    assert jl(kernel, "V = pyconvert(Vector{Float32}, np.arange(3)); typeof(V), V") == \
        "(Array{Float32,1}, Float32[0.0, 1.0, 2.0])"
    assert jl(kernel, 'B = PyArray{Float64}(np.arange(3, dtype="int32")); B[2] = 7; typeof(B), B') == \
        "(PyArray{Float64,1,true,true,Int32}, [0.0, 7.0, 2.0])"


def test_pyarray_element_types_buffers_and_what_it_refuses(kernel):
    assert jl(kernel, 'np = pyimport("numpy"); (eltype(PyArray(np.array(pylist([true, false])))), '
                      'eltype(PyArray(np.zeros(2, dtype="complex64"))), '
                      'eltype(PyArray(np.zeros(2, dtype="uint16"))))') == "(Bool, Complex{Float32}, UInt16)"
    assert jl(kernel, 'o = PyArray(np.array(pylist(["a", 1]), dtype="object")); o[2] = "b"; '
                      '(eltype(o), pyconvert(Vector{String}, Py(o)))') == '(Py, ["a", "b"])'
    assert jl(kernel, 'u = PyArray(np.array(pylist(["ab", "cde"]))); u[1] = "x"; (eltype(u), u)') == \
        '(String, ["x", "cde"])'
    assert jl(kernel, 'r = PyArray(np.zeros(1, dtype=pylist([("x", "<f8"), ("n", "<i8")]))); r[1]') == \
        "(x = 0.0, n = 0)"
    # Buffers: bytes are read-only, a bytearray (or array.array) writable.
    assert jl(kernel, 'ba = pybuiltins.bytearray(b"abc"); B = pyconvert(Any, ba); B[1] = UInt8(\'z\'); '
                      "(typeof(pyconvert(Any, b\"xy\")), typeof(B), pyconvert(String, ba.decode()))") == \
        '(PyArray{UInt8,1,false,true,UInt8}, PyArray{UInt8,1,true,true,UInt8}, "zbc")'
    assert jl(kernel, 'aa = pyimport("array").array("i", pylist([1, 2])); PyArray(aa)[2]') == "2"
    written = kernel.execute("%julia PyArray(pybuiltins.bytes(3))[1] = 0x01").errors[0]
    assert written["ename"] == "ArgumentError" and "read-only" in written["evalue"]
    refused = kernel.execute('%%julia\nPyArray(np.array(pylist([b"ab"])))').errors[0]
    assert refused["ename"] == "ArgumentError" and "kind 'S'" in refused["evalue"]
    assert kernel.execute("%julia PyArray{Int,2}(np.arange(3))").errors[0]["ename"] == "ArgumentError"
    # numpy's scalars stay numbers, and what is no array stays what it was.
    assert jl(kernel, "pyconvert(Any, np.float64(1.5)), pyconvert(Any, np.int64(2)), "
                      "typeof(pyconvert(Any, pybuiltins.object()))") == "(1.5, 2, Py)"


def test_pyio_reads_and_writes_python_streams(kernel):
    assert jl(kernel, 's0 = pyimport("io").StringIO("línea 1\\nlínea 2\\n"); s = pyconvert(Any, s0); '
                      "(typeof(s), s.text, readline(s), readline(s), eof(s))") == \
        '(PyIO, true, "línea 1", "línea 2", true)'
    assert jl(kernel, 's1 = pyimport("io").StringIO(); PyIO(s1) do io; print(io, "dó ", 1); end; '
                      "pyconvert(String, s1.getvalue())") == '"dó 1"'
    # (A buffer flushed in the middle of a character sends the whole characters only.)
    assert jl(kernel, 's2 = pyimport("io").StringIO(); io = PyIO(s2; buflen=6); write(io, "touché!"); '
                      "flush(io); pyconvert(String, s2.getvalue())") == '"touché!"'
    assert jl(kernel, 'b0 = pyimport("io").BytesIO(); b = PyIO(b0); write(b, UInt8[1, 2, 3]); seekstart(b); '
                      "(read(b), position(b), pyconvert(Vector{UInt8}, b0.getvalue()))") == \
        "(UInt8[0x01, 0x02, 0x03], 3, UInt8[0x01, 0x02, 0x03])"


def test_a_pandas_dataframe_is_a_column_table(kernel):
    kernel.ok("import pandas as pd\nwr_df = pd.DataFrame({'n': [1, 2, 3], 's': ['x', None, 'z'], "
              "'f': [1.5, None, 2.5]})\nwr_df.index.name = 'i'")
    assert jl(kernel, "t = PyTable(pyget(Py, :wr_df)); typeof(t), PythonCall.columnnames(t), size(t)") == \
        "(PyPandasDataFrame, [:n, :s, :f], (3, 3))"
    assert jl(kernel, "t.n, t.s, t.f") == \
        '([1, 2, 3], Union{Missing, String}["x", missing, "z"], [1.5, NaN, 2.5])'
    # Numbers are pandas' own memory (read-only: pandas copies on write).
    assert jl(kernel, "typeof(t.n)") == "PyArray{Int64,1,false,true,Int64}"
    assert jl(kernel, "t2 = PyPandasDataFrame(pyget(Py, :wr_df); indexname=:i, columntypes=n -> n == :n ? "
                      "Float64 : nothing); NamedTuple(t2).n, t2.i") == "([1.0, 2.0, 3.0], [0, 1, 2])"
    shown = kernel.ok("%julia t").of_type("execute_result")[0]["content"]["data"]
    assert shown["text/plain"].startswith("3×3 PyPandasDataFrame\n") and "<table" in shown["text/html"]


def test_pytable_makes_python_tables_of_julia_ones(kernel):
    kernel.ok('%julia wr_t = pytable((x=[1, 2], y=["a", "b"]))')
    assert jl(kernel, "pyconvert(String, pytype(wr_t).__name__), "
                      "pyconvert(Vector{String}, wr_t.columns.tolist())") == '("DataFrame", ["x", "y"])'
    assert jl(kernel, 'pyrepr(String, pytable((x=[1, 2], y=["a", "b"]), :rows))') == \
        "\"[Row(x=1, y='a'), Row(x=2, y='b')]\""
    assert jl(kernel, 'pyrepr(String, pytable([(x=1, y="a")], :rowdicts))') == "\"[{'x': 1, 'y': 'a'}]\""
    assert kernel.execute("%julia pytable((x=[1], y=[1, 2]))").errors[0]["ename"] == "ArgumentError"
