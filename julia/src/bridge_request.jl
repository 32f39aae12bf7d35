# py2jl_request and jl2py_request: bind variables of one language in the other, all or nothing.

"""
    py2jl_request(frame)

Bind Python variables in `Main`. `frame["names"]` holds `[python_name, julia_name]` pairs; `frame["copy"]`
forces independent copies. The reply's `lines` say what each variable became.
"""
function py2jl_request(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    reply = try
        python_ready() || throw(BridgeError(PYTHON_STATUS[]))
        check_julia_names([dst for (_, dst) in pairs])
        values = with_gil() do
            result = parse_json(py_call_string(PY_RUNTIME["py2jl"], json(first.(pairs)), get(frame, "copy", false)))
            haskey(result, "error") && throw(BridgeError(result["error"]))
            [from_description(d) for d in result["values"]]
        end
        lines = String[]
        for ((src, dst), (value, shared)) in zip(pairs, values)
            set_global!(Main, Symbol(dst), value)
            push!(lines, report_line(src, dst, "Julia", julia_summary(value), shared))
        end
        Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        error_reply("BridgeError", err.message)
    end
    send_reply(frame, "py2jl_reply", json(reply))
end

function check_julia_names(names)
    bad = [n for n in names if !valid_julia_name(n)]
    isempty(bad) || throw(BridgeError(join(["$n: not a valid Julia variable name" for n in bad], "; ")))
    problems = String[]
    for n in names
        sym = Symbol(n)
        isdefined(Main, sym) || continue
        owner = Base.binding_module(Main, sym)
        if owner !== Main
            push!(problems, "$n: already names $owner.$n in Julia; choose another name, e.g. $n=$(n)_py")
        elseif isconst(Main, sym)
            push!(problems, "$n: a Julia constant, it cannot be rebound")
        end
    end
    isempty(problems) || throw(BridgeError(join(problems, "; ")))
end

"""
    jl2py_request(frame)

Bind Julia variables of `Main` in Python's `__main__`: the mirror image of `py2jl_request`.
"""
function jl2py_request(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    copy = get(frame, "copy", false)
    pinned = Int[]
    reply = try
        python_ready() || throw(BridgeError(PYTHON_STATUS[]))
        missing_names = [src for (src, _) in pairs if !valid_julia_name(src) || !isdefined(Main, Symbol(src))]
        isempty(missing_names) ||
            throw(BridgeError(join(["$n: no such Julia variable" for n in missing_names], "; ")))
        descriptions = map(pairs) do (src, dst)
            try
                [dst, to_description(getfield(Main, Symbol(src)), copy, pinned)]
            catch err
                err isa BridgeError ? throw(BridgeError("$src: $(err.message)")) : rethrow()
            end
        end
        result = with_gil(() -> parse_json(py_call_string(PY_RUNTIME["jl2py"], json(descriptions))))
        haskey(result, "error") && throw(BridgeError(result["error"]))
        lines = [report_line(src, dst, "Python", summary, get(d[2], "shared", false))
                 for ((src, dst), summary, d) in zip(pairs, result["summaries"], descriptions)]
        Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        foreach(h -> delete!(PINNED, h), pinned)
        error_reply("BridgeError", err.message)
    end
    send_reply(frame, "jl2py_reply", json(reply))
end

report_line(src, dst, language, summary, shared) =
    string(src, " -> ", language, " ", summary, dst == src ? "" : " as $dst", shared ? ", shared" : ", copied")
