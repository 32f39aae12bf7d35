# `PyDict{K,V}`: a Python mapping as a Julia dictionary, every read and write going through Python.

"""
    PyDict{K=Py,V=Py}([x])

The Python dict `x` (or any mapping) as an `AbstractDict{K,V}`: a live view. Keys and values are
converted to `K` and `V` as they are read and must convert to be written; `setindex!`, `delete!`,
`get!`, `empty!` change the Python dict. A key that cannot be a `K` is not there. Without `x`, a new empty
dict; a Julia collection of pairs `x` is copied into a new one (`pydict(x)`).
"""
struct PyDict{K,V} <: AbstractDict{K,V}
    py::Py
    PyDict{K,V}(x=pydict()) where {K,V} = new{K,V}(ispy(x) ? Py(x) : pydict(x))
end

PyDict{K}(x=pydict()) where {K} = PyDict{K,Py}(x)
PyDict(x=pydict()) = PyDict{Py,Py}(x)

Base.length(x::PyDict) = pylen(python_of(x))

function Base.iterate(x::PyDict{K,V}, it::Py=pyiter(python_of(x))) where {K,V}
    key = unsafe_pynext(it)
    pyisnull(key) && return nothing
    return value_of(K, key) => value_of(V, pygetitem(python_of(x), key)), it
end

# (Keys alone, without asking Python for each value.)
function Base.iterate(x::Base.KeySet{K,<:PyDict{K}}, it::Py=pyiter(python_of(x.dict))) where {K}
    key = unsafe_pynext(it)
    pyisnull(key) && return nothing
    return value_of(K, key), it
end

# The value under `k` as a `Py`, or `nothing` if there is none (or `k` cannot be a key).
function lookup(x::PyDict{K}, k) where {K}
    key = try_item_of(K, k)
    pyconvert_isunconverted(key) && return nothing
    return pygetitem(python_of(x), key, nothing)
end

function Base.getindex(x::PyDict{K,V}, k) where {K,V}
    value = lookup(x, k)
    value === nothing && throw(KeyError(k))
    return value_of(V, value)
end

function Base.setindex!(x::PyDict{K,V}, v, k) where {K,V}
    key, value = item_of(K, k), item_of(V, v)
    pysetitem(python_of(x), key, value)
    return x
end

function Base.delete!(x::PyDict{K}, k) where {K}
    key = try_item_of(K, k)
    pyconvert_isunconverted(key) || pygetattr(python_of(x), "pop")(key, nothing)
    return x
end

Base.haskey(x::PyDict{K}, k) where {K} =
    (key = try_item_of(K, k); !pyconvert_isunconverted(key) && pycontains(python_of(x), key))

Base.get(x::PyDict{K,V}, k, default) where {K,V} =
    (v = lookup(x, k); v === nothing ? default : value_of(V, v))
Base.get(f::Union{Function,Type}, x::PyDict{K,V}, k) where {K,V} =
    (v = lookup(x, k); v === nothing ? f() : value_of(V, v))

# (The default is converted before it is stored: a default that cannot be a `V` changes nothing.)
Base.get!(x::PyDict{K,V}, k, default) where {K,V} = get!(() -> default, x, k)
function Base.get!(f::Union{Function,Type}, x::PyDict{K,V}, k) where {K,V}
    v = lookup(x, k)
    v === nothing || return value_of(V, v)
    value = item_of(V, f())
    x[k] = value
    return value
end

Base.empty!(x::PyDict) = (call_method(x, "clear"); x)
Base.copy(x::PyDict{K,V}) where {K,V} = PyDict{K,V}(python_copy(python_of(x), pydict))
