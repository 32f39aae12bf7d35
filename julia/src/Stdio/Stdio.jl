"""
What user code meets of the front end while it runs: `stdout` and `stderr` captured and sent as the
request's output, `stdin` answered by the notebook's user, and interrupts of the running code.
"""
module Stdio

using ..Utils
using ..Wire

export capture_stdio, route_output!, send_pending, sync_output, with_request_tag, install_stdin,
       ask_lines_from!, deliver_input_reply, StdinNotImplementedError, serve_from_this_task!,
       running_user_code, interrupt_user_code, ALSO_INTERRUPT

include("stdio.jl")
include("user_input.jl")
include("interrupts.jl")

end
