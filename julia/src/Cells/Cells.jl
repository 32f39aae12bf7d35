"""
Julia cells as the REPL and IJulia run them: evaluation in `Main` with tracebacks of the user's frames,
`?help` and `;shell` cells; what the editor asks while the user types (completion, inspection,
whether the code is complete).
"""
module Cells

import REPL
using ..Utils
using ..Stdio
using ..Objects
using ..Display
using ..JlWrap

export run_julia_cell, exception_reply, complete_julia, inspect_julia, help_julia, is_complete_julia

include("cell_variables.jl")
include("execute.jl")
include("code_assist.jl")

end
