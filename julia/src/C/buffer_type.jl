# Python types made from C whose instances export memory through the buffer protocol (`memoryview(x)`,
# `bytes(x)`): how juliacall's ArrayValue gives a Julia array's memory (JlWrap/buffer.jl), since a Python
# 3.11 class cannot define buffers itself. The caller's `bf_getbuffer` fills the view with `fill_buffer!`.

# (CPython keeps pointing at a type's name and slots: they live as long as the process.)
const BUFFER_TYPE_SPECS = Any[]

"""
    buffer_type_ref(name, getbuffer, releasebuffer) -> PyPtr

A new reference to a new type `name` (`"module.Name"`), derived from `object` and derivable, whose instances
export buffers through the C functions `getbuffer` (`int (PyObject *, Py_buffer *, int)`) and
`releasebuffer` (`void (PyObject *, Py_buffer *)`).
"""
function buffer_type_ref(name::String, getbuffer::Ptr{Cvoid}, releasebuffer::Ptr{Cvoid})
    slots = [PyTypeSlot(Py_bf_getbuffer, getbuffer), PyTypeSlot(Py_bf_releasebuffer, releasebuffer),
             PyTypeSlot(0, C_NULL)]
    spec = Ref(PyTypeSpec(pointer(name), 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, pointer(slots)))
    push!(BUFFER_TYPE_SPECS, (name, slots, spec))
    return PyType_FromSpecWithBases(spec, C_NULL)
end

"""
    fill_buffer!(view, owner, memory, itemsize, format, shape, strides, readonly, flags)

Fill the `Py_buffer` at `view` for `owner` (taking a reference to it) with `memory` of elements of
`itemsize` bytes, the struct module's `format` (a pointer to a string that outlives the view), `shape` and
byte `strides`, giving only what the consumer asked for in `flags`; throws an `ArgumentError` if the
memory is not what it asked for (writable, contiguous). The shape and strides are copied into memory
`release_buffer!` frees.
"""
function fill_buffer!(view::Ptr{PyBuffer}, owner::PyPtr, memory::Ptr, itemsize::Int, format::Ptr{UInt8},
                      shape::Dims, strides::Dims, readonly::Bool, flags::Cint)
    wants(f) = flags & f == f
    n = length(shape)
    c, f = is_dense(shape, strides, itemsize, n:-1:1), is_dense(shape, strides, itemsize, 1:n)
    readonly && wants(PyBUF_WRITABLE) && throw(ArgumentError("this memory is read-only"))
    wants(PyBUF_C_CONTIGUOUS) && !c && throw(ArgumentError("this memory is not C-contiguous"))
    wants(PyBUF_F_CONTIGUOUS) && !f && throw(ArgumentError("this memory is not Fortran-contiguous"))
    wants(PyBUF_ANY_CONTIGUOUS) && !(c || f) && throw(ArgumentError("this memory is not contiguous"))
    !wants(PyBUF_STRIDES) && !c &&
        throw(ArgumentError("this memory is not C-contiguous: ask for its strides (as memoryview does)"))
    dims = Ptr{Cssize_t}(Libc.malloc(max(2n, 1) * sizeof(Cssize_t)))
    for i in 1:n
        unsafe_store!(dims, shape[i], i)
        unsafe_store!(dims, strides[i], n + i)
    end
    view_shape = wants(PyBUF_ND) ? dims : Ptr{Cssize_t}(C_NULL)
    view_strides = wants(PyBUF_STRIDES) ? dims + n * sizeof(Cssize_t) : Ptr{Cssize_t}(C_NULL)
    unsafe_store!(view, PyBuffer(memory, incref(owner), prod(shape) * itemsize, itemsize, readonly, n,
                                 wants(PyBUF_FORMAT) ? format : Ptr{UInt8}(C_NULL), view_shape, view_strides,
                                 C_NULL, dims))
    return nothing
end

"""
    is_dense(shape, strides, itemsize, order) -> Bool

Whether memory of `shape` and byte `strides` is dense, dimensions `order` going from fastest to slowest
(`n:-1:1`: C's order; `1:n`: Fortran's). Memory of no elements is, as for Python's buffers.
"""
function is_dense(shape, strides, itemsize, order)
    any(iszero, shape) && return true
    expected = itemsize
    for i in order
        shape[i] == 1 || strides[i] == expected || return false
        expected *= shape[i]
    end
    return true
end

"""
    release_buffer!(view)

Free what `fill_buffer!` allocated for the view (its `bf_releasebuffer`; Python drops the owner itself).
"""
release_buffer!(view::Ptr{PyBuffer}) = Libc.free(unsafe_load(view).internal)
