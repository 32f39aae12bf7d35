"""
Julia seen from Python, as juliacall shows it: Julia values wrapped in juliacall's classes (`pyjl`,
`Py(x)` of every value Python has no type for) with their methods, Julia functions as Python functions
(`pyfunc`), and the `julia` object of Python cells. Python calls Julia through the C functions of this
layer: `julia_op` (entry.jl), `julia_callback` (julia_api.jl) and the buffer slots of `ArrayBuffer`
(buffer.jl); julia/INSIDE.md.
"""
module JlWrap

import Serialization
using ..Utils
using ..Stdio
using ..C
using ..Runtime
using ..Objects
using ..Convert
using ..Display

export pyjl, pyjltype, pyjlraw, pyisjl, pyjlvalue, pyfunc, pyclassmethod, pystaticmethod, pyproperty,
       pybinaryio, pytextio, PyObjectArray, PyObjectVector, PyObjectMatrix, callback_address, init_jlwrap,
       julia_value,
       pyjlbasetype, pyjlanytype, pyjlarraytype, pyjlvectortype, pyjldicttype, pyjlsettype, pyjlmoduletype,
       pyjltypetype, pyjlnumbertype, pyjlcomplextype, pyjlrealtype, pyjlrationaltype, pyjlintegertype,
       pyjliteratortype, pyjlrawtype, pyjlbinaryiotype, pyjltextiotype

include("values.jl")
include("calls.jl")
include("any.jl")
include("array.jl")
include("objectarray.jl")
include("buffer.jl")
include("collections.jl")
include("number.jl")
include("other.jl")
include("callback.jl")
include("julia_api.jl")
include("entry.jl")

end
