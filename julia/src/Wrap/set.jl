# `PySet{T}`: a Python set as a Julia set, every read and write going through Python.

"""
    PySet{T=Py}([x])

The Python set `x` (or any set, a `frozenset`, a dict's keys) as an `AbstractSet{T}`: a live view.
Items are converted to `T` as they are read; `push!`, `delete!`, `pop!`, `empty!` change the Python set.
`v in s` is false for a `v` that cannot be a `T`. Without `x`, a new empty set; a Julia collection `x` is
copied into a new one (`pyset(x)`).
"""
struct PySet{T} <: AbstractSet{T}
    py::Py
    PySet{T}(x=pyset()) where {T} = new{T}(ispy(x) ? Py(x) : pyset(x))
end

PySet(x=pyset()) = PySet{Py}(x)

Base.length(x::PySet) = pylen(python_of(x))
Base.isempty(x::PySet) = length(x) == 0

function Base.iterate(x::PySet{T}, it::Py=pyiter(python_of(x))) where {T}
    item = unsafe_pynext(it)
    pyisnull(item) && return nothing
    return value_of(T, item), it
end

function Base.in(v, x::PySet{T}) where {T}
    item = try_item_of(T, v)
    return !pyconvert_isunconverted(item) && pycontains(python_of(x), item)
end

function Base.push!(x::PySet{T}, v) where {T}
    call_method(x, "add", item_of(T, v))
    return x
end
Base.push!(x::PySet{T}, v1, v2, vs...) where {T} =
    (call_method(x, "update", pylist([item_of(T, v) for v in (v1, v2, vs...)])); x)

function Base.delete!(x::PySet{T}, v) where {T}
    item = try_item_of(T, v)
    pyconvert_isunconverted(item) || call_method(x, "discard", item)
    return x
end

function Base.pop!(x::PySet{T}) where {T}
    isempty(x) && throw(ArgumentError("set must be non-empty"))
    return value_of(T, pygetattr(python_of(x), "pop")())
end

Base.pop!(x::PySet, v) = v in x ? (delete!(x, v); v) : throw(KeyError(v))
Base.pop!(x::PySet, v, default) = v in x ? (delete!(x, v); v) : default

Base.empty!(x::PySet) = (call_method(x, "clear"); x)
Base.copy(x::PySet{T}) where {T} = PySet{T}(python_copy(python_of(x), pyset))
