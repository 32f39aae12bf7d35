"""
PythonCall's wrappers: Julia types that are live views of Python objects, read and written through
Python. `PyList` is an `AbstractVector` over a Python sequence, `PySet` an `AbstractSet`, `PyDict` an
`AbstractDict`, `PyIterable` an iterator, `PyArray` an `AbstractArray` sharing the memory of anything that
exports a buffer or numpy's array interface, `PyIO` an `IO` stream, `PyPandasDataFrame` (a `PyTable`) a
column table. Each holds its Python object: `ispy(x)` is true, `Py(x)` is that object and every `py*`
function takes the wrapper for it. `init_wrap()` registers their conversion rules, as PythonCall does.
"""
module Wrap

using Serialization
using ..C
using ..Objects
using ..Convert
using ..NumpyDates
using ..NumpyDates: UNBOUND_UNITS   # (public, not exported: as in PythonCall)

export PyIterable, PyList, PySet, PyDict, PyArray, PyIO, PyTable, PyPandasDataFrame, pytable, istable,
       columnnames, columns, getcolumn, init_wrap

include("items.jl")
include("iterable.jl")
include("list.jl")
include("set.jl")
include("dict.jl")
include("array_eltypes.jl")
include("array_sources.jl")
include("array.jl")
include("io.jl")
include("table.jl")
include("pytable.jl")
include("python_object.jl")
include("rules.jl")

end
