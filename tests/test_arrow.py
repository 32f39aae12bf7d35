"""Arrow tables cross to Julia without copies (julia/src/Arrow/, _metapoly_worker/arrow.py): pyarrow tables
and record batches, polars DataFrames and Series, pandas frames with Arrow-backed columns become column
tables whose columns are read-only vectors over the producer's buffers, nulls `missing`, slices and chunks
honoured; and the buffers live as long as Julia uses them."""

import pytest


def jl(kernel, code: str) -> str:
    return kernel.ok("%julia " + code).result


@pytest.fixture(scope="module")
def arrow(module_kernel):
    module_kernel.ok("import pyarrow as pa, polars as pl, pandas as pd, datetime, gc\n%julia import Dates")
    return module_kernel


def test_a_pyarrow_table_becomes_a_column_table_over_its_buffers(arrow):
    arrow.ok("ar_t = pa.table({'x': [1.5, 2.5, None], 'n': pa.array([1, 2, 3], pa.int32()),\n"
             "                 's': ['a', 'bé', None], 'b': [True, None, False],\n"
             "                 'd': [datetime.date(2024, 1, 2), None, datetime.date(1969, 12, 31)],\n"
             "                 't': pa.array([0, 1_500_000, None], pa.timestamp('us'))})")
    assert arrow.ok("%py2jl ar_t").stream() == (
        "ar_t -> Julia column table (3 rows x 6 columns), columns x, n, s, b, d, t shared (Arrow)\n")
    assert jl(arrow, "collect(ar_t.x), collect(ar_t.n), collect(ar_t.s), collect(ar_t.b)") == (
        '(Union{Missing, Float64}[1.5, 2.5, missing], Int32[1, 2, 3], '
        'Union{Missing, String}["a", "bé", missing], Union{Missing, Bool}[true, missing, false])')
    assert jl(arrow, "collect(ar_t.d)") == (
        "3-element Array{Union{Missing, Dates.Date},1}:\n 2024-01-02\n missing\n 1969-12-31")
    assert jl(arrow, "string(Dates.DateTime(ar_t.t[2])), ismissing(ar_t.t[3])") == \
        '("1970-01-01T00:00:01.5", true)'
    # (The column reads pyarrow's own buffer.)
    address = arrow.ok("ar_t.column('n').chunks[0].buffers()[1].address").result
    assert jl(arrow, "Int(UInt(ar_t.n.data))") == address


def test_writing_to_an_arrow_column_is_an_error_that_says_so(arrow):
    arrow.ok("ar_w = pa.table({'x': [1.0, 2.0]})\n%py2jl ar_w")
    error = arrow.execute("%julia ar_w.x[1] = 5.0").errors[0]
    assert "Arrow memory is immutable" in error["evalue"] and "collect(column)" in error["evalue"]
    assert jl(arrow, "ar_w.x[1], collect(ar_w.x) .* 2") == "(1.0, [2.0, 4.0])"


def test_slices_and_chunks_are_honoured(arrow):
    arrow.ok("ar_big = pa.table({'x': list(range(10)), 's': [str(i) * i for i in range(10)]})\n"
             "ar_slice = ar_big.slice(3, 4)\n"
             "ar_chunks = pa.concat_tables([ar_big.slice(0, 2), ar_big.slice(5, 3)])\n"
             "%py2jl ar_slice ar_chunks")
    assert jl(arrow, "collect(ar_slice.x), collect(ar_slice.s)") == (
        '([3, 4, 5, 6], ["333", "4444", "55555", "666666"])')
    assert jl(arrow, "collect(ar_chunks.x), ar_chunks.s[4], length(ar_chunks.s)") == \
        '([0, 1, 5, 6, 7], "666666", 5)'


def test_polars_frames_and_series_cross_with_string_views(arrow):
    arrow.ok("ar_pl = pl.DataFrame({'x': [1, None, 3],\n"
             "                      's': ['short', None, 'a string of more than twelve']})\n"
             "ar_series = pl.Series('v', [0.5, 1.5])\n%py2jl ar_pl ar_series")
    assert jl(arrow, "collect(ar_pl.x), collect(ar_pl.s)") == (
        '(Union{Missing, Int64}[1, missing, 3], Union{Missing, String}["short", missing, '
        '"a string of more than twelve"])')
    assert jl(arrow, "collect(ar_series), 0") == "([0.5, 1.5], 0)"


def test_pandas_columns_backed_by_arrow_cross_by_arrow_and_numpy_ones_as_before(arrow):
    arrow.ok("ar_pd = pd.DataFrame({'x': [1.0, 2.0], 's': pd.array(['a', None], dtype='string[pyarrow]'),\n"
             "                      'o': pd.Series(['a', 'b'], dtype=object)})")
    assert arrow.ok("%py2jl ar_pd").stream().endswith("columns x, s shared; o copied\n")
    assert jl(arrow, "collect(ar_pd.s), ar_pd.s isa Vector, ar_pd.o") == \
        '(Union{Missing, String}["a", missing], false, ["a", "b"])'
    arrow.ok("%julia ar_pd.x[1] = 5.0")  # (numpy's memory, the frame's own, as before)
    assert arrow.ok("ar_pd['x'].tolist()").result == "[5.0, 2.0]"


def test_dictionary_encoded_columns_read_as_their_values(arrow):
    arrow.ok("ar_dict = pa.table({'c': pa.array(['a', 'b', None, 'a']).dictionary_encode(),\n"
             "                    'n': pa.array([10, 20, 10, 30]).dictionary_encode()})\n"
             "ar_cat = pl.DataFrame({'k': pl.Series(['x', 'y', 'x'], dtype=pl.Categorical)})\n"
             "%py2jl ar_dict ar_cat")
    assert jl(arrow, "collect(ar_dict.c), collect(ar_dict.n), collect(ar_cat.k)") == \
        '(Union{Missing, String}["a", "b", missing, "a"], [10, 20, 10, 30], ["x", "y", "x"])'
    assert arrow.ok("%jl2py --arrow ar_dict=ar_dict_back").stream().endswith(
        "c, n laid out in Arrow's layout (copied)\n")
    assert arrow.ok("ar_dict_back.column('c').to_pylist()").result == "['a', 'b', None, 'a']"
    # (pyarrow builds indices past the dictionary when told not to check: reading one is an error.)
    arrow.ok("ar_past = pa.table({'c': pa.DictionaryArray.from_arrays(pa.array([0, 5]), pa.array(['a']), "
             "safe=False)})\n%py2jl ar_past")
    assert jl(arrow, "ar_past.c[1]") == '"a"'
    assert arrow.execute("%julia ar_past.c[2]").errors[0]["ename"] == "BoundsError"
    assert jl(arrow, "ar_sum = 1 + 1") == "2"  # (the worker is fine)


def test_what_julia_does_not_read_yet_crosses_as_before(arrow):
    arrow.ok("ar_lists = pa.table({'l': [[1], [2, 3]]})")
    assert arrow.ok("%py2jl ar_lists").stream() == "ar_lists -> Julia Py (pyarrow.lib.Table), proxy\n"


def test_malformed_arrow_data_from_an_unknown_producer_is_an_error(arrow):
    arrow.ok("ar_offsets = pa.py_buffer(pa.array([0, 3, 1], pa.int32()).buffers()[1])\n"
             "ar_bad_strings = pa.StringArray.from_buffers(2, ar_offsets, pa.py_buffer(b'abc'))\n"
             "class Producer:\n"
             "    def __arrow_c_stream__(self, requested_schema=None):\n"
             "        return pa.table({'s': ar_bad_strings}).__arrow_c_stream__(requested_schema)\n"
             "ar_bad = Producer()")
    result = arrow.execute("%py2jl ar_bad")
    assert result.errors[0]["ename"] == "BridgeError"
    assert "ar_bad" in result.errors[0]["evalue"] and "Arrow data is malformed" in result.errors[0]["evalue"]
    assert jl(arrow, "isdefined(Main, :ar_bad)") == "false"


def test_the_buffers_live_while_julia_uses_them_and_are_released_after(arrow):
    arrow.ok("ar_base = pa.total_allocated_bytes()\n"
             "ar_life = pa.table({'x': pa.array(range(10**6), pa.float64())})\n%py2jl ar_life\n"
             "del ar_life\ngc.collect()")
    assert jl(arrow, "sum(ar_life.x) == 499999500000.0") == "true"
    jl(arrow, "(ar_life = nothing; GC.gc(); GC.gc(); 0)")
    assert arrow.ok("pa.total_allocated_bytes() - ar_base < 10**6").result == "True"


def test_copy_gives_julia_vectors(arrow):
    arrow.ok("ar_c = pa.table({'x': [1.0, 2.0], 's': ['a', 'b']})")
    assert arrow.ok("%py2jl --copy ar_c").stream().endswith("columns copied\n")
    assert jl(arrow, "typeof(ar_c.x), typeof(ar_c.s)") == "(Array{Float64,1}, Array{String,1})"


def test_a_julia_column_table_exports_arrow_with_its_numeric_columns_shared(arrow):
    arrow.ok("%%julia\nar_jt = (x = [1.5, 2.5, 3.5], n = [1, 2, 3], s = [\"a\", \"bé\", missing],\n"
             "    b = [true, false, true], m = [1, missing, 3], d = [Dates.Date(2024, 1, 2), "
             "Dates.Date(1969, 12, 31), Dates.Date(1970)],\n"
             "    t = [Dates.DateTime(2024, 1, 2, 3, 4, 5), Dates.DateTime(1970), "
             "Dates.DateTime(1969, 12, 31)])")
    arrow.ok("from juliacall import Main as jl\nar_pa = pa.table(jl.ar_jt)\nar_po = pl.DataFrame(jl.ar_jt)")
    assert arrow.ok("ar_pa.slice(0, 2).to_pydict()").result == (
        "{'x': [1.5, 2.5],\n 'n': [1, 2],\n 's': ['a', 'bé'],\n 'b': [True, False],\n 'm': [1, None],\n"
        " 'd': [datetime.date(2024, 1, 2), datetime.date(1969, 12, 31)],\n"
        " 't': [datetime.datetime(2024, 1, 2, 3, 4, 5),\n  datetime.datetime(1970, 1, 1, 0, 0)]}")
    assert arrow.ok("print(*ar_pa.schema.types)").stream() == \
        "double int64 large_string bool int64 date32[day] timestamp[ms]\n"
    assert arrow.ok("ar_po['s'].to_list(), ar_po['x'].sum(), ar_po['m'].null_count()").result == \
        "(['a', 'bé', None], 7.5, 1)"
    address = jl(arrow, "Int(UInt(pointer(ar_jt.x)))")
    assert arrow.ok("ar_pa.column('x').chunks[0].buffers()[1].address").result == address
    assert arrow.ok("ar_po['x'].to_arrow().buffers()[1].address").result == address
    # (Julia's memory outlives Julia's name for it while pyarrow holds it.)
    jl(arrow, "(ar_jt = nothing; GC.gc(); 0)")
    assert arrow.ok("gc.collect(); ar_pa.column('x').to_pylist()").result == "[1.5, 2.5, 3.5]"


def test_arrow_from_python_goes_back_as_its_own_buffers(arrow):
    arrow.ok("ar_own = pa.table({'x': [1.0, None], 's': ['u', 'wé'], 'v': pa.array(['a', 'b' * 20], "
             "pa.string_view())})\n%py2jl ar_own")
    assert arrow.ok("%jl2py --arrow ar_own=ar_back").stream() == \
        "ar_own -> Python pyarrow.Table (2 rows x 3 columns) as ar_back, columns x, s, v shared\n"
    assert arrow.ok("ar_back.equals(ar_own), str(ar_back.schema.field('v').type)").result == \
        "(True, 'string_view')"
    assert arrow.ok("[ar_back.column(c).chunks[0].buffers()[2].address == "
                    "ar_own.column(c).chunks[0].buffers()[2].address for c in 'sv']").result == "[True, True]"
    # (The Julia column keeps pyarrow's buffers alive for the new table, after both names are gone.)
    arrow.ok("del ar_own\ngc.collect()")
    jl(arrow, "(ar_own = nothing; GC.gc(); GC.gc(); 0)")
    assert arrow.ok("gc.collect(); ar_back.column('v').to_pylist()").result == "['a', 'bbbbbbbbbbbbbbbbbbbb']"


def test_jl2py_arrow_and_polars_say_what_is_shared(arrow):
    arrow.ok("%julia ar_m = (x = collect(1.0:4.0), s = [\"p\", \"q\", \"r\", \"s\"]); ar_v = [1, 2, 3]")
    assert arrow.ok("%jl2py --polars ar_m ar_v").stream() == (
        "ar_m -> Python polars.DataFrame (4 rows x 2 columns), columns x shared; "
        "s laid out in Arrow's layout (copied)\nar_v -> Python polars.Series (3 elements), shared\n")
    assert arrow.ok("ar_m['s'].to_list(), ar_v.sum()").result == "(['p', 'q', 'r', 's'], 6)"
    assert arrow.ok("%jl2py --arrow ar_v").stream() == \
        "ar_v -> Python pyarrow.ChunkedArray (3 elements), shared\n"
    error = arrow.execute("%jl2py --arrow ar_v ar_nope").errors[0]
    assert (error["ename"], error["evalue"]) == ("BridgeError", "ar_nope: no such Julia variable")
    error = arrow.execute("%julia ar_f = sin\n%jl2py --arrow ar_f").errors[0]
    assert "ar_f: only a column table or a vector crosses as Arrow data, not a typeof(sin)" in error["evalue"]
    error = arrow.execute("%julia ar_any = Any[1, \"a\"]\n%jl2py --arrow ar_any").errors[0]
    assert "a column of Any has no Arrow layout" in error["evalue"]


def test_exports_are_released_once_python_lets_go(arrow):
    pinned = "length(MetapolyWorker.Convert.PINNED)"
    arrow.ok("gc.collect()")
    before = jl(arrow, pinned)
    arrow.ok("%julia ar_rel = (x = rand(1000), s = fill(\"z\", 1000))")
    arrow.ok("ar_rel = [pa.table(jl.ar_rel), pl.DataFrame(jl.ar_rel), pa.record_batch(jl.ar_rel)]\n"
             "ar_rel_schema = jl.ar_rel.__arrow_c_stream__()")  # (a capsule never read)
    assert int(jl(arrow, pinned)) > int(before)
    arrow.ok("del ar_rel, ar_rel_schema\ngc.collect()")
    assert jl(arrow, pinned) == before


def test_a_julia_vector_exports_arrow_and_other_values_say_they_cannot(arrow):
    assert arrow.ok("pa.chunked_array(jl.seval('[1.0, missing, 3.0]')).to_pylist()").result == \
        "[1.0, None, 3.0]"
    assert arrow.ok("pa.chunked_array(jl.seval('[\"x\", \"\", \"ωz\"]')).to_pylist()").result == \
        "['x', '', 'ωz']"
    assert arrow.ok("pa.array(jl.seval('Int32[4, 5]')).type, pl.Series(jl.seval('[true, false]')).to_list()"
                    ).result == "(DataType(int32), [True, False])"
    error = arrow.execute("pa.table(jl.seval('r\"x\"'))").errors[0]
    assert "only a column table or a vector crosses as Arrow data" in error["evalue"]


def test_pyconvert_reads_arrow_as_py2jl_does(arrow):
    arrow.ok("ar_pc = pa.table({'x': [1.0, 2.0], 's': ['a', None]})\nar_ps = pl.Series([1, 2, 3])")
    assert arrow.ok("%%julia\nusing PythonCall\nar_t = pyconvert(NamedTuple, pyeval(\"ar_pc\", Main))\n"
                    "collect(ar_t.s), ar_t.x isa Vector,\n"
                    "sum(pyconvert(AbstractVector, pyeval(\"ar_ps\", Main))),\n"
                    "keys(pyconvert(Any, pyeval(\"ar_pc\", Main)))").result == \
        '(Union{Missing, String}["a", missing], false, 6, (:x, :s))'
    error = arrow.execute("%julia pyconvert(NamedTuple, pyeval(\"ar_ps\", Main))").errors[0]
    assert "cannot convert" in error["evalue"].lower()


def test_arrow_strings_are_read_in_place(arrow):
    arrow.ok("ar_str = pa.table({'s': ['apple', None, 'a longer string here', 'bé']})\n"
             "ar_sv = pl.Series(['apple', 'a longer string of views'])\n%py2jl ar_str ar_sv")
    assert arrow.ok("%%julia\nar_v = arrow_strings(ar_str.s)\n"
                    "ar_v[1], ar_v[2], ar_v[3] == \"a longer string here\",\n"
                    "length(ar_v[4]), collect(ar_v[4]), eltype(ar_v)").result == \
        "(\"apple\", missing, true, 2, ['b', 'é'], Union{Missing, ArrowString})"
    assert jl(arrow, "arrow_strings(ar_sv) == [\"apple\", \"a longer string of views\"]") == "true"
    # (No allocation per element: the strings are the column's bytes.)
    arrow.ok("%%julia\nfunction ar_long(v)\n    n = 0\n    for s in v\n"
             "        ismissing(s) || (ncodeunits(s) > 4 && s[1] == 'a' && (n += 1))\n    end\n    n\nend\n"
             "ar_allocated(v) = @allocated ar_long(v)")
    assert jl(arrow, "ar_long(arrow_strings(ar_str.s)), ar_allocated(arrow_strings(ar_str.s)), "
                     "ar_allocated(ar_str.s) > 0") == "(2, 0, true)"
    error = arrow.execute("%julia arrow_strings([1, 2])").errors[0]
    assert "arrow_strings takes a column of Arrow strings" in error["evalue"]


def test_pytable_makes_pyarrow_tables_and_polars_frames(arrow):
    assert arrow.ok("%%julia\nar_pt = pytable((x = [1.0, 2.0], s = [\"a\", \"b\"]), :pyarrow)\n"
                    "ar_pp = pytable((x = [1.0, 2.0],), :polars)\n"
                    "pyconvert(String, pytype(ar_pt).__name__), pyconvert(Float64, ar_pp[\"x\"].sum()),\n"
                    "pyconvert(Vector{String}, ar_pt.column(\"s\").to_pylist())").result == \
        '("Table", 3.0, ["a", "b"])'
