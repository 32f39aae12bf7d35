# Python objects at the level of raw pointers: references, types, making objects of Julia values, reading
# plain values and text back. Everything here is called with the GIL held, on the main thread. A function
# named `*_ref` returns a new reference, which the caller owns.

"""
    incref(o) -> o

Take a new reference to `o`.
"""
incref(o::PyPtr) = (Py_IncRef(o); o)

"""
    decref(o)

Release the reference `o` (NULL: nothing to release).
"""
decref(o::PyPtr) = (o == C_NULL || Py_DecRef(o); nothing)

"""
    release_queued()

Release the references finalizers queued (`enqueue_release`).
"""
function release_queued()
    while !isempty(RELEASE_QUEUE)
        Py_DecRef(pop!(RELEASE_QUEUE))
    end
end

release_now(ptr::PyPtr) = with_gil(() -> Py_DecRef(ptr))

"""
    release_after_collection()

Release the queue, and from now until the next collection the references finalizers drop (on the main
thread): what PythonCall.GC's hook does after each collection (release_queue.jl).
"""
function release_after_collection()
    isempty(RELEASE_QUEUE) || with_gil(release_queued)
    # (Last: the release itself may collect, and the rest of that collection's finalizers come after.)
    RELEASING_AFTER[] = collection_count()
    return nothing
end

"""
    queue_every_release()

Queue every reference dropped from now on, even after a collection: at exit, where Julia runs every
finalizer and what Python still holds is left to the process's end.
"""
queue_every_release() = (RELEASING_AFTER[] = -1; nothing)

"""
    type_of(o) -> PyPtr

The type of `o` (a borrowed reference).
"""
type_of(o::PyPtr) = unsafe_load(Ptr{PyPtr}(o), OB_TYPE_SLOT)

"""
    type_name(t) -> String

The `tp_name` of type `t`: `numpy.ndarray`.
"""
type_name(t::PyPtr) = unsafe_string(unsafe_load(Ptr{Ptr{UInt8}}(t), TP_NAME_SLOT))

"""
    simple_value(T, o) -> T

The value a simple object `o` holds right after its header, read as a `T`: a numpy scalar's number (a
`numpy.datetime64`'s count and unit), a ctypes object's pointer to its data. `o` must be of a type that
stores a `T` there.
"""
simple_value(::Type{T}, o::PyPtr) where {T} = unsafe_load(Ptr{T}(o + OBJECT_HEADER_SIZE))

# Flags of a type's `tp_flags` that mark the subclasses of builtin types.
const TYPE_FLAGS = (int=Culong(1) << 24, list=Culong(1) << 25, tuple=Culong(1) << 26,
                    bytes=Culong(1) << 27, str=Culong(1) << 28, dict=Culong(1) << 29,
                    exception=Culong(1) << 30, type=Culong(1) << 31)

"""
    is_kind(o, kind) -> Bool

Whether `o` is an instance of the builtin type `kind` or of a subclass: `:int`, `:list`, `:tuple`,
`:bytes`, `:str`, `:dict`, `:exception` (`BaseException`), `:type`.
"""
is_kind(o::PyPtr, kind::Symbol) = PyType_GetFlags(type_of(o)) & TYPE_FLAGS[kind] != 0

"""
    none() -> PyPtr

Python's `None` (a borrowed reference).
"""
none() = _Py_NoneStruct()

"""
    is_true(o) -> Bool

Whether `o` is Python's `True` itself.
"""
is_true(o::PyPtr) = o == _Py_TrueStruct()

"""
    new_ref(x) -> PyPtr

A new reference to the Python object for the Julia value `x`, as PythonCall's `Py(x)` makes it. Here:
strings and characters (`str`), `Bool`, integers (`int`), the machine's floats and complex numbers,
`nothing` (`None`), and a `PyPtr` (itself). The layers above add methods for other values (Objects/types.jl:
tuples, ranges, dates...; JlWrap/values.jl: everything else, wrapped).
"""
new_ref(x::AbstractString) = PyUnicode_FromStringAndSize(String(x), sizeof(x))
new_ref(x::AbstractChar) = new_ref(string(x))
new_ref(x::Bool) = PyBool_FromLong(x)
new_ref(x::Integer) = typemin(Clonglong) <= x <= typemax(Clonglong) ? PyLong_FromLongLong(x) :
    0 <= x <= typemax(Culonglong) ? PyLong_FromUnsignedLongLong(x) : PyLong_FromString(string(x), C_NULL, 10)
new_ref(x::Union{Float16,Float32,Float64}) = PyFloat_FromDouble(x)
new_ref(x::Complex{<:Union{Float16,Float32,Float64}}) = PyComplex_FromDoubles(real(x), imag(x))
new_ref(::Nothing) = incref(none())
new_ref(x::PyPtr) = incref(x)

"""
    bytes_ref(data) -> PyPtr

A new Python `bytes` holding a copy of `data`.
"""
bytes_ref(data::Vector{UInt8}) = PyBytes_FromStringAndSize(data, length(data))

"""
    blank_bytearray_ref(n) -> (PyPtr, Ptr{UInt8})

A new Python `bytearray` of `n` bytes left as they are (not zeroed, for what is read into it at once), and
the address of its bytes.
"""
function blank_bytearray_ref(n::Integer)
    o = PyByteArray_FromStringAndSize(C_NULL, n)
    return o, PyByteArray_AsString(o)
end

"""
    address_ref(p) -> PyPtr

A new Python `int` holding the address `p` (what `id(o)` is for an object at `p`).
"""
address_ref(p::Ptr) = PyLong_FromVoidPtr(p)

"""
    address_of(o) -> Ptr{Cvoid}

The address a Python `int` holds.
"""
address_of(o::PyPtr) = PyLong_AsVoidPtr(o)

"""
    int_of(o) -> Int

The value of a Python `int` that fits in 64 bits.
"""
int_of(o::PyPtr) = Int(PyLong_AsLongLong(o))

"""
    plain_value(o) -> Union{Some,Nothing}

The Julia value of `o` (borrowed) if it is exactly `None`, `bool`, `int` (`Int64`, or `BigInt` beyond),
`float`, `complex` or `str`, wrapped in `Some`; `nothing` for any other object.
"""
function plain_value(o::PyPtr)
    o == none() && return Some(nothing)
    t = type_of(o)
    t == PyBool_Type() && return Some(is_true(o))
    t == PyFloat_Type() && return Some(PyFloat_AsDouble(o))
    t == PyUnicode_Type() && return Some(string_of(o))
    if t == PyLong_Type()
        overflow = Ref{Cint}(0)
        v = PyLong_AsLongLongAndOverflow(o, overflow)
        return Some(overflow[] == 0 ? Int64(v) : parse(BigInt, str_of(o)))
    end
    t == PyComplex_Type() && return Some(complex(PyComplex_RealAsDouble(o), PyComplex_ImagAsDouble(o)))
    return nothing
end

"""
    bytes_of(o) -> Vector{UInt8}

A copy of the bytes of the Python `bytes` `o`.
"""
function bytes_of(o::PyPtr)
    data, size = Ref{Ptr{UInt8}}(C_NULL), Ref{Cssize_t}(0)
    PyBytes_AsStringAndSize(o, data, size)
    return unsafe_wrap(Array, data[], size[]) |> copy
end

"""
    string_of(o) -> String

The text of the Python `str` `o` (borrowed).
"""
function string_of(o::PyPtr)
    size = Ref{Cssize_t}(0)
    return unsafe_string(PyUnicode_AsUTF8AndSize(o, size), size[])
end

"""
    str_of(o) -> String

`str(o)` as a Julia string; `"<unprintable>"` if `str` itself fails.
"""
str_of(o::PyPtr) = text_of(o, false; fallback="<unprintable>")

"""
    text_of(o, repr; fallback) -> String

`repr(o)` (or `str(o)`) as a Julia string. If it fails: `fallback`, or the Python exception if none given.
"""
function text_of(o::PyPtr, repr::Bool; fallback::Union{String,Nothing}=nothing)
    s = try
        repr ? PyObject_Repr(o) : PyObject_Str(o)
    catch err
        err isa PyException && fallback !== nothing || rethrow()
        return fallback
    end
    try
        return string_of(s)
    finally
        decref(s)
    end
end
