# `Py` and its lifetime. A reference is released exactly once, on Julia's main thread with the GIL held: a
# `Py`'s finalizer may run at any allocation, with or without the GIL, so it only queues the pointer
# (`enqueue_release`); the queue is drained by the next operation that holds the GIL (`with_py`) and
# between requests.

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
    function Py(ptr::PyPtr, ::Val{:new})
        o = new(ptr)
        ptr == C_NULL || finalizer(release!, o)
        return o
    end
end

function release!(o::Py)
    enqueue_release(getfield(o, :ptr))
    setfield!(o, :ptr, C_NULL)
    return nothing
end

"""
    pynew(ptr) -> Py

The `Py` that owns the new reference `ptr`; `pynew()` is a `Py` of no object yet, for a global made before
Python runs (then `pycopy!`). As PythonCall's `pynew`.
"""
pynew(ptr::PyPtr=C_NULL) = Py(ptr, Val(:new))

"""
    pycopy!(dst, src) -> dst

Make `dst` refer to the object of `src`, as PythonCall's `pycopy!`: how a global `pynew()` gets its object
once Python runs. A `dst` made by `pynew()` keeps its reference for the life of the worker.
"""
function pycopy!(dst::Py, src::Py)
    with_py() do
        old = getfield(dst, :ptr)
        setfield!(dst, :ptr, incref(getptr(src)))
        decref(old)
    end
    return dst
end

"""
    getptr(o) -> PyPtr

The Python object of `o` (a reference `o` owns: valid while `o` lives).
"""
getptr(o::Py) = getfield(o, :ptr)

"""
    with_py(f)

Run `f()` holding the GIL, after releasing what garbage collection queued. Every operation on a `Py` goes
through here; calling Python requires a running embedded Python. What Julia printed before goes out first:
the Python code may print, display or send a comm message.
"""
function with_py(f)
    python_loaded() || throw(PythonError("Python is not running in this worker"))
    send_pending(everything=true)
    with_gil() do
        release_queued()
        f()
    end
end

# A PyException's `type` and `value` are `Py`s of their own.
function Base.getproperty(e::PyException, name::Symbol)
    name === :type && return pynew(incref(getfield(e, :ptype)))
    name === :value && return pynew(incref(getfield(e, :pvalue)))
    return getfield(e, name)
end

Base.showerror(io::IO, e::PyException) = print(io, "Python ", exception_text(e))

# The exception as a traceback of the user's Python frames, then the error (made once, when first shown).
function exception_text(e::PyException)
    text = getfield(e, :text)
    text === nothing || return text
    value = getfield(e, :pvalue)
    text = with_py() do
        python_ready() || return str_of(value)
        try
            runtime_call(:format_exception, value)
        catch
            str_of(value)
        end
    end
    setfield!(e, :text, text)
    return text
end

"""
    py_type_name(o) -> String

`module.QualifiedName` of the type of `o`: `pandas.DataFrame`.
"""
py_type_name(o::Py) =
    with_py(() -> string(type_attribute(o, "__module__"), ".", type_attribute(o, "__qualname__")))

# The text of attribute `name` (a `str`) of the type of `o`.
function type_attribute(o::Py, name::String)
    a = getattr_ref(type_of(getptr(o)), name)
    try
        return string_of(a)
    finally
        decref(a)
    end
end
