"""
The embedded Python's runtime (the package `_metapoly_worker` in `python/`): starting it and calling the
entry points it offers Julia (julia/INSIDE.md lists them); Julia's output handed to it once it runs.
"""
module Runtime

using ..Utils
using ..Wire
using ..Stdio
using ..C

export ENTRY_POINTS, start_python, python_ready, python_status, runtime_call, runtime_ref, runtime_global,
       python_user_code, begin_python_request, end_python_request, route_output_through_python,
       python_output_event, import_worker_package

include("python_runtime.jl")
include("julia_output.jl")

end
