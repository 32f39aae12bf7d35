# Moving named variables between the languages, all or nothing, with a line saying what each became: what
# %py2jl and %jl2py do, whether the front end asks (Requests/bridge_request.jl) or Python code does
# (JlWrap/julia_api.jl); binding values of the other language under names of one.

"""
    move_to_julia(pairs, copy) -> lines

Bind the Python variables `first.(pairs)` of `__main__` in `Main` as `last.(pairs)`; numeric arrays are
shared unless `copy`. Returns one line per variable saying what it became; throws `BridgeError`, having
bound nothing.
"""
function move_to_julia(pairs, copy::Bool)
    python_ready() || throw(BridgeError(python_status()))
    check_julia_names(last.(pairs))
    values = with_gil() do
        result = parse_json(runtime_call(:py2jl, json(first.(pairs)), copy))
        haskey(result, "error") && throw(BridgeError(result["error"]))
        bind_in_julia(last.(pairs), result["values"])
    end
    return [report_line(src, dst, "Julia", julia_summary(value), ispy(value) ? "proxy" : shared)
            for ((src, dst), (value, shared)) in zip(pairs, values)]
end

"""
    move_to_python(pairs, copy; to=nothing) -> lines

Bind the Julia variables `first.(pairs)` of `Main` in Python's `__main__`: the mirror image of
`move_to_julia`. With `to` ("pyarrow" or "polars"), each variable (a column table or a vector) becomes
that library's table (or array, series) through Arrow, over Julia's memory.
"""
function move_to_python(pairs, copy::Bool; to::Union{Nothing,String}=nothing)
    missing_names = [src for (src, _) in pairs if !julia_global_exists(src)]
    isempty(missing_names) ||
        throw(BridgeError(join(["$n: no such Julia variable" for n in missing_names], "; ")))
    values = [dst => getfield(Main, Symbol(src)) for (src, dst) in pairs]
    reports = nothing
    if to !== nothing
        exported = [in_library(src, v, to) for ((src, _), (_, v)) in zip(pairs, values)]
        values = [dst => py for ((dst, _), (py, _)) in zip(values, exported)]
        reports = last.(exported)
    end
    summaries, descriptions = bind_in_python(values, copy; sources=first.(pairs))
    # (A DataFrame's summary says itself which columns are shared.)
    how(d) = get(d, "proxy", false) ? "proxy" : d["t"] == "table" ? "" : get(d, "shared", false)
    return [report_line(src, dst, "Python", summary, reports === nothing ? how(d) : reports[k])
            for (k, ((src, dst), summary, d)) in enumerate(zip(pairs, summaries, descriptions))]
end

"""
    move_as_asked(to, request) -> lines

`%py2jl` (`to` is "julia") or `%jl2py` ("python") as a request asks: `request["names"]` holds
`[source, target]` pairs; `"copy"` and (to Python) `"library"` are the magic's options.
"""
function move_as_asked(to::AbstractString, request)
    pairs = [(String(p[1]), String(p[2])) for p in request["names"]]
    copy, library = get(request, "copy", false), get(request, "library", nothing)
    to == "julia" && return move_to_julia(pairs, copy)
    return move_to_python(pairs, copy; to=library)
end

# `(the value of library "pyarrow"/"polars" over x's memory, what its report says)`.
function in_library(src, x, library)
    exported, shared, names = try
        arrow_exported(x)
    catch err
        err isa BridgeError ? throw(BridgeError("$src: $(err.message)")) : rethrow()
    end
    value = try
        pyimport("_metapoly_worker.arrow_export").in_library(exported, library)
    catch err
        err isa PyException || rethrow()
        throw(BridgeError("$src: $(first(split(sprint(showerror, err), '\n')))"))
    end
    return value, arrow_report(shared, names)
end

# `how`: true (shared), false (copied), or words ("proxy", "columns a shared; b copied", "" for none).
report_line(src, dst, language, summary, how) =
    string(src, " -> ", language, " ", summary, dst == src ? "" : " as $dst",
           how === true ? ", shared" : how === false ? ", copied" : isempty(how) ? "" : ", $how")

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
    python_ready() || throw(BridgeError(python_status()))
    pinned = Any[]
    try
        descriptions = map(zip(sources, values)) do (src, (_, value))
            try
                to_description(value, copy, pinned; objects=!copy)
            catch err
                err isa BridgeError ? throw(BridgeError("$src: $(err.message)")) : rethrow()
            end
        end
        pairs = [[dst, d] for ((dst, _), d) in zip(values, descriptions)]
        result = parse_json(runtime_call(:jl2py, json(pairs)))
        haskey(result, "error") && throw(BridgeError(result["error"]))
        return result["summaries"], descriptions
    catch
        unpin_all!(pinned)
        rethrow()
    end
end
