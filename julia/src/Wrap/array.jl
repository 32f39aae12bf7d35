# `PyArray`: the memory of a Python array (numpy's, `array.array`, `bytes`, anything exporting a buffer or
# numpy's array interface) as a Julia array, without a copy. Indices are Python's dimensions in Python's
# order (`A[i, j]` is numpy's `a[i-1, j-1]`) with its byte strides, so C- and F-ordered memory, views and
# transposes are all read where they lie.

"""
    PyArray{T,N,M,L,R}(x; array=true, buffer=true, copy=true)

The Python array `x` as an `AbstractArray{T,N}` over its own memory: writes are seen by Python and the
other way round. `x` may be a `numpy.ndarray`, `bytes`, `bytearray`, `array.array`, a `memoryview`, or
anything with numpy's `__array_struct__` or `__array_interface__` (with `array`) or that exports a buffer
(with `buffer`); with `copy`, also anything whose `__array__()` gives such an array (a pandas Series, which
may copy). The type parameters, each optional (`PyArray(x)`, `PyArray{Float64,2}(x)`):

- `T`, the element type: by default the element type in memory, `Py` for numpy's `object` arrays,
  `String` for its `U` strings; another type converts each element as it is read and written.
- `N`, the number of dimensions.
- `M`, whether the array may be written (`true` if the memory is writable, unless `false` is asked for).
- `L`, whether it is linearly indexable (`true` for 0 or 1 dimensions and Fortran-ordered memory).
- `R`, the element type in memory.

Element types: `Bool`, `Int8`...`Int64`, `UInt8`...`UInt64`, `Float16`, `Float32`, `Float64`, `ComplexF32`,
`ComplexF64` (and the other sizes numpy has), Python objects, fixed-width strings, numpy's datetimes and
timedeltas (as `NumpyDates.InlineDateTime64{unit}` and `InlineTimeDelta64{unit}`), and numpy records (as
tuples or named tuples). Not memory in the other byte order.
"""
struct PyArray{T,N,M,L,R} <: AbstractArray{T,N}
    ptr::Ptr{R}
    size::NTuple{N,Int}
    strides::NTuple{N,Int}    # in bytes
    length::Int
    py::Py
    handle::Any               # what keeps `ptr` valid: a capsule, a memoryview...
    function PyArray{T,N,M,L,R}(layout::Layout) where {T,N,M,L,R}
        size, strides = NTuple{N,Int}(layout.size), NTuple{N,Int}(layout.strides)
        return new{T,N,M,L,R}(Ptr{R}(layout.ptr), size, strides, prod(size), layout.py, layout.handle)
    end
end

function (::Type{A})(x; array::Bool=true, buffer::Bool=true, copy::Bool=true) where {A<:PyArray}
    o = Py(x)
    result = make_array(A, o; array=array, buffer=buffer, copy=copy)
    result isa PyArray && return result
    throw(ArgumentError("cannot convert this Python '$(pyconvert(String, pytype(o).__name__))' to a " *
                        "'$A': $(join(result, "; "))"))
end

"""
    make_array(A, x; array, buffer, copy) -> Union{PyArray,Vector{String}}

The `PyArray` of type `A` (or of the most specific concrete type within it) over the memory of `x`, or
why there is none.
"""
function make_array(::Type{A}, x::Py; kwargs...) where {A<:PyArray}
    layout = array_layout(x; kwargs...)
    layout isa Layout || return isempty(layout) ? ["it exports no array or buffer"] : layout
    P = array_type(A, layout)
    return P isa String ? [P] : P(layout)
end

"""
    array_type(A, layout) -> Union{Type,String}

The concrete `PyArray` type within `A` for memory laid out as `layout`: each parameter `A` fixes, checked
against the memory; each it leaves free, what the memory is. Or why none fits.
"""
function array_type(::Type{A}, layout::Layout) where {A<:PyArray}
    body = Base.unwrap_unionall(A)
    given(i) = (p = body.parameters[i]; p isa TypeVar ? nothing : p)
    R = layout.eltype
    given(5) in (nothing, R) || return "its elements are $R in memory, not $(given(5))"
    N = length(layout.size)
    given(2) in (nothing, N) || return "it has $N dimensions, not $(given(2))"
    given(3) in (nothing, true, false) || return "M must be true or false"
    M = something(given(3), layout.writable)
    M && !layout.writable && return "its memory is read-only"
    linear = N < 2 || layout.strides == f_strides(layout.strides[1], layout.size)
    given(4) in (nothing, true, false) || return "L must be true or false"
    L = something(given(4), linear)
    L && !linear && return "its memory is not in Fortran order: it cannot be linearly indexed"
    T = something(given(1), natural_eltype(R))
    eltype_fits(T, R) || return "its elements ($R) cannot be read as $T"
    P = PyArray{T,N,M,L,R}
    P <: A && return P
    # A bounded element type (`PyArray{<:Real}`) of elements that convert (Python objects): the bound.
    bound = body.parameters[1] isa TypeVar ? body.parameters[1].ub : T
    P = PyArray{bound,N,M,L,R}
    return eltype_fits(bound, R) && P <: A ? P : "a $(PyArray{T,N,M,L,R}) is not a $A"
end

# Byte strides of Fortran-ordered (column-major) memory whose first dimension's stride is `first`.
f_strides(first::Int, size::Vector{Int}) = Int[first * prod(size[1:k-1]) for k in eachindex(size)]

Base.size(x::PyArray) = x.size
Base.length(x::PyArray) = x.length
Base.IndexStyle(::Type{<:PyArray{T,N,M,L}}) where {T,N,M,L} = L ? IndexLinear() : IndexCartesian()
Base.elsize(::Type{<:PyArray{T,N,M,L,T}}) where {T,N,M,L} = sizeof(T)
Base.unsafe_convert(::Type{Ptr{T}}, x::PyArray{T,N,M,L,T}) where {T,N,M,L} = x.ptr

function Base.strides(x::PyArray{T,N,M,L,R}) where {T,N,M,L,R}
    all(s -> s % sizeof(R) == 0, x.strides) || error("the strides are not a multiple of the element size")
    return map(s -> s ÷ sizeof(R), x.strides)
end

# Byte offsets of elements: by Cartesian indices, or by a linear index where memory allows.
@inline offset_of(x::PyArray{T,N}, I::NTuple{N,Int}) where {T,N} =
    N == 0 ? 0 : sum(ntuple(k -> (I[k] - 1) * x.strides[k], Val(N)))
@inline offset_of(x::PyArray{T,N}, i::Int) where {T,N} = N == 0 ? 0 : (i - 1) * x.strides[1]

@inline load_at(x::PyArray{T}, offset::Int) where {T} = GC.@preserve x load_element(T, x.ptr + offset)
@inline function store_at!(x::PyArray{T}, v, offset::Int) where {T}
    value = item_of(T, v)
    GC.@preserve x store_element!(x.ptr + offset, value)
    return x
end

Base.@propagate_inbounds function Base.getindex(x::PyArray{T,N}, I::Vararg{Int,N}) where {T,N}
    @boundscheck checkbounds(x, I...)
    return load_at(x, offset_of(x, I))
end
Base.@propagate_inbounds function Base.getindex(x::PyArray{T,N,M,true}, i::Int) where {T,N,M}
    @boundscheck checkbounds(x, i)
    return load_at(x, offset_of(x, i))
end
# (One dimension, linear: both of the above would do; this one settles it.)
Base.@propagate_inbounds Base.getindex(x::PyArray{T,1,M,true}, i::Int) where {T,M} =
    (@boundscheck checkbounds(x, i); load_at(x, offset_of(x, i)))

Base.@propagate_inbounds function Base.setindex!(x::PyArray{T,N,true}, v, I::Vararg{Int,N}) where {T,N}
    @boundscheck checkbounds(x, I...)
    return store_at!(x, v, offset_of(x, I))
end
Base.@propagate_inbounds function Base.setindex!(x::PyArray{T,N,true,true}, v, i::Int) where {T,N}
    @boundscheck checkbounds(x, i)
    return store_at!(x, v, offset_of(x, i))
end
Base.@propagate_inbounds Base.setindex!(x::PyArray{T,1,true,true}, v, i::Int) where {T} =
    (@boundscheck checkbounds(x, i); store_at!(x, v, offset_of(x, i)))

Base.setindex!(x::PyArray{T,N,false}, v, I::Int...) where {T,N} =
    throw(ArgumentError("this $(summary(x)) is read-only (its memory is, or M is false)"))

# Its pointer and handle mean nothing in another process: the Python object goes (pickled), and the
# array is made again over it there.
function Serialization.serialize(s::Serialization.AbstractSerializer, x::PyArray)
    Serialization.serialize_type(s, typeof(x), false)
    serialize(s, x.py)
end
Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{A}) where {A<:PyArray} =
    A(deserialize(s)::Py; copy=false)
