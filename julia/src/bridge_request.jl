# py2jl_request and jl2py_request: bind variables of one language in the other, all or nothing. The
# binding helpers here also serve the in-code API (api.jl).

"""
    py2jl_request(frame)

Bind Python variables in `Main`. `frame["names"]` holds `[python_name, julia_name]` pairs; `frame["copy"]`
forces independent copies. The reply's `lines` say what each variable became.
"""
function py2jl_request(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    reply = try
        python_ready() || throw(BridgeError(PYTHON_STATUS[]))
        check_julia_names(last.(pairs))
        values = with_gil() do
            result = parse_json(py_call_string(PY_RUNTIME["py2jl"], json(first.(pairs)), get(frame, "copy", false)))
            haskey(result, "error") && throw(BridgeError(result["error"]))
            bind_in_julia(last.(pairs), result["values"])
        end
        lines = [report_line(src, dst, "Julia", julia_summary(value), shared)
                 for ((src, dst), (value, shared)) in zip(pairs, values)]
        Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        error_reply("BridgeError", err.message)
    end
    send_reply(frame, "py2jl_reply", json(reply))
end

"""
    jl2py_request(frame)

Bind Julia variables of `Main` in Python's `__main__`: the mirror image of `py2jl_request`.
"""
function jl2py_request(frame::Frame)
    pairs = [(String(p[1]), String(p[2])) for p in frame["names"]]
    reply = try
        missing_names = [src for (src, _) in pairs if !julia_global_exists(src)]
        isempty(missing_names) ||
            throw(BridgeError(join(["$n: no such Julia variable" for n in missing_names], "; ")))
        values = [dst => getfield(Main, Symbol(src)) for (src, dst) in pairs]
        summaries, descriptions = bind_in_python(values, get(frame, "copy", false); sources=first.(pairs))
        lines = [report_line(src, dst, "Python", summary, get(d, "shared", false))
                 for ((src, dst), summary, d) in zip(pairs, summaries, descriptions)]
        Dict("status" => "ok", "lines" => lines)
    catch err
        err isa BridgeError || rethrow()
        error_reply("BridgeError", err.message)
    end
    send_reply(frame, "jl2py_reply", json(reply))
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

julia_global_exists(name::AbstractString) = valid_julia_name(name) && isdefined(Main, Symbol(name))

"""
    bind_in_julia(names, descriptions) -> Vector{Tuple{Any,Bool}}

Build every value described by the Python side, then bind them all in `Main` (GIL held, names already
checked); returns each `(value, shared)`.
"""
function bind_in_julia(names, descriptions)
    values = [from_description(d) for d in descriptions]
    for (name, (value, _)) in zip(names, values)
        set_global!(Main, Symbol(name), value)
    end
    return values
end

"""
    bind_in_python(values, copy; sources) -> (summaries, descriptions)

Bind each `python_name => value` in `__main__`, all or nothing; `sources` name the values in errors.
Arrays pinned for a failed call are unpinned.
"""
function bind_in_python(values::Vector, copy::Bool; sources=first.(values))
    python_ready() || throw(BridgeError(PYTHON_STATUS[]))
    pinned = Int[]
    try
        descriptions = map(zip(sources, values)) do (src, (_, value))
            try
                to_description(value, copy, pinned)
            catch err
                err isa BridgeError ? throw(BridgeError("$src: $(err.message)")) : rethrow()
            end
        end
        pairs = [[dst, d] for ((dst, _), d) in zip(values, descriptions)]
        result = with_gil(() -> parse_json(py_call_string(PY_RUNTIME["jl2py"], json(pairs))))
        haskey(result, "error") && throw(BridgeError(result["error"]))
        return result["summaries"], descriptions
    catch
        foreach(h -> delete!(PINNED, h), pinned)
        rethrow()
    end
end

report_line(src, dst, language, summary, shared) =
    string(src, " -> ", language, " ", summary, dst == src ? "" : " as $dst", shared ? ", shared" : ", copied")
