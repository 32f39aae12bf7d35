# Arrow data for `pyconvert`: pyarrow's and polars' tables convert to column tables (`NamedTuple`) and
# their arrays and series to vectors, over the producer's buffers, as `%py2jl` reads them (`Arrow/`);
# `pyconvert(Any, x)` too, where Julia reads every column (else it is the `Py`).

const ARROW_TABLE_TYPES = ("pyarrow.lib:Table", "pyarrow.lib:RecordBatch", "polars.dataframe.frame:DataFrame")
const ARROW_VECTOR_TYPES = ("pyarrow.lib:ChunkedArray", "pyarrow.lib:Array", "polars.series.series:Series")

function rule_arrow(::Type{S}, x::Py) where {S}
    found = pyimport("_metapoly_worker.arrow").stream_of(x)
    pyisnone(found) && return pyconvert_unconverted()
    capsule, address = found[0], pyconvert(Int, found[1])
    value = GC.@preserve capsule arrow_stream(Ptr{Cvoid}(UInt(address)))
    return value isa S ? value : pyconvert_unconverted()
end

"""
    init_arrow()

Register the rules for Arrow tables and arrays (pyarrow, polars).
"""
function init_arrow()
    foreach(t -> pyconvert_add_rule(t, NamedTuple, rule_arrow), ARROW_TABLE_TYPES)
    foreach(t -> pyconvert_add_rule(t, AbstractVector, rule_arrow), ARROW_VECTOR_TYPES)
    return nothing
end
