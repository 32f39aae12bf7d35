# Julia vectors and column tables described for Arrow's C Data Interface, which the Python side exports
# through Arrow's PyCapsule protocol: each array's format, lengths and the addresses of its buffers, and
# the Julia objects those buffers belong to (to be kept alive while Python uses them). Numeric vectors,
# numpy datetimes and columns that came from Arrow are shared as they are; other columns are laid out once
# in new buffers (strings, booleans as bits, `missing` as a validity bitmap, Dates' types).

"""
    ArrowExport

What `arrow_export` describes: `description` for the Python side (`names`, or `nothing` for a vector;
`batches`, each a list of one array per column), `keep`, the Julia objects whose memory the buffers are,
and `shared`, per column, whether it is Julia's own memory (else it was laid out anew).
"""
struct ArrowExport
    description::Dict{String,Any}
    keep::Vector{Any}
    shared::Vector{Bool}
end

const FORMAT_OF = Dict(T => f for (f, T) in VALUE_FORMATS)
const UNIT_LETTER = Dict(u => c for (c, u) in TIME_UNITS)

"""
    arrow_export(names, columns) -> ArrowExport

Describe `columns` (vectors of one length) as the record batches of a table with column `names`, or, with
`names === nothing`, the one vector `columns[1]` as a stream of arrays. Columns that all came from the same
Arrow batches go back batch by batch. Throws `ArgumentError` for a column whose elements have no Arrow
layout.
"""
function arrow_export(names::Union{Nothing,Vector{String}}, columns::Vector)
    keep, shared = Any[], Bool[]
    isempty(columns) && return ArrowExport(Dict("names" => names, "batches" => [[]], "lengths" => [0]), keep,
                                           shared)
    chunked = all(c -> c isa ChunkedColumn, columns) && allequal_ends(columns)
    parts = chunked ? [c.chunks for c in columns] : [[c] for c in columns]
    batches = [Dict{String,Any}[] for _ in parts[1]]
    for (k, chunks) in enumerate(parts)
        pieces = [array_of(chunk, keep) for chunk in chunks]
        push!(shared, all(last, pieces))
        for (b, (d, _)) in enumerate(pieces)
            d["name"] = names === nothing ? "" : names[k]
            push!(batches[b], d)
        end
    end
    lengths = chunked ? [length(c) for c in parts[1]] : [length(columns[1])]
    return ArrowExport(Dict("names" => names, "batches" => batches, "lengths" => lengths), keep, shared)
end

allequal_ends(columns) = all(c -> c.ends == columns[1].ends, columns)

# `(description, shared)` of one array; what its buffers belong to is pushed to `keep`.
function array_of(v::AbstractVector, keep::Vector{Any})
    if v isa Union{ValuesColumn,BoolColumn,BytesColumn,ViewsColumn}
        a = v.source.array
        push!(keep, v)
        return described(v.source.format, a.length, a.null_count, a.offset,
                         [address(unsafe_load(a.buffers, k)) for k in 1:a.n_buffers]), true
    end
    v isa ChunkedColumn && return array_of(collect(v), keep)
    T = eltype(v)
    if v isa Vector && (haskey(FORMAT_OF, T) || T <: Union{InlineDateTime64,InlineTimeDelta64})
        format = haskey(FORMAT_OF, T) ? FORMAT_OF[T] : time_format(T)
        if format !== nothing
            push!(keep, v)
            return described(format, length(v), 0, 0, [0, address(pointer(v))]), true
        end
    end
    return laid_out(v, keep), false
end

address(p::Ptr) = Int(UInt(p))

described(format, n, nulls, offset, buffers) = Dict{String,Any}(
    "format" => format, "length" => n, "null_count" => nulls, "offset" => offset, "buffers" => buffers)

function time_format(::Type{T}) where {T}
    T isa DataType || return nothing  # (of several units)
    unit = get(UNIT_LETTER, T.parameters[1], nothing)
    unit === nothing && return nothing
    return T <: InlineDateTime64 ? "ts$unit:" : "tD$unit"
end

# A new array in Arrow's layout for a vector whose memory is not one: its elements' type (without
# `missing`), or the narrowest type of its elements, decides the format.
function laid_out(v::AbstractVector, keep::Vector{Any})
    S = Base.nonmissingtype(eltype(v))
    isconcretetype(S) || S <: AbstractString ||
        (S = mapreduce(typeof, typejoin, Iterators.filter(!ismissing, v); init=Union{}))
    n = length(v)
    S === Union{} && return described("n", n, n, 0, Int[])
    bitmap, nulls = validity_of(v, keep)
    keepit(x) = (push!(keep, x); address(pointer(x)))
    store(f, ::Type{D}) where {D} = keepit(D[ismissing(x) ? zero(D) : f(x) for x in v])
    S <: AbstractString && return described("U", n, nulls, 0, [bitmap, strings_of(v, keep)...])
    S <: Bool && return described("b", n, nulls, 0, [bitmap, keepit(bits_of(v))])
    haskey(FORMAT_OF, S) && return described(FORMAT_OF[S], n, nulls, 0, [bitmap, store(identity, S)])
    S <: Dates.Date && return described("tdD", n, nulls, 0, [bitmap, store(days_since_epoch, Int32)])
    S <: Dates.DateTime && return described("tsm:", n, nulls, 0, [bitmap, store(ms_since_epoch, Int64)])
    S <: Dates.Time && return described("ttn", n, nulls, 0, [bitmap, store(Dates.value, Int64)])
    format = S <: Union{InlineDateTime64,InlineTimeDelta64} ? time_format(S) : nothing
    format === nothing || return described(format, n, nulls, 0, [bitmap, store(Dates.value, Int64)])
    throw(ArgumentError("a column of $(eltype(v)) has no Arrow layout; numbers, booleans, strings, " *
                        "dates, times and missing have one"))
end

days_since_epoch(d::Dates.Date) = Int32(Dates.value(d) - EPOCH_DAY)
ms_since_epoch(d::Dates.DateTime) = Dates.value(d) - EPOCH_MS

# The validity bitmap of `v` (address 0: no missing values) and the number of missing values.
function validity_of(v::AbstractVector, keep::Vector{Any})
    nulls = count(ismissing, v)
    nulls == 0 && return 0, 0
    bits = bits_of((!ismissing(x) for x in v), length(v))
    push!(keep, bits)
    return address(pointer(bits)), nulls
end

function bits_of(flags, n::Int=length(flags))
    bits = zeros(UInt8, cld(n, 8))
    for (i, f) in enumerate(flags)
        f === true && (bits[(i-1)>>3+1] |= 0x01 << ((i - 1) & 7))
    end
    return bits
end

# Offsets (64-bit) and bytes of strings, laid out once.
function strings_of(v::AbstractVector, keep::Vector{Any})
    offsets = Vector{Int64}(undef, length(v) + 1)
    offsets[1] = 0
    for (i, s) in enumerate(v)
        offsets[i+1] = offsets[i] + (ismissing(s) ? 0 : ncodeunits(s))
    end
    data = Vector{UInt8}(undef, max(1, offsets[end]))
    for (i, s) in enumerate(v)
        if s isa String  # (byte by byte through `codeunits` is ten times slower)
            GC.@preserve data s unsafe_copyto!(pointer(data, offsets[i] + 1), pointer(s), ncodeunits(s))
        elseif !ismissing(s)
            copyto!(data, offsets[i] + 1, codeunits(s), 1, ncodeunits(s))
        end
    end
    push!(keep, offsets, data)
    return address(pointer(offsets)), address(pointer(data))
end
