# py2jl_request and jl2py_request: bind variables of one language in the other, all or nothing (moves.jl).

"""
    py2jl_request(frame) -> reply

Bind Python variables in `Main`. `frame["names"]` holds `[python_name, julia_name]` pairs; `frame["copy"]`
forces independent copies. The reply's `lines` say what each variable became.
"""
py2jl_request(frame::Frame) = move_reply(move_to_julia, frame)

"""
    jl2py_request(frame) -> reply

Bind Julia variables of `Main` in Python's `__main__`: the mirror image of `py2jl_request`.
"""
jl2py_request(frame::Frame) = move_reply(move_to_python, frame)

# A conversion of a big container runs as user code: the stop button stops it, and nothing is bound.
function move_reply(move, frame::Frame)
    pairs, copy = [(String(p[1]), String(p[2])) for p in frame["names"]], get(frame, "copy", false)
    try
        return Dict("status" => "ok", "lines" => running_user_code(() -> move(pairs, copy)))
    catch err
        err isa InterruptException && return failure_reply("BridgeError", "interrupted: nothing was bound")
        err isa BridgeError || rethrow()
        return failure_reply("BridgeError", err.message)
    end
end
