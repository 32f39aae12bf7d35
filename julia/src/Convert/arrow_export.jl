# Julia column tables and vectors handed to Python through Arrow's PyCapsule protocol (the Python half is
# `_metapoly_worker/arrow_export.py`): `Arrow.arrow_export` describes their buffers, pinned here while
# Python uses them. Behind `AnyValue.__arrow_c_stream__` (`pyarrow.table(jl.t)`) and `%jl2py --arrow`.

"""
    arrow_exported(x) -> (exported::Py, shared::Vector{Bool}, names)

A Python object exporting the column table or vector `x` by Arrow's PyCapsule protocol, over Julia's
memory (pinned until every consumer released it); whether each column is shared (else laid out anew in
Arrow's layout) and the column names (`nothing` for a vector). Throws `BridgeError` for other values.
"""
function arrow_exported(x)
    table = is_column_table(x)
    table || x isa AbstractVector ||
        throw(BridgeError("only a column table or a vector crosses as Arrow data, not a $(typeof(x))"))
    columns = table ? columns_of(x) : (x,)
    names = table ? [string(k) for k in keys(columns)] : nothing
    e = try
        arrow_export(names, collect(Any, values(columns)))
    catch err
        err isa ArgumentError ? throw(BridgeError(err.msg)) : rethrow()
    end
    pinned = Any[]
    try
        handles = [a isa Array ? fix_pinned_memory!(pin!(a, pinned)) : pin!(a, pinned) for a in e.keep]
        m = pyimport("_metapoly_worker.arrow_export")
        pins = m.Pins(pylist(handles))
        exported = m.Exported(pyimport("json").loads(json(e.description)), pins)
        # (Python's references alone decide when the pins go: ours go at the next `release_bridged`.)
        push!(HANDED_OVER, pins, exported)
        return exported, e.shared, names
    catch
        unpin_all!(pinned)
        rethrow()
    end
end

"""
    arrow_report(shared, names) -> String

What `%jl2py --arrow` says of the columns: "columns x, y shared; s laid out in Arrow's layout".
"""
function arrow_report(shared::Vector{Bool}, names)
    names === nothing && return shared[1] ? "shared" : "laid out in Arrow's layout (copied)"
    parts = String[]
    any(shared) && push!(parts, "columns $(join(names[shared], ", ")) shared")
    any(.!shared) && push!(parts, "$(join(names[.!shared], ", ")) laid out in Arrow's layout (copied)")
    return join(parts, "; ")
end
