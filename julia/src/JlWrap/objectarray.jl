# PythonCall's `PyObjectArray`: a Julia array of Python objects that numpy reads in place, as an array of
# dtype `object`: its elements are stored as the objects' pointers (one reference each), the memory numpy's
# object arrays have.

"""
    PyObjectArray{N}(undef, dims...)
    PyObjectArray(x::AbstractArray)

An `N`-dimensional array of Python objects: its elements are `Py`s (a value stored is converted with
`Py(v)`), and `pyjl(a)` is a numpy-viewable array of dtype `object` over the same memory
(`numpy.asarray(pyjl(a))` copies nothing). `PyObjectVector` and `PyObjectMatrix` are its 1- and
2-dimensional kinds.

# Example
```julia
a = PyObjectArray([1, "two", 3.0])
np = pyimport("numpy")
np.asarray(pyjl(a))     # array([1, 'two', 3.0], dtype=object)
```
"""
mutable struct PyObjectArray{N} <: AbstractArray{Py,N}
    ptrs::Array{PyPtr,N}
    function PyObjectArray{N}(::UndefInitializer, dims::NTuple{N,Integer}) where {N}
        a = new{N}(fill(PyPtr(C_NULL), dims))
        # (A finalizer must not call Python: the references are queued, released on the main thread.)
        return finalizer(a -> foreach(p -> p == C_NULL || enqueue_release(p), a.ptrs), a)
    end
end

const PyObjectVector = PyObjectArray{1}
const PyObjectMatrix = PyObjectArray{2}

PyObjectArray{N}(::UndefInitializer, dims::Vararg{Integer,N}) where {N} = PyObjectArray{N}(undef, dims)
PyObjectArray(::UndefInitializer, dims::NTuple{N,Integer}) where {N} = PyObjectArray{N}(undef, dims)
PyObjectArray(::UndefInitializer, dims::Vararg{Integer,N}) where {N} = PyObjectArray{N}(undef, dims)
PyObjectArray{N}(x::AbstractArray{T,N}) where {T,N} = copyto!(PyObjectArray{N}(undef, size(x)), x)
PyObjectArray(x::AbstractArray{T,N}) where {T,N} = PyObjectArray{N}(x)

Base.IndexStyle(::Type{<:PyObjectArray}) = IndexLinear()
Base.size(a::PyObjectArray) = size(a.ptrs)

function Base.isassigned(a::PyObjectArray, i::Integer...)
    checkbounds(Bool, a, i...) || return false
    return a.ptrs[i...] != C_NULL
end

function Base.getindex(a::PyObjectArray, i::Integer...)
    ptr = a.ptrs[i...]
    ptr == C_NULL && throw(UndefRefError())
    return with_py(() -> pynew(incref(ptr)))
end

function Base.setindex!(a::PyObjectArray, v, i::Integer...)
    checkbounds(a, i...)
    o = Py(v)
    with_py() do
        old = a.ptrs[i...]
        a.ptrs[i...] = incref(getptr(o))
        old == C_NULL || decref(old)
    end
    return a
end

function Base.deleteat!(a::PyObjectVector, i::Integer)
    checkbounds(a, i)
    old = a.ptrs[i]
    deleteat!(a.ptrs, i)
    old == C_NULL || with_py(() -> decref(old))
    return a
end

# (numpy reads the pointers as an object array: it takes its own references to the elements it reads. The
# pointers stay where they are while numpy may read them: the vector cannot grow or shrink any more.)
function array_interface(a::PyObjectArray, args)
    fix_pinned_memory!(handle(args), a.ptrs)
    return pydict("shape" => size(a), "typestr" => "|O", "version" => 3,
                  "data" => (Int(UInt(pointer(a.ptrs))), false),
                  "strides" => strides(a.ptrs) .* sizeof(PyPtr))
end
