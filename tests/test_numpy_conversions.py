"""PythonCall's conversions of numpy's, ctypes' and pandas' values in Julia cells (julia/src/Convert/numpy.jl,
ctypes.jl, pandas.jl), its `NumpyDates` (julia/src/NumpyDates), and `PyArray` over numpy's datetimes: numpy
scalars become Julia numbers of their own type, datetime64/timedelta64 NumpyDates' types (or Dates' when
asked), pandas' missing values `missing`, and NumpyDates' values numpy scalars again."""


def jl(kernel, code: str) -> str:
    return kernel.ok("%%julia\nusing PythonCall, Dates\nnp = pyimport(\"numpy\")\n" + code).result


def test_numpy_numbers_become_julia_numbers_of_their_own_type(kernel):
    assert jl(kernel, 'Tuple(typeof(pyconvert(Any, pygetattr(np, t)(1))) for t in ("bool_", "int8", '
                      '"uint16", "int32", "uint64", "float16", "float32", "float64", "complex64"))') == \
        "(Bool, Int8, UInt16, Int32, UInt64, Float16, Float32, Float64, Complex{Float32})"
    assert jl(kernel, "pyconvert(Any, np.float32(1.5)), pyconvert(Any, np.bool_(false)), "
                      "pyconvert(Any, np.uint8(200))") == "(1.5f0, false, 0xc8)"
    # Wider types take every value; other types the values that fit.
    assert jl(kernel, "pyconvert(Int, np.uint32(7)), pyconvert(Float64, np.float16(0.5)), "
                      "pyconvert(ComplexF64, np.complex64(pycomplex(1, 2))), "
                      "pyconvert(Integer, np.bool_(true)), pyconvert(Int, np.float64(3.0)), "
                      "pyconvert(Real, np.int16(-2))") == \
        "(7, 0.5, 1.0 + 2.0im, true, 3, -2)"
    refused = kernel.execute("%julia pyconvert(Int, np.uint64(2)^63)").errors[0]
    assert refused["ename"] == "ArgumentError" and "'uint64'" in refused["evalue"]
    # Julia functions called from Python get numpy's numbers as these types too.
    assert kernel.ok("import numpy as np\nfrom juliacall import Main as jl\n"
                     "str(jl.typeof(np.float32(1))), str(jl.typeof(np.bool_(True)))").result == \
        "('Float32', 'Bool')"


def test_datetime64_and_timedelta64_become_numpydates_values(kernel):
    assert jl(kernel, "ND = PythonCall.NumpyDates; "
                      'd = pyconvert(Any, np.datetime64("2020-01-02T03:04:05", "s")); '
                      "(typeof(d), Dates.value(d), DateTime(d))") == \
        '(PythonCall.NumpyDates.DateTime64, 1577934245, DateTime("2020-01-02T03:04:05"))'
    assert jl(kernel, 't = pyconvert(Any, np.timedelta64(3, "15m")); (t, Minute(t))') == \
        "(PythonCall.NumpyDates.TimeDelta64(3, (PythonCall.NumpyDates.MINUTES, 15)), Minute(45))"
    # Dates' types and the inline types when asked for; NaT is `missing` or `nothing` only when asked for.
    assert jl(kernel, 'pyconvert(Date, np.datetime64("1999-12-31")), '
                      'pyconvert(Second, np.timedelta64(2, "m")), '
                      'pyconvert(ND.InlineDateTime64{ND.SECONDS}, np.datetime64(1500, "ms"))') == \
        '(Date("1999-12-31"), Second(120), PythonCall.NumpyDates.InlineDateTime64{' \
        'PythonCall.NumpyDates.SECONDS}("1970-01-01T00:00:01"))'
    assert jl(kernel, 'nat = np.datetime64("NaT"); (isnan(pyconvert(Any, nat)), pyconvert(Missing, nat), '
                      'pyconvert(Nothing, np.timedelta64("NaT")), '
                      'pyconvert(Union{Missing,DateTime}, np.datetime64("NaT", "s")))') == \
        "(true, missing, nothing, missing)"
    refused = kernel.execute('%julia pyconvert(DateTime, np.datetime64("NaT", "s"))').errors[0]
    assert refused["ename"] == "ArgumentError"
    assert jl(kernel, 'pyconvert(Minute, np.timedelta64(90, "s"), :inexact)') == ":inexact"


def test_numpydates_values_become_numpy_scalars(kernel):
    assert jl(kernel, 'pyrepr(String, Py(ND.DateTime64(Date(2000, 1, 2), :D))), '
                      'pyrepr(String, Py(ND.InlineTimeDelta64{(ND.MINUTES, 15)}(2))), '
                      'pyrepr(String, Py(ND.TimeDelta64("NaT", :s)))') == \
        "(\"np.datetime64('2000-01-02')\", \"np.timedelta64(2,'15m')\", \"np.timedelta64('NaT','s')\")"
    assert jl(kernel, 'x = ND.DateTime64(5, (:s, 5)); pyconvert(Any, Py(x)) == x, '
                      'pyconvert(Any, Py(ND.TimeDelta64(3, :us))) == ND.TimeDelta64(3, :us)') == \
        "(true, true)"


def test_numpydates_print_as_pythoncall_prints_them(kernel):
    shown = kernel.ok('%julia ND.TimeDelta64(3, :s)').result
    assert shown == "PythonCall.NumpyDates.TimeDelta64(3, PythonCall.NumpyDates.SECONDS)"
    assert jl(kernel, 'repr([ND.InlineDateTime64{ND.DAYS}(1)]), string(ND.DateTime64("NaT", :D))') == \
        '("PythonCall.NumpyDates.InlineDateTime64{PythonCall.NumpyDates.DAYS}[\\"1970-01-02\\"]", ' \
        '"PythonCall.NumpyDates.DateTime64(\\"NaT\\", PythonCall.NumpyDates.DAYS)")'


def test_ctypes_values_convert_by_their_c_types(kernel):
    assert jl(kernel, 'ct = pyimport("ctypes"); pyconvert(Int, ct.c_uint(5)), pyconvert(Float64, '
                      "ct.c_float(1.5)), pyconvert(Cint, ct.c_int(-3)), "
                      "pyconvert(Number, ct.c_double(2.5))") == "(5, 1.5, -3, 2.5)"
    assert jl(kernel, 'p = pyconvert(Any, ct.c_char_p(b"hi")); (typeof(p), unsafe_string(p)), '
                      "pyconvert(Ptr{Cvoid}, ct.c_void_p(16))") == \
        '((Cstring, "hi"), Ptr{Nothing} @0x0000000000000010)'


def test_pandas_missing_values_become_missing(kernel):
    assert jl(kernel, 'pd = pyimport("pandas"); pyconvert(Any, pd.NA), pyconvert(Any, pd.NaT), '
                      "pyconvert(Nothing, pd.NA), pyconvert(Union{Nothing,Int}, pd.NaT)") == \
        "(missing, missing, nothing, nothing)"


def test_a_pyarray_over_numpy_datetimes(kernel):
    kernel.ok("import numpy as np\nnd_a = np.array(['2020-01-01', 'NaT', '1999-12-31'], dtype='M8[D]')\n"
              "nd_t = np.array([1, 2], dtype='m8[15m]')")
    assert jl(kernel, "a = pyconvert(Any, pyget(Py, :nd_a)); eltype(a), Date(a[1]), isnan(a[2])") == \
        '(PythonCall.NumpyDates.InlineDateTime64{PythonCall.NumpyDates.DAYS}, Date("2020-01-01"), true)'
    assert jl(kernel, "t = PyArray(pyget(Py, :nd_t)); eltype(t), Minute.(t)") == \
        "(PythonCall.NumpyDates.InlineTimeDelta64{(PythonCall.NumpyDates.MINUTES, 15)}, " \
        "[Minute(15), Minute(30)])"
    # Writes go to numpy's memory: anything that converts to the element type.
    jl(kernel, "a[2] = Date(2000, 1, 1); a[3] = ND.DateTime64(Date(2021, 6, 1), :D); t[1] = Minute(45)")
    assert kernel.ok("[str(d) for d in nd_a], nd_t.tolist()[0]").result == \
        "(['2020-01-01', '2000-01-01', '2021-06-01'], datetime.timedelta(seconds=2700))"
    assert jl(kernel, "pyconvert(Vector{Date}, pyget(Py, :nd_a)) == "
                      "[Date(2020, 1, 1), Date(2000, 1, 1), Date(2021, 6, 1)]") == "true"
    # A record's datetime fields are read where they lie.
    assert jl(kernel, 'r = PyArray(np.zeros(1, dtype=pylist([("when", "<M8[s]"), ("n", "<i8")]))); '
                      "Dates.value(r[1].when), r[1].n") == "(0, 0)"
