"""
Julia values shown as Jupyter shows them: MIME bundles of every representation a value has, `display(x)`
in a cell, and `clear_output`.
"""
module Display

using Base64
using ..Utils
using ..Wire
using ..Stdio
using ..Runtime
using ..Objects

export mime_bundle, display_bundle, python_bundle, plain_text, display_context, WorkerDisplay, clear_output

include("display.jl")

end
