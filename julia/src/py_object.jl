# `Py`: a Julia object that owns one reference to a Python object, as PythonCall's `Py` does; Python
# exceptions as Julia exceptions; the conversions of plain values (None, bool, int, float, complex, str)
# that need no description.
#
# A reference is released exactly once, on Julia's main thread with the GIL held: a `Py`'s finalizer may
# run at any allocation, with or without the GIL, so it only queues the pointer; the queue is drained by
# the next operation that holds the GIL (`with_py`) and between requests.

"""
    Py

A Python object in Julia: attributes (`np.pi`, `obj.x = 1`), calls with positional and keyword arguments
(`np.linspace(0, 1; num=5)`), indexing (with Python's own indices: `lst[0]`), iteration, `length`, `in`,
comparisons and arithmetic go to Python. Results that are `None`, `bool`, `int`, `float`, `complex` or `str`
come back as Julia values, everything else as a `Py`. `Py(x)` makes the Python object of a Julia value;
`pyconvert(T, x)` converts with the rules of `%py2jl`.

```julia
np = pyimport("numpy")
x = np.linspace(0, 1; num=5)    # a Py (numpy array)
x.sum()                         # 2.5
```
"""
mutable struct Py
    ptr::PyPtr
    # The object that owns `ptr` (a new reference), released when the object is garbage.
    function Py(ptr::PyPtr, ::Val{:steal})
        o = new(ptr)
        ptr == C_NULL || finalizer(queue_release, o)
        return o
    end
end

const RELEASE_QUEUE = PyPtr[]

# Only the finalizer pushes and only `release_queued` pops (which never allocates), so a finalizer that runs
# inside either never finds the vector half changed.
function queue_release(o::Py)
    ptr = getfield(o, :ptr)
    ptr == C_NULL || push!(RELEASE_QUEUE, ptr)
    setfield!(o, :ptr, C_NULL)
    return nothing
end

"""
    release_queued()

Drop the references of `Py` objects that were garbage collected (GIL held, main thread).
"""
function release_queued()
    while !isempty(RELEASE_QUEUE)
        py_decref(pop!(RELEASE_QUEUE))
    end
end

"""
    steal(ptr) -> Py

The `Py` owning the new reference `ptr` (GIL held); a NULL `ptr` means Python raised: that is thrown.
"""
steal(ptr::PyPtr) = ptr == C_NULL ? throw(py_exception()) : Py(ptr, Val(:steal))

"""
    borrow(ptr) -> Py

A `Py` of its own for the borrowed reference `ptr` (GIL held).
"""
function borrow(ptr::PyPtr)
    ccall(:Py_IncRef, Cvoid, (PyPtr,), ptr)
    return Py(ptr, Val(:steal))
end

pyptr(o::Py) = getfield(o, :ptr)

"""
    with_py(f)

Run `f()` holding the GIL, after releasing what garbage collection queued. Every operation on a `Py` goes
through here; calling Python requires a running embedded Python. What Julia printed before goes out first:
the Python code may print, display or send a comm message.
"""
function with_py(f)
    python_loaded() || throw(PythonError("Python is not running in this worker"))
    isempty(SEGMENTS) || send_pending(everything=true)
    with_gil() do
        release_queued()
        f()
    end
end

"""
    PyException

A Python exception raised by Python code that Julia called. `e.type` and `e.value` are the Python
exception's type and value (`Py`s); its traceback shows the Python frames of the user's code.

```julia
try
    pyeval("1/0")
catch e
    e isa PyException && println(e.type.__name__)   # ZeroDivisionError
end
```
"""
struct PyException <: Exception
    type::Py
    value::Py
    text::String
end

Base.showerror(io::IO, e::PyException) = print(io, "Python ", e.text)

# The pending Python exception as a PyException (GIL held), cleared from Python.
function py_exception()
    ptype, pvalue, ptb = Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL)
    ccall(:PyErr_Fetch, Cvoid, (Ref{PyPtr}, Ref{PyPtr}, Ref{PyPtr}), ptype, pvalue, ptb)
    ptype[] == C_NULL && return PythonError("a Python call failed without an exception")
    ccall(:PyErr_NormalizeException, Cvoid, (Ref{PyPtr}, Ref{PyPtr}, Ref{PyPtr}), ptype, pvalue, ptb)
    if ptb[] != C_NULL
        ccall(:PyException_SetTraceback, Cint, (PyPtr, PyPtr), pvalue[], ptb[])
        py_decref(ptb[])
    end
    type, value = Py(ptype[], Val(:steal)), Py(pvalue[], Val(:steal))
    text = try
        py_call_string(PY_RUNTIME["format_exception"], pyptr(value))
    catch
        py_str(pyptr(value))
    end
    return PyException(type, value, text)
end

"""
    py_type_name(o) -> String

`module.QualifiedName` of the type of `o`: `pandas.DataFrame`.
"""
py_type_name(o::Py) = with_py() do
    t = borrow(py_type(pyptr(o)))
    name(attr) = py_string(pyptr(steal(ccall(:PyObject_GetAttrString, PyPtr, (PyPtr, Cstring),
                                             pyptr(t), attr))))
    string(name("__module__"), ".", name("__qualname__"))
end

# -- plain values -----------------------------------------------------------------------------------------

py_type(o::PyPtr) = unsafe_load(Ptr{PyPtr}(o), 2)  # ob_type follows ob_refcnt in every CPython object
py_none() = cglobal(:_Py_NoneStruct)

"""
    py_plain(o) -> value or nothing

The Julia value of `o` (borrowed, GIL held) if it is exactly `None`, `bool`, `int`, `float`, `complex`
or `str`, and `nothing` otherwise; `None` itself is `Some(nothing)`.
"""
function py_plain(o::PyPtr)
    o == py_none() && return Some(nothing)
    t = py_type(o)
    t == cglobal(:PyBool_Type) && return Some(o == cglobal(:_Py_TrueStruct))
    t == cglobal(:PyFloat_Type) && return Some(ccall(:PyFloat_AsDouble, Cdouble, (PyPtr,), o))
    t == cglobal(:PyUnicode_Type) && return Some(py_string(o))
    if t == cglobal(:PyLong_Type)
        overflow = Ref{Cint}(0)
        v = ccall(:PyLong_AsLongLongAndOverflow, Clonglong, (PyPtr, Ref{Cint}), o, overflow)
        return Some(overflow[] == 0 ? Int64(v) : parse(BigInt, py_str(o)))
    end
    if t == cglobal(:PyComplex_Type)
        re = ccall(:PyComplex_RealAsDouble, Cdouble, (PyPtr,), o)
        return Some(complex(re, ccall(:PyComplex_ImagAsDouble, Cdouble, (PyPtr,), o)))
    end
    return nothing
end

# Python types whose instances are numbers of numpy's (np.float64, np.int32, np.bool_...), which convert
# like the plain values they hold. Each type is kept alive, so that its address stays its own.
const NUMPY_SCALAR_TYPES = Dict{PyPtr,Bool}()

function numpy_scalar_type(t::PyPtr)
    get!(NUMPY_SCALAR_TYPES, t) do
        py_object(t)
        answer = py_call(PY_RUNTIME["is_numpy_scalar_type"], t)
        py_decref(answer)
        answer == cglobal(:_Py_TrueStruct)
    end
end

"""
    py_result(ptr) -> Any

The result of a Python operation (a new reference, stolen; NULL when it raised): a plain Julia value
(`py_plain`, numpy's scalars too) or a `Py`.
"""
function py_result(ptr::PyPtr)
    ptr == C_NULL && throw(py_exception())
    if numpy_scalar_type(py_type(ptr))
        item = py_call_method(ptr, "item")
        py_decref(ptr)
        ptr = item
    end
    plain = py_plain(ptr)
    plain === nothing && return Py(ptr, Val(:steal))
    py_decref(ptr)
    return something(plain)
end
