# complete_request, inspect_request and is_complete_request: what the editor asks while the user types,
# answered by the cell's language. The code is the frame's body; `cursor` counts characters.

"""
    complete_request(frame) -> reply

Completions at `frame["cursor"]` of the code, in `frame["language"]`: a `complete_reply` with `matches`,
`cursor_start`, `cursor_end` and `metadata`.
"""
function complete_request(frame::Frame)
    code, cursor = String(frame.body), Int(get(frame, "cursor", 0))
    if frame["language"] == "python"
        python_ready() && return runtime_call(:complete, code, cursor)
        return completion_reply(String[], cursor, cursor)
    end
    return completion_reply(complete_julia(code, cursor)...)
end

completion_reply(matches, start, stop) =
    Dict("matches" => matches, "cursor_start" => start, "cursor_end" => stop, "metadata" => Dict())

"""
    inspect_request(frame) -> reply

The documentation of the name at `frame["cursor"]` in `frame["language"]`: an `inspect_reply` with `found`
and `data` (a MIME bundle). With `frame["help"]`, the code is a name asked for with `?name`: Julia answers
as the REPL's help mode does.
"""
function inspect_request(frame::Frame)
    code, cursor, detail = String(frame.body), Int(get(frame, "cursor", 0)), Int(get(frame, "detail", 0))
    if frame["language"] == "python"
        python_ready() && return runtime_call(:inspect, code, cursor, detail)
        return Dict("found" => false, "data" => Dict())
    end
    # (Help mode evaluates the expression it builds, as in the REPL: it may be interrupted.)
    data = get(frame, "help", false) ? running_user_code(() -> help_julia(code)) :
        inspect_julia(code, cursor, detail)
    return Dict("found" => data !== nothing, "data" => something(data, Dict()))
end

"""
    is_complete_request(frame) -> reply

Whether the Julia code is ready to run: an `is_complete_reply` with `status` and `indent`.
"""
function is_complete_request(frame::Frame)
    status, indent = is_complete_julia(String(frame.body))
    return Dict("status" => status, "indent" => indent)
end
