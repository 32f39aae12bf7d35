# `Py` and its lifetime. A reference is released exactly once, on Julia's main thread with the GIL held: a
# `Py`'s finalizer may run at any allocation, with or without the GIL, so it queues the pointer
# (`enqueue_release`); the queue is drained by the next operation that holds the GIL (`with_py`), between
# requests, and right after a garbage collection (PythonCall.GC), whose finalizers then release at once.

"""
    Py(x)

A Python object in Julia, as PythonCall's `Py`. Every operation on it returns a `Py` (conversion is
explicit: [`pyconvert`](@ref)): attributes (`np.pi`, `obj.x = 1`), calls with positional and keyword
arguments (`np.linspace(0, 1; num=5)`), indexing (Python's own indices: `lst[0]`), iteration,
comparisons and arithmetic. `Py(x)` is the Python object of the Julia value `x`: `None`, `bool`, `int`,
`float`, `complex`, `str`, `bytes`, `tuple` (of a `Tuple` or a `Pair`), `range`, `Fraction` and `datetime`
objects for the corresponding Julia values.

```julia
np = pyimport("numpy")
x = np.linspace(0, 1; num=5)    # a Py (numpy array)
pyconvert(Float64, x.sum())     # 2.5
```
"""
mutable struct Py
    ptr::PyPtr
    # The object that owns `ptr` (a new reference), released when the object is garbage.
    function Py(ptr::PyPtr, ::Val{:new})
        o = new(ptr)
        finalizer(release!, o)
        return o
    end
end

function release!(o::Py)
    enqueue_release(getfield(o, :ptr))
    setfield!(o, :ptr, C_NULL)
    return nothing
end

"""
    pynew([ptr])

A new `Py` that owns the new reference `ptr`; `pynew()` is a `Py` of no object (NULL) yet, for a
global made before Python runs (then [`pycopy!`](@ref)). As PythonCall's `pynew`.
"""
pynew(ptr::PyPtr=C_NULL) = Py(ptr, Val(:new))

"""
    pynew(x::Py)

A new `Py` for the same Python object as `x`.
"""
pynew(x::Py) = with_py(() -> pynew(incref(getptr(x))))

"""
    getptr(x)

The Python object of `x` (a `Py`, or a wrapper of one such as `PyList`) as a raw pointer, valid while
`x` lives.
"""
getptr(x::Py) = getfield(x, :ptr)

"""
    ispy(x)

Whether `x` is a Python object: a `Py`, or a wrapper of one such as `PyList`.
"""
ispy(::Py) = true
ispy(_) = false

"""
    pyisnull(x)

Whether the Python object `x` is NULL (made by `pynew()` and not yet set).
"""
pyisnull(x) = getptr(x) == C_NULL

"""
    pycopy!(dst, src) -> dst

Make `dst` refer to the object of `src`, as PythonCall's `pycopy!`: how a global `pynew()` gets its object
once Python runs.
"""
function pycopy!(dst::Py, src)
    with_py() do
        old = getfield(dst, :ptr)
        setfield!(dst, :ptr, new_ref(src))
        decref(old)
    end
    return dst
end

"""
    pydel!(x::Py)

Release the Python object of `x` now and make `x` NULL, as PythonCall's `pydel!`. Only for a `x` nothing
else refers to.
"""
function pydel!(x::Py)
    with_py() do
        decref(getfield(x, :ptr))
        setfield!(x, :ptr, C_NULL)
    end
    return nothing
end

"""
    PyNULL

A `Py` that is NULL.
"""
const PyNULL = pynew()

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

# A `Py` (or a wrapper of one) passed where a Python object is expected: itself.
C.new_ref(x::Py) = incref(getptr(x))

"""
    Py(x)

The Python object of the Julia value `x`.
"""
Py(x::Py) = x
Py(x) = with_py(() -> pynew(new_ref(x)))

"""
    with_refs(f, xs...)

`f(refs...)` (GIL held) of new references to the Python objects of `xs`, released after. What every
`py*` function does with its arguments, which may be any Julia values (PythonCall's `@autopy`).
"""
@inline function with_refs(f::F, xs::Vararg{Any,N}) where {F,N}
    refs = new_refs(xs)
    try
        return f(refs...)
    finally
        foreach(decref, refs)
    end
end

new_refs(::Tuple{}) = ()
function new_refs(xs::Tuple)
    first_ref = new_ref(first(xs))
    rest = try
        new_refs(Base.tail(xs))
    catch
        decref(first_ref)
        rethrow()
    end
    return (first_ref, rest...)
end

"""
    pyop(f, xs...)

`f(refs...)` of the Python objects of `xs`, with the GIL, returning what `f` returns.
"""
pyop(f::F, xs::Vararg{Any,N}) where {F,N} = with_py(() -> with_refs(f, xs...))

"""
    pyref(f, xs...) -> Py

The `Py` of the new reference `f(refs...)` returns, for the Python objects of `xs`.
"""
pyref(f::F, xs::Vararg{Any,N}) where {F,N} = with_py(() -> pynew(with_refs(f, xs...)))
