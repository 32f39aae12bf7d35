"""
What Julia cells use of Python, with PythonCall's names where it has them: `Py` objects' operations,
`pyimport`, `pybuiltins`, `pyconvert`; `pyeval`, `pyget`, `pyset!`, `py"..."`; Jupyter comms.
"""
module API

using Base64
using ..Utils
using ..Stdio
using ..C
using ..Runtime
using ..Objects
using ..Convert

export Py, PyException, pyimport, pybuiltins, pyconvert, init_pybuiltins, pyeval, pyget, pyset!, @py_str,
       Comm, send_comm, close_comm, comm_target

include("py_interface.jl")
include("api.jl")
include("comms.jl")

end
