"""
The metapoly worker: one Julia process that runs Julia cells in `Main` and hosts CPython in the same
address space for Python cells. It knows nothing of Jupyter; it answers framed requests from the front end
on a private Unix-domain socket.
"""
module MetapolyWorker

# Ordered so that each file only uses what the files above it define.
include("compat.jl")
include("log.jl")
include("json.jl")
include("protocol.jl")
include("stdio.jl")
include("user_input.jl")
include("interrupts.jl")
include("python_capi.jl")
include("python_runtime.jl")
include("julia_output.jl")
include("py_object.jl")
include("bridge.jl")
include("moves.jl")
include("numpy_buffer.jl")
include("py_interface.jl")
include("display.jl")
include("code_assist.jl")
include("execute.jl")
include("api.jl")
include("julia_object.jl")
include("comms.jl")
include("history_request.jl")
include("comm_request.jl")
include("execute_request.jl")
include("bridge_request.jl")
include("code_assist_request.jl")
include("variables_request.jl")
include("handlers.jl")
include("worker.jl")
include("precompile.jl")

end
