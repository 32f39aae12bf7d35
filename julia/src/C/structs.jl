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

const PyBUF_RECORDS_RO = Cint(0x001c)  # strides and format, read-only memory allowed
const PyBUF_RECORDS = Cint(0x001d)     # strides and format, writable memory only
const METH_FASTCALL = Cint(0x0080)     # a builtin called with its arguments as a C array

# `ob_type` follows `ob_refcnt` in every object; a type's `tp_name` follows the variable-size header
# (`ob_refcnt`, `ob_type`, `ob_size`).
const OB_TYPE_SLOT = 2
const TP_NAME_SLOT = 4
# The header every object starts with (`ob_refcnt`, `ob_type`); a simple object's value follows it.
const OBJECT_HEADER_SIZE = 2 * sizeof(Ptr{Cvoid})
