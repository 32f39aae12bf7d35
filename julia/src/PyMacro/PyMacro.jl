"""
PythonCall's `@py`: Julia syntax read with Python's meaning. The macro lowers its code to calls of the
`py*` functions of Objects (`x + y` is `pyadd(x, y)`, `f(a; k=v)` a Python call, `x.k` `pygetattr`),
with its literals made Python objects once and the Python objects it only uses once released as soon as
they have been used.
"""
module PyMacro

using ..Utils
using ..C: PyException
using ..Objects

export @py

include("names.jl")        # Python's builtin names, and the operators PythonCall's functions answer
include("runtime.jl")      # what the lowered code calls
include("lowering.jl")     # expressions
include("statements.jl")   # statements and control flow
include("macros.jl")       # `@jl`, `@del`, `@compile`, `@exec`, `@eval` inside `@py`
include("py_macro.jl")     # `@py` itself

end
