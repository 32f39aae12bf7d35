"""
Julia seen from Python cells: the entry points of Python's `julia` object and of its `JuliaObject`
proxies, which Python calls as C functions; Julia's errors raised as Python exceptions.
"""
module JlWrap

using ..Utils
using ..Stdio
using ..C
using ..Runtime
using ..Convert
using ..Display

export callback_address, julia_op_function

include("julia_api.jl")
include("julia_object.jl")

end
