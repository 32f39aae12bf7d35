# Strings read in place: `arrow_strings(column)` is an Arrow string column whose elements are `ArrowString`s
# over the column's bytes, so that reading one allocates nothing (a `String` element is a copy). An element
# is a pointer and a length, nothing the garbage collector follows (one that held the buffers' owner was
# allocated on the heap, 32 bytes each, on Julia 1.5): the column keeps the bytes alive, not its elements.

"""
    ArrowString <: AbstractString

UTF-8 text read in place from the buffers of an Arrow column (the elements of `arrow_strings(column)`):
no copy, no allocation. It is valid while its column is alive: use it inside code that holds the column
(a loop, a filter, a count), and `String(s)` to keep one beyond. Arrow memory is immutable, so is this.
"""
struct ArrowString <: AbstractString
    ptr::Ptr{UInt8}
    len::Int
end

made(::Type{ArrowString}, p::Ptr{UInt8}, n::Int) = ArrowString(p, n)

Base.ncodeunits(s::ArrowString) = s.len
Base.codeunit(::ArrowString) = UInt8
Base.@propagate_inbounds function Base.codeunit(s::ArrowString, i::Int)
    @boundscheck checkbounds(s, i)
    return unsafe_load(s.ptr, i)
end
Base.pointer(s::ArrowString) = s.ptr
Base.sizeof(s::ArrowString) = s.len
Base.String(s::ArrowString) = unsafe_string(s.ptr, s.len)
Base.isvalid(s::ArrowString, i::Int) = checkbounds(Bool, s, i) && @inbounds(codeunit(s, i)) & 0xc0 != 0x80

# A character is its UTF-8 bytes, left-aligned in 32 bits, as Julia's `Char` is (so that malformed bytes
# come out as String's do).
function Base.iterate(s::ArrowString, i::Int=1)
    i > s.len && return nothing
    b = @inbounds codeunit(s, i)
    u = UInt32(b) << 24
    0x80 <= b < 0xf8 || return reinterpret(Char, u), i + 1
    n = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4
    j = i
    for k in 1:n-1
        j < s.len || break
        c = @inbounds codeunit(s, j + 1)
        c & 0xc0 == 0x80 || break
        j += 1
        u |= UInt32(c) << (24 - 8k)
    end
    return reinterpret(Char, u), j + 1
end

function Base.:(==)(a::ArrowString, b::Union{String,ArrowString})
    a.len == sizeof(b) || return false
    same = GC.@preserve b ccall(:memcmp, Cint, (Ptr{UInt8}, Ptr{UInt8}, Csize_t), a.ptr, pointer(b), a.len)
    return same == 0
end
Base.:(==)(a::String, b::ArrowString) = b == a

"""
    arrow_strings(column) -> ArrowColumn

The Arrow string column `column` (of `%py2jl`'d pyarrow or polars data) with `ArrowString` elements,
read in place: `count(s -> startswith(s, "a"), arrow_strings(t.name))` allocates nothing per element.
Each element is valid while the column (or `column`) is alive.
"""
arrow_strings(c::BytesColumn{T,O,String}) where {T,O} =
    BytesColumn{in_place(T),O,ArrowString}(c.offsets, c.data, c.validity, c.length, c.source)
arrow_strings(c::ViewsColumn{T,String}) where {T} =
    ViewsColumn{in_place(T),ArrowString}(c.views, c.buffers, c.validity, c.length, c.source)
arrow_strings(c::ChunkedColumn) = ChunkedColumn([arrow_strings(chunk) for chunk in c.chunks])
arrow_strings(c) = throw(ArgumentError("arrow_strings takes a column of Arrow strings (`%py2jl` of pyarrow " *
                                       "or polars data), not a $(typeof(c))"))

in_place(::Type{T}) where {T} = T === String ? ArrowString : Union{ArrowString,Missing}
