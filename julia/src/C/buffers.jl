# What the wrappers of Wrap/ read of array-like objects at the level of raw pointers: whether a type
# exports buffers, and numpy's `__array_struct__` (a capsule around a C struct), decoded into Julia values.
# Called with the GIL held.

# `tp_as_buffer` is the 21st pointer-sized slot of a type object (after the variable-size header and the
# slots from `tp_name` to `tp_setattro`), stable across Python 3 versions; its first member is
# `bf_getbuffer`.
const TP_AS_BUFFER_SLOT = 21

"""
    type_has_buffer(t) -> Bool

Whether instances of the type `t` export buffers (the buffer protocol: `memoryview(x)` works).
"""
function type_has_buffer(t::PyPtr)
    procs = unsafe_load(Ptr{Ptr{Ptr{Cvoid}}}(t), TP_AS_BUFFER_SLOT)
    return procs != C_NULL && unsafe_load(procs) != C_NULL
end

"""
    capsule_pointer(c) -> Ptr{Cvoid}

The pointer the capsule `c` holds (under whatever name it has).
"""
capsule_pointer(c::PyPtr) = PyCapsule_GetPointer(c, PyCapsule_GetName(c))

# numpy's `PyArrayInterface`, the struct an `__array_struct__` capsule points to.
struct NumpyArrayInterface
    two::Cint                 # always 2: a check that this is the struct
    nd::Cint
    typekind::Cchar           # 'b', 'i', 'u', 'f', 'c', 'O', 'U', 'V', 'M', 'm'...
    itemsize::Cint
    flags::Cint
    shape::Ptr{Cssize_t}
    strides::Ptr{Cssize_t}
    data::Ptr{Cvoid}
    descr::PyPtr              # the dtype's `descr` list, when flags has ARR_HAS_DESCR
end

const NPY_ARRAY_NOTSWAPPED = Cint(0x0200)
const NPY_ARRAY_WRITEABLE = Cint(0x0400)
const NPY_ARR_HAS_DESCR = Cint(0x0800)

"""
    ArrayStruct

What an `__array_struct__` says of an array: element `kind` (numpy's type character) and `itemsize`,
`shape` and byte `strides`, the address of its `data`, whether it is `writable` and in this machine's
byte order (`native`), and its `descr` (a borrowed reference, NULL if none; valid while the capsule is).
"""
struct ArrayStruct
    kind::Char
    itemsize::Int
    shape::Vector{Int}
    strides::Vector{Int}
    data::Ptr{Cvoid}
    writable::Bool
    native::Bool
    descr::PyPtr
end

"""
    array_struct_of(capsule) -> ArrayStruct

The array an `__array_struct__` capsule describes (read while the capsule lives).
"""
function array_struct_of(capsule::PyPtr)
    s = unsafe_load(Ptr{NumpyArrayInterface}(capsule_pointer(capsule)))
    s.two == 2 || throw(PythonError("__array_struct__ does not hold numpy's PyArrayInterface"))
    read_dims(p) = Int[unsafe_load(p, i) for i in 1:s.nd]
    has(flag) = s.flags & flag != 0
    return ArrayStruct(Char(UInt8(s.typekind)), s.itemsize, read_dims(s.shape), read_dims(s.strides), s.data,
                       has(NPY_ARRAY_WRITEABLE), has(NPY_ARRAY_NOTSWAPPED),
                       has(NPY_ARR_HAS_DESCR) ? s.descr : C_NULL)
end
