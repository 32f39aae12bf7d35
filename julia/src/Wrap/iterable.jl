# `PyIterable{T}`: a Python iterable as a Julia iterator of `T`s.

"""
    PyIterable{T=Py}(x)

Iterates the Python iterable `x`, giving its items converted to `T` (`pyconvert(T, item)`). Each
iteration asks Python for a new iterator (`iter(x)`): an iterator is iterated once, a list every time.
"""
struct PyIterable{T}
    py::Py
    PyIterable{T}(x) where {T} = new{T}(Py(x))
end

PyIterable(x) = PyIterable{Py}(x)

Base.IteratorSize(::Type{<:PyIterable}) = Base.SizeUnknown()
Base.eltype(::Type{PyIterable{T}}) where {T} = T

function Base.iterate(x::PyIterable{T}, it::Py=pyiter(python_of(x))) where {T}
    item = unsafe_pynext(it)
    pyisnull(item) && return nothing
    return value_of(T, item), it
end
