# A stream of record batches as a column table: a NamedTuple of columns over the batches' buffers, a column
# of several batches chunked.

"""
    arrow_stream(address) -> Union{NamedTuple,AbstractVector}

The Arrow stream (an `ArrowArrayStream`) at `address` as a column table if it is a stream of record
batches, else as one column, sharing its buffers: its producer's copy is marked released, and the buffers
are released once no column uses them.
"""
function arrow_stream(address::Ptr{Cvoid})
    schema, batches = read_stream(Ptr{ArrowArrayStream}(address))
    s = schema[]
    unsafe_string(s.format) == "+s" || return joined(s, batches, batch -> batch[])
    fields = [unsafe_load(unsafe_load(s.children, k)) for k in 1:s.n_children]
    names = Tuple(Symbol(unsafe_string(f.name)) for f in fields)
    allunique(names) || throw(ArgumentError("repeated column names in an Arrow table: $(join(names, ", "))"))
    columns = Tuple(joined(fields[k], batches, batch -> child(batch, k)) for k in 1:length(fields))
    return NamedTuple{names}(columns)
end

# One column of every batch (`part(batch)`, an array laid out as `field` says) as one vector.
function joined(field::ArrowSchema, batches::Vector{Imported{ArrowArray}}, part)
    isempty(batches) && return collect(column(field, empty_array(field), nothing))
    chunks = [column(field, part(batch), batch) for batch in batches]
    return length(chunks) == 1 ? chunks[1] : ChunkedColumn(chunks)
end

# Column `k` of a record batch, at the batch's own offset and length.
function child(batch::Imported{ArrowArray}, k::Int)
    b = batch[]
    b.n_children >= k && b.children != C_NULL || malformed("a record batch of $(b.n_children) columns")
    c = unsafe_load(unsafe_load(b.children, k))
    c.length >= b.offset + b.length || malformed("a column shorter than its record batch")
    b.offset == 0 && c.length == b.length && return c
    return ArrowArray(b.length, -1, c.offset + b.offset, c.n_buffers, c.n_children, c.buffers, c.children,
                      c.dictionary, c.release, c.private_data)
end
