"""
metapoly's own API for Julia cells, beside PythonCall's: `pyget`, `pyset!` and `py"..."` with the friendly
conversions of `%py2jl` and `%jl2py`, and Jupyter comms.
"""
module API

using Base64
using ..Utils
using ..Stdio
using ..C
using ..Runtime
using ..Objects
using ..Convert

export pyget, pyset!, @py_str, Comm, send_comm, close_comm, comm_target

include("api.jl")
include("comms.jl")

end
