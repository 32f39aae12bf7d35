# Every wrapper is its Python object wherever one is expected: `ispy(x)`, `Py(x)` (the very `Py` it
# wraps), `getptr(x)`, and as an argument of any `py*` function or Python call.

for W in (PyIterable, PyList, PySet, PyDict, PyArray, PyIO, PyPandasDataFrame)
    @eval begin
        Objects.ispy(::$W) = true
        Objects.Py(x::$W) = python_of(x)
        Objects.getptr(x::$W) = getptr(python_of(x))
        C.new_ref(x::$W) = incref(getptr(x))
    end
end
