# Moving named variables between the languages, all or nothing, with a line saying what each became: what
# %py2jl and %jl2py do, whether the front end asks (bridge_request.jl) or Python code does (api.jl).

"""
    move_to_julia(pairs, copy) -> lines

Bind the Python variables `first.(pairs)` of `__main__` in `Main` as `last.(pairs)`; numeric arrays are
shared unless `copy`. Returns one line per variable saying what it became; throws `BridgeError`, having
bound nothing.
"""
function move_to_julia(pairs, copy::Bool)
    python_ready() || throw(BridgeError(PYTHON_STATUS[]))
    check_julia_names(last.(pairs))
    values = with_gil() do
        result = parse_json(py_call_string(PY_RUNTIME["py2jl"], json(first.(pairs)), copy))
        haskey(result, "error") && throw(BridgeError(result["error"]))
        bind_in_julia(last.(pairs), result["values"])
    end
    return [report_line(src, dst, "Julia", julia_summary(value), value isa Py ? "proxy" : shared)
            for ((src, dst), (value, shared)) in zip(pairs, values)]
end

"""
    move_to_python(pairs, copy) -> lines

Bind the Julia variables `first.(pairs)` of `Main` in Python's `__main__`: the mirror image of
`move_to_julia`.
"""
function move_to_python(pairs, copy::Bool)
    missing_names = [src for (src, _) in pairs if !julia_global_exists(src)]
    isempty(missing_names) ||
        throw(BridgeError(join(["$n: no such Julia variable" for n in missing_names], "; ")))
    values = [dst => getfield(Main, Symbol(src)) for (src, dst) in pairs]
    summaries, descriptions = bind_in_python(values, copy; sources=first.(pairs))
    # (A DataFrame's summary says itself which columns are shared.)
    how(d) = d["t"] == "jlobject" ? "proxy" : d["t"] == "table" ? "" : get(d, "shared", false)
    return [report_line(src, dst, "Python", summary, how(d))
            for ((src, dst), summary, d) in zip(pairs, summaries, descriptions)]
end

# `how`: true (shared), false (copied), or words ("proxy", "columns a shared; b copied", "" for none).
report_line(src, dst, language, summary, how) =
    string(src, " -> ", language, " ", summary, dst == src ? "" : " as $dst",
           how === true ? ", shared" : how === false ? ", copied" : isempty(how) ? "" : ", $how")
