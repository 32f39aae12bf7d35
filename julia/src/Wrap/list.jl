# `PyList{T}`: a Python sequence as a Julia vector, every read and write going through Python.

"""
    PyList{T=Py}([x])

The Python list `x` (or any sequence) as an `AbstractVector{T}`: a live view, not a copy. Items are
converted to `T` as they are read (`pyconvert(T, item)`) and must convert to `T` to be written;
`push!`, `insert!`, `pop!`, `deleteat!`, `append!`, `empty!`... change the Python list. Without `x`, a new
empty list; a Julia collection `x` is copied into a new one (`pylist(x)`).

```julia
x = pylist([3, 4, 5])
y = PyList{Union{Int,Nothing}}(x)
push!(y, nothing)     # x is now [3, 4, 5, None]
```
"""
struct PyList{T} <: AbstractVector{T}
    py::Py
    PyList{T}(x=pylist()) where {T} = new{T}(ispy(x) ? Py(x) : pylist(x))
end

PyList(x=pylist()) = PyList{Py}(x)

Base.length(x::PyList) = pylen(python_of(x))
Base.size(x::PyList) = (length(x),)
Base.IndexStyle(::Type{<:PyList}) = IndexLinear()

Base.@propagate_inbounds function Base.getindex(x::PyList{T}, i::Int) where {T}
    @boundscheck checkbounds(x, i)
    return value_of(T, pygetitem(python_of(x), i - 1))
end

Base.@propagate_inbounds function Base.setindex!(x::PyList{T}, v, i::Int) where {T}
    @boundscheck checkbounds(x, i)
    pysetitem(python_of(x), i - 1, item_of(T, v))
    return x
end

function Base.insert!(x::PyList{T}, i::Integer, v) where {T}
    1 <= i <= length(x) + 1 || throw(BoundsError(x, i))
    call_method(x, "insert", i - 1, item_of(T, v))
    return x
end

# (Every item is converted before any is added: one that cannot be leaves the list as it was.)
function Base.push!(x::PyList{T}, v) where {T}
    call_method(x, "append", item_of(T, v))
    return x
end
Base.push!(x::PyList, v1, v2, vs...) = append!(x, (v1, v2, vs...))

function Base.append!(x::PyList{T}, vs) where {T}
    call_method(x, "extend", pylist([item_of(T, v) for v in vs]))
    return x
end

Base.pushfirst!(x::PyList, v) = insert!(x, 1, v)
Base.pushfirst!(x::PyList, v1, v2, vs...) = prepend!(x, (v1, v2, vs...))

function Base.prepend!(x::PyList{T}, vs) where {T}
    pysetitem(python_of(x), pyslice(0, 0), pylist([item_of(T, v) for v in vs]))
    return x
end

function Base.pop!(x::PyList{T}) where {T}
    isempty(x) && throw(BoundsError(x, 0))
    return value_of(T, pygetattr(python_of(x), "pop")())
end

function Base.popat!(x::PyList{T}, i::Integer) where {T}
    checkbounds(x, i)
    return value_of(T, pygetattr(python_of(x), "pop")(i - 1))
end

Base.popfirst!(x::PyList) = (checkbounds(x, 1); popat!(x, 1))

function Base.deleteat!(x::PyList, i::Integer)
    checkbounds(x, i)
    pydelitem(python_of(x), i - 1)
    return x
end

function Base.deleteat!(x::PyList, r::AbstractUnitRange{<:Integer})
    checkbounds(x, r)
    pydelitem(python_of(x), pyslice(first(r) - 1, last(r)))
    return x
end

Base.reverse!(x::PyList) = (call_method(x, "reverse"); x)
Base.empty!(x::PyList) = (call_method(x, "clear"); x)
# (A sequence without a `copy` method, a tuple, is copied into a list.)
Base.copy(x::PyList{T}) where {T} = PyList{T}(python_copy(python_of(x), pylist))
