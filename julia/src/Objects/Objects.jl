"""
`Py`, a Julia object that owns one reference to a Python object, as PythonCall's `Py` does; Python
exceptions as Julia exceptions; the results of Python operations as Julia values where they are plain.
"""
module Objects

using ..Stdio
using ..C
using ..Runtime

export Py, pynew, pycopy!, getptr, with_py, py_type_name, take_result

include("py.jl")
include("results.jl")

end
