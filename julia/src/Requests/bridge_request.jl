# py2jl_request and jl2py_request: bind variables of one language in the other, all or nothing (moves.jl).

"""
    py2jl_request(frame) -> reply

Bind Python variables in `Main`. `frame["names"]` holds `[python_name, julia_name]` pairs; `frame["copy"]`
forces independent copies. The reply's `lines` say what each variable became.
"""
py2jl_request(frame::Frame) = move_reply("julia", frame)

"""
    jl2py_request(frame) -> reply

Bind Julia variables of `Main` in Python's `__main__`: the mirror image of `py2jl_request`;
`frame["library"]` ("pyarrow", "polars") asks for that library's tables, through Arrow.
"""
jl2py_request(frame::Frame) = move_reply("python", frame)

# A conversion of a big container runs as user code: the stop button stops it, and nothing is bound.
function move_reply(to, frame::Frame)
    try
        return Dict("status" => "ok", "lines" => running_user_code(() -> move_as_asked(to, frame)))
    catch err
        err isa InterruptException && return failure_reply("BridgeError", "interrupted: nothing was bound")
        err isa BridgeError || rethrow()
        return failure_reply("BridgeError", err.message)
    end
end
