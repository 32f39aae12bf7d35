# Arrow arrays as Julia vectors over their buffers, without copying: numbers, booleans, dates and
# timestamps, strings (and binary) with 32- or 64-bit offsets or as views; nulls are `missing`, read from
# the validity bitmap. Each vector holds its `Source`: the imported struct its buffers belong to, and the
# array as Arrow laid it out (which an export hands back as it is). Arrow memory is immutable: writing is
# an error that says so.

"""
    Source

Where a column's buffers come from: the Arrow array (its format and struct, whose buffers the column
reads) and the imported struct that owns them (kept alive by the column).
"""
struct Source
    format::String
    array::ArrowArray
    owner::Any
end

"""
    ArrowColumn{T} <: AbstractVector{T}

A read-only vector over the buffers of an Arrow array (`T` is `Union{S,Missing}` when the array has nulls).
`collect(column)` copies it into a `Vector`.
"""
abstract type ArrowColumn{T} <: AbstractVector{T} end

Base.size(c::ArrowColumn) = (c.length,)
Base.IndexStyle(::Type{<:ArrowColumn}) = IndexLinear()
Base.setindex!(::ArrowColumn, v, i::Int) =
    error("Arrow memory is immutable: this column is a view of the producer's buffers; " *
          "copy it to change it (`collect(column)`)")

# The validity bitmap (a null address: no nulls), at a bit offset.
struct Validity
    bits::Ptr{UInt8}
    offset::Int
end

@inline function isvalid_at(v::Validity, i::Int)
    v.bits == C_NULL && return true
    k = v.offset + i - 1
    return (unsafe_load(v.bits, (k >> 3) + 1) >> (k & 7)) & 0x01 == 0x01
end

"""
    ValuesColumn{T,S,F}

Fixed-width values of type `S` (numbers, timestamps' counts), each made the element by `F` (`identity`,
or days since 1970 made a `Date`...).
"""
struct ValuesColumn{T,S,F} <: ArrowColumn{T}
    data::Ptr{S}
    validity::Validity
    length::Int
    f::F
    source::Source
end

Base.@propagate_inbounds function Base.getindex(c::ValuesColumn{T}, i::Int) where {T}
    @boundscheck checkbounds(c, i)
    isvalid_at(c.validity, i) || return missing
    return c.f(unsafe_load(c.data, i))
end

"""
    BoolColumn{T}

Booleans, one bit each.
"""
struct BoolColumn{T} <: ArrowColumn{T}
    bits::Validity  # (read as a bitmap at the array's offset, as the validity is)
    validity::Validity
    length::Int
    source::Source
end

Base.@propagate_inbounds function Base.getindex(c::BoolColumn, i::Int)
    @boundscheck checkbounds(c, i)
    isvalid_at(c.validity, i) || return missing
    return isvalid_at(c.bits, i)
end

"""
    BytesColumn{T,O,E}

Strings (`E` = `String`) or binary values (`E` = `Vector{UInt8}`) laid out as offsets of type `O` into one
data buffer; each element is made when it is read.
"""
struct BytesColumn{T,O,E} <: ArrowColumn{T}
    offsets::Ptr{O}
    data::Ptr{UInt8}
    validity::Validity
    length::Int
    source::Source
end

Base.@propagate_inbounds function Base.getindex(c::BytesColumn{T,O,E}, i::Int) where {T,O,E}
    @boundscheck checkbounds(c, i)
    isvalid_at(c.validity, i) || return missing
    start = unsafe_load(c.offsets, i)
    n = Int(unsafe_load(c.offsets, i + 1) - start)
    n >= 0 || throw(ArrowMemoryError("malformed Arrow array: offsets that go back at element $i"))
    return made(E, c.data + start, n)
end

made(::Type{String}, p::Ptr{UInt8}, n::Int) = unsafe_string(p, n)
made(::Type{Vector{UInt8}}, p::Ptr{UInt8}, n::Int) = copy(unsafe_wrap(Array, p, n))

"""
    ViewsColumn{T,E}

Strings or binary values as Arrow's views (16 bytes each: the length, then the bytes themselves up to 12,
or a prefix, a data buffer's index and an offset in it).
"""
struct ViewsColumn{T,E} <: ArrowColumn{T}
    views::Ptr{UInt8}
    buffers::Vector{Ptr{UInt8}}
    validity::Validity
    length::Int
    source::Source
end

Base.@propagate_inbounds function Base.getindex(c::ViewsColumn{T,E}, i::Int) where {T,E}
    @boundscheck checkbounds(c, i)
    isvalid_at(c.validity, i) || return missing
    view = c.views + 16 * (i - 1)
    n = Int(unsafe_load(Ptr{Int32}(view)))
    n <= 12 && return made(E, view + 4, n)
    buffer, offset = unsafe_load(Ptr{Int32}(view + 8)), unsafe_load(Ptr{Int32}(view + 12))
    return made(E, c.buffers[buffer+1] + offset, n)
end

"""
    DictionaryColumn{T}

Dictionary-encoded (categorical) values: each element is the dictionary's value at the element's index.
"""
struct DictionaryColumn{T,I<:ArrowColumn,V<:AbstractVector} <: ArrowColumn{T}
    indices::I
    values::V
    length::Int
end

function DictionaryColumn(indices::ArrowColumn, values::AbstractVector)
    T = Missing <: eltype(indices) ? Union{eltype(values),Missing} : eltype(values)
    return DictionaryColumn{T,typeof(indices),typeof(values)}(indices, values, length(indices))
end

function Base.getindex(c::DictionaryColumn, i::Int)
    @boundscheck checkbounds(c, i)
    k = @inbounds c.indices[i]
    k === missing && return missing
    j = Int(k) + 1
    checkbounds(c.values, j)  # (always: an index past the dictionary is an error, never a read past it)
    return @inbounds c.values[j]
end

"""
    ChunkedColumn{T}

The columns of several record batches as one vector.
"""
struct ChunkedColumn{T,C<:AbstractVector} <: ArrowColumn{T}
    chunks::Vector{C}
    ends::Vector{Int}  # (the index of each chunk's last element)
    length::Int
end

function ChunkedColumn(chunks::Vector{C}) where {C<:AbstractVector}
    T = mapreduce(eltype, Base.promote_typejoin, chunks)
    ends = cumsum([length(c) for c in chunks])
    return ChunkedColumn{T,C}(chunks, ends, isempty(ends) ? 0 : ends[end])
end

Base.@propagate_inbounds function Base.getindex(c::ChunkedColumn, i::Int)
    @boundscheck checkbounds(c, i)
    k = searchsortedfirst(c.ends, i)
    return @inbounds c.chunks[k][i - (k == 1 ? 0 : c.ends[k-1])]
end

# (Shown as what it is to the user, a column of Arrow data: "3-element ArrowColumn{String}".)
Base.showarg(io::IO, ::ArrowColumn{T}, toplevel) where {T} = print(io, "ArrowColumn{", T, "}")
