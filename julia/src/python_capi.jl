# The narrow interface to CPython: load libpython, initialise it, hold the GIL, call functions, pass text.
#
# Everything the worker does with Python goes through this file, so that an implementation backed by
# PythonCall.jl can replace it where that package is installed. We talk to CPython's C API by `ccall` on
# function pointers looked up in the libpython we `dlopen` ourselves (with RTLD_GLOBAL: without it,
# extension modules such as numpy fail to import with undefined symbols).

using Libdl

const PyPtr = Ptr{Cvoid}

const LIBPYTHON = Ref{Ptr{Cvoid}}(C_NULL)
const PYFUNCS = Dict{Symbol,Ptr{Cvoid}}()
# Py_SetProgramName and Py_SetPythonHome keep the pointers they are given: the buffers must outlive Python.
const PY_WIDE_STRINGS = Vector{Vector{Cwchar_t}}()

"""
    pyfunc(name) -> Ptr{Cvoid}

The address of C API function `name` in the loaded libpython (looked up once).
"""
function pyfunc(name::Symbol)
    get!(PYFUNCS, name) do
        Libdl.dlsym(LIBPYTHON[], name)
    end
end

python_loaded() = LIBPYTHON[] != C_NULL

function wide_string(s::AbstractString)
    buf = Cwchar_t[Cwchar_t(c) for c in s]
    push!(buf, 0)
    push!(PY_WIDE_STRINGS, buf)
    return pointer(buf)
end

"""
    python_initialize(libpath, executable, home)

Load libpython from `libpath` and start the interpreter as if it were `executable` (so that `site` finds
its virtual environment's packages), with `home` as its base prefix. Python installs no signal handlers
(`Py_InitializeEx(0)`). On return the GIL is released; use `with_gil` around every call into Python.
"""
function python_initialize(libpath::AbstractString, executable::AbstractString, home::AbstractString)
    LIBPYTHON[] = Libdl.dlopen(libpath, Libdl.RTLD_NOW | Libdl.RTLD_GLOBAL)
    ccall(:Py_SetProgramName, Cvoid, (Ptr{Cwchar_t},), wide_string(executable))
    isempty(home) || ccall(:Py_SetPythonHome, Cvoid, (Ptr{Cwchar_t},), wide_string(home))
    ccall(:Py_InitializeEx, Cvoid, (Cint,), 0)
    # The main thread holds the GIL after initialisation; Python threads (output flushing, interrupts)
    # can only run while Julia code runs if we let go of it.
    ccall(:PyEval_SaveThread, Ptr{Cvoid}, ())
    return nothing
end

"""
    with_gil(f)

Run `f()` holding the GIL. Must be called from Julia's main thread, the only thread that calls Python.
"""
function with_gil(f)
    state = ccall(:PyGILState_Ensure, Cint, ())
    try
        return f()
    finally
        ccall(:PyGILState_Release, Cvoid, (Cint,), state)
    end
end

"""
    PythonError(message)

A failure inside the worker's own Python runtime (not in user code, whose errors are reported as results).
"""
struct PythonError <: Exception
    message::String
end
Base.showerror(io::IO, e::PythonError) = print(io, "Python: ", e.message)

py_decref(o::PyPtr) = o == C_NULL || ccall(:Py_DecRef, Cvoid, (PyPtr,), o)

# Fetch and describe the pending Python exception, clearing it. GIL held.
function py_error_message()
    ptype, pvalue, ptb = Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL)
    ccall(:PyErr_Fetch, Cvoid, (Ref{PyPtr}, Ref{PyPtr}, Ref{PyPtr}), ptype, pvalue, ptb)
    message = pvalue[] == C_NULL ? "unknown error" : py_str(pvalue[])
    foreach(py_decref, (ptype[], pvalue[], ptb[]))
    return message
end

function py_check(o::PyPtr)
    o == C_NULL && throw(PythonError(py_error_message()))
    return o
end

# str(o) as a Julia String; GIL held, `o` borrowed.
function py_str(o::PyPtr)
    s = ccall(:PyObject_Str, PyPtr, (PyPtr,), o)
    s == C_NULL && return "<unprintable>"
    try
        return py_string(s)
    finally
        py_decref(s)
    end
end

"""
    py_string(o) -> String

Copy the text of a Python `str` (borrowed reference, GIL held).
"""
function py_string(o::PyPtr)
    size = Ref{Cssize_t}(0)
    p = ccall(:PyUnicode_AsUTF8AndSize, Ptr{UInt8}, (PyPtr, Ref{Cssize_t}), o, size)
    p == C_NULL && throw(PythonError(py_error_message()))
    return unsafe_string(p, size[])
end

"""
    py_object(x) -> PyPtr

A new reference to a Python object for a Julia string, number, Bool, `nothing`, or a `PyPtr` (GIL held).
"""
py_object(x::AbstractString) = py_check(ccall(:PyUnicode_FromStringAndSize, PyPtr,
                                              (Ptr{UInt8}, Cssize_t), String(x), sizeof(x)))
py_object(x::Bool) = py_check(ccall(:PyBool_FromLong, PyPtr, (Clong,), x))
py_object(x::Integer) = typemin(Clonglong) <= x <= typemax(Clonglong) ?
    py_check(ccall(:PyLong_FromLongLong, PyPtr, (Clonglong,), x)) :
    py_check(ccall(:PyLong_FromString, PyPtr, (Cstring, Ptr{Cvoid}, Cint), string(x), C_NULL, 10))
py_object(x::AbstractFloat) = py_check(ccall(:PyFloat_FromDouble, PyPtr, (Cdouble,), x))
py_object(x::Complex) =
    py_check(ccall(:PyComplex_FromDoubles, PyPtr, (Cdouble, Cdouble), real(x), imag(x)))
py_object(x::Union{Symbol,AbstractChar}) = py_object(string(x))
# A Python object already: a new reference to it.
py_object(x::PyPtr) = (ccall(:Py_IncRef, Cvoid, (PyPtr,), x); x)
function py_object(::Nothing)
    none = ccall(:Py_BuildValue, PyPtr, (Cstring,), "")
    return py_check(none)
end

"""
    py_import(name) -> PyPtr

Import module `name` and return a new reference to it (GIL held).
"""
py_import(name::AbstractString) = py_check(ccall(:PyImport_ImportModule, PyPtr, (Cstring,), name))

py_getattr(o::PyPtr, name::AbstractString) =
    py_check(ccall(:PyObject_GetAttrString, PyPtr, (PyPtr, Cstring), o, name))

"""
    py_call(f, args...) -> PyPtr

Call Python callable `f` with Julia values converted by `py_object`; a new reference (GIL held).
"""
py_call(f::PyPtr, args...) = py_check(py_call_raw(f, args...))

"""
    py_call_raw(f, args...) -> PyPtr

`py_call`, returning NULL with the Python exception pending when the call raised.
"""
function py_call_raw(f::PyPtr, args...)
    tuple = py_check(ccall(:PyTuple_New, PyPtr, (Cssize_t,), length(args)))
    try
        for (i, a) in enumerate(args)
            # PyTuple_SetItem steals the reference py_object returns.
            ccall(:PyTuple_SetItem, Cint, (PyPtr, Cssize_t, PyPtr), tuple, i - 1, py_object(a))
        end
        return ccall(:PyObject_CallObject, PyPtr, (PyPtr, PyPtr), f, tuple)
    finally
        py_decref(tuple)
    end
end

"""
    py_call_method(o, name, args...) -> PyPtr

Call method `name` of `o`; a new reference (GIL held).
"""
function py_call_method(o::PyPtr, name::AbstractString, args...)
    f = py_getattr(o, name)
    try
        return py_call(f, args...)
    finally
        py_decref(f)
    end
end

"""
    py_call_string(f, args...) -> String

Call `f` and return its `str` result as a Julia String (GIL held).
"""
function py_call_string(f::PyPtr, args...)
    r = py_call(f, args...)
    try
        return py_string(r)
    finally
        py_decref(r)
    end
end
