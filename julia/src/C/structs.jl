# The C structs and constants of CPython's API that the worker reads or builds, laid out as CPython lays
# them out (stable since 3.0 for these).

"""
    PyBuffer

`Py_buffer`: what `PyObject_GetBuffer` fills in (a pointer to the memory, its shape and strides).
"""
struct PyBuffer
    buf::Ptr{Cvoid}
    obj::PyPtr
    len::Cssize_t
    itemsize::Cssize_t
    readonly::Cint
    ndim::Cint
    format::Ptr{UInt8}
    shape::Ptr{Cssize_t}
    strides::Ptr{Cssize_t}
    suboffsets::Ptr{Cssize_t}
    internal::Ptr{Cvoid}
end

# What a consumer of a buffer asks for (`flags` of `bf_getbuffer`).
const PyBUF_WRITABLE = Cint(0x0001)
const PyBUF_FORMAT = Cint(0x0004)
const PyBUF_ND = Cint(0x0008)
const PyBUF_STRIDES = Cint(0x0018)
const PyBUF_C_CONTIGUOUS = Cint(0x0038)
const PyBUF_F_CONTIGUOUS = Cint(0x0058)
const PyBUF_ANY_CONTIGUOUS = Cint(0x0098)
const PyBUF_RECORDS_RO = Cint(0x001c)  # strides and format, read-only memory allowed
const PyBUF_RECORDS = Cint(0x001d)     # strides and format, writable memory only
const METH_FASTCALL = Cint(0x0080)     # a builtin called with its arguments as a C array

"""
    PyTypeSlot, PyTypeSpec

`PyType_Slot` and `PyType_Spec`: a type to make with `PyType_FromSpecWithBases` (its name, sizes, flags,
and the C functions of its slots, ended by a zero slot).
"""
struct PyTypeSlot
    slot::Cint
    pfunc::Ptr{Cvoid}
end

struct PyTypeSpec
    name::Ptr{UInt8}
    basicsize::Cint
    itemsize::Cint
    flags::Cuint
    slots::Ptr{PyTypeSlot}
end

const Py_bf_getbuffer = Cint(1)
const Py_bf_releasebuffer = Cint(2)
const Py_TPFLAGS_BASETYPE = Cuint(1 << 10)
const Py_TPFLAGS_DEFAULT = Cuint(1 << 18)

# `ob_type` follows `ob_refcnt` in every object; a type's `tp_name` follows the variable-size header
# (`ob_refcnt`, `ob_type`, `ob_size`).
const OB_TYPE_SLOT = 2
const TP_NAME_SLOT = 4
# The header every object starts with (`ob_refcnt`, `ob_type`); a simple object's value follows it.
const OBJECT_HEADER_SIZE = 2 * sizeof(Ptr{Cvoid})
