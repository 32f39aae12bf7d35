# history_request and record_request: the history of cells in both languages, kept by the embedded
# Python's IPython (see _metapoly_worker/history.py). Without Python there is no history.

"""
    record_cell(code, options)

Store a cell IPython does not run (a Julia cell) in the history as cell `options["cell"]`, its text as
typed being `options["raw"]` (or `code`), unless `options["store_history"]` is false.
"""
function record_cell(code::AbstractString, options::AbstractDict)
    python_ready() || return nothing
    runtime_call(:record, code, json(options))
    return nothing
end

"""
    record_request(frame) -> reply

Store a cell that made no other request (one of metapoly's magics, `%py2jl x`): `frame.body` is its text.
"""
function record_request(frame::Frame)
    record_cell(String(frame.body), frame.header)
    return Dict{String,Any}("status" => "ok")
end

"""
    history_request(frame) -> reply

Jupyter's history_request, whose content's fields are the frame's: `history`, the `[session, line, input]`
entries asked for, as ipykernel answers.
"""
function history_request(frame::Frame)
    python_ready() || return Dict{String,Any}("status" => "ok", "history" => [])
    return runtime_call(:history_query, json(frame.header))
end
