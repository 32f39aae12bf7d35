"""
The requests the front end makes (julia/PROTOCOL.md), one file per request, each handler named after it
and returning its reply; dispatched through one table (handlers.jl), which serves a request and sends its
reply after all its output.
"""
module Requests

using ..Utils
using ..Wire
using ..Stdio
using ..Runtime
using ..Objects
using ..Convert
using ..Display
using ..Cells

export HANDLERS, reply_to, handle, remember_startup_names

include("history_request.jl")
include("comm_request.jl")
include("execute_request.jl")
include("bridge_request.jl")
include("code_assist_request.jl")
include("variables_request.jl")
include("debug_request.jl")
include("handlers.jl")

end
