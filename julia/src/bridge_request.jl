# py2jl_request and jl2py_request: bind variables of one language in the other, all or nothing.

"""
    py2jl_request(frame) -> reply

Bind Python variables in `Main`. `frame["names"]` holds `[python_name, julia_name]` pairs; `frame["copy"]`
forces independent copies. The reply's `lines` say what each variable became.
"""
py2jl_request(frame::Frame) = interruptible_bridge(() -> bind_python_variables(frame))

function bind_python_variables(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    try
        python_ready() || throw(BridgeError(PYTHON_STATUS[]))
        check_julia_names(last.(pairs))
        values = with_gil() do
            result = parse_json(py_call_string(PY_RUNTIME["py2jl"], json(first.(pairs)), get(frame, "copy", false)))
            haskey(result, "error") && throw(BridgeError(result["error"]))
            bind_in_julia(last.(pairs), result["values"])
        end
        lines = [report_line(src, dst, "Julia", julia_summary(value), value isa Py ? "proxy" : shared)
                 for ((src, dst), (value, shared)) in zip(pairs, values)]
        return Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        return error_reply("BridgeError", err.message)
    end
end

"""
    jl2py_request(frame) -> reply

Bind Julia variables of `Main` in Python's `__main__`: the mirror image of `py2jl_request`.
"""
jl2py_request(frame::Frame) = interruptible_bridge(() -> bind_julia_variables(frame))

function bind_julia_variables(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    try
        missing_names = [src for (src, _) in pairs if !julia_global_exists(src)]
        isempty(missing_names) ||
            throw(BridgeError(join(["$n: no such Julia variable" for n in missing_names], "; ")))
        values = [dst => getfield(Main, Symbol(src)) for (src, dst) in pairs]
        summaries, descriptions = bind_in_python(values, get(frame, "copy", false); sources=first.(pairs))
        # (A DataFrame's summary says itself which columns are shared.)
        how(d) = d["t"] == "jlobject" ? "proxy" : d["t"] == "table" ? "" : get(d, "shared", false)
        lines = [report_line(src, dst, "Python", summary, how(d))
                 for ((src, dst), summary, d) in zip(pairs, summaries, descriptions)]
        return Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        return error_reply("BridgeError", err.message)
    end
end

# A conversion of a big container runs as user code: the stop button stops it, and nothing is bound.
function interruptible_bridge(convert)
    try
        return running_user_code(convert)
    catch err
        err isa InterruptException || rethrow()
        return error_reply("BridgeError", "interrupted: nothing was bound")
    end
end

# `how`: true (shared), false (copied), or words ("proxy", "columns a shared; b copied", "" for none).
report_line(src, dst, language, summary, how) =
    string(src, " -> ", language, " ", summary, dst == src ? "" : " as $dst",
           how === true ? ", shared" : how === false ? ", copied" : isempty(how) ? "" : ", $how")
