# Python's object protocol, with PythonCall's names and meanings. Every argument may be any Julia value
# (made a Python object as `Py(x)` does); results are `Py`s unless the name says otherwise (`pytruth` is a
# `Bool`, `pylen` an `Int`) or a type is asked for (`pyrepr(String, x)`).

"""
    pyis(x, y)

`x is y` in Python.
"""
pyis(x, y) = pyop((a, b) -> a == b, x, y)

"""
    pytype(x)

The Python type of `x` (`type(x)` in Python).
"""
pytype(x) = pyref(a -> unary_ref(:type, a), x)

"""
    pyrepr(x), pyrepr(String, x)

`repr(x)` in Python; the second form as a Julia `String`.
"""
pyrepr(x) = pyref(a -> unary_ref(:repr, a), x)
pyrepr(::Type{String}, x) = pyop(a -> text_of(a, true), x)

"""
    pyascii(x), pyascii(String, x)

`ascii(x)` in Python.
"""
pyascii(x) = pyref(a -> unary_ref(:ascii, a), x)
pyascii(::Type{String}, x) = pyop(a -> (s = unary_ref(:ascii, a); try string_of(s) finally decref(s) end), x)

"""
    pyhasattr(x, k)

`hasattr(x, k)` in Python: whether `getattr(x, k)` does not raise `AttributeError`.
"""
pyhasattr(x, k) = pyop((a, b) -> (r = try_getattr_ref(a, b); decref(r); r != C_NULL), x, k)

"""
    pygetattr(x, k, [d])

`getattr(x, k)` (`x.k`) in Python; `d` if it has no such attribute.
"""
pygetattr(x, k) = pyref(getattr_ref, x, k)
function pygetattr(x, k, d)
    r = pyop(try_getattr_ref, x, k)
    return r == C_NULL ? d : pynew(r)
end

"""
    pysetattr(x, k, v)

`setattr(x, k, v)` (`x.k = v`) in Python.
"""
pysetattr(x, k, v) = (pyop(setattr, x, k, v); nothing)

"""
    pydelattr(x, k)

`delattr(x, k)` (`del x.k`) in Python.
"""
pydelattr(x, k) = (pyop((a, b) -> setattr(a, b, C_NULL), x, k); nothing)

"""
    pyissubclass(s, t)

`issubclass(s, t)` in Python.
"""
pyissubclass(s, t) = pyop(issubclass, s, t)

"""
    pyisinstance(x, t)

`isinstance(x, t)` in Python.
"""
pyisinstance(x, t) = pyop(isinstance, x, t)

"""
    pyhash(x)

`hash(x)` in Python, an `Int`.
"""
pyhash(x) = pyop(hash_of, x)

"""
    pytruth(x)

`bool(x)` in Python, a `Bool`.
"""
pytruth(x) = pyop(truth, x)

"""
    pynot(x)

`not x` in Python, a `Bool`.
"""
pynot(x) = !pytruth(x)

"""
    pylen(x)

`len(x)` in Python, an `Int`.
"""
pylen(x) = pyop(length_of, x)

"""
    pyhasitem(x, k)

Whether `x[k]` does not raise `KeyError` or `IndexError`.
"""
pyhasitem(x, k) = pyop((a, b) -> (r = try_getitem_ref(a, b); decref(r); r != C_NULL), x, k)

"""
    pygetitem(x, k, [d])

`x[k]` in Python; `d` if that raises `KeyError` or `IndexError`.
"""
pygetitem(x, k) = pyref(getitem_ref, x, k)
function pygetitem(x, k, d)
    r = pyop(try_getitem_ref, x, k)
    return r == C_NULL ? d : pynew(r)
end

"""
    pysetitem(x, k, v)

`x[k] = v` in Python.
"""
pysetitem(x, k, v) = (pyop(setitem, x, k, v); nothing)

"""
    pydelitem(x, k)

`del x[k]` in Python.
"""
pydelitem(x, k) = (pyop(delitem, x, k); nothing)

"""
    pydir(x)

`dir(x)` in Python.
"""
pydir(x) = pyref(a -> unary_ref(:dir, a), x)

"""
    pycall(f, args...; kwargs...)

Call the Python object `f` (any Julia value is made one first); the result is a `Py`.
"""
pycall(f, args...; kwargs...) = pyref(g -> call_ref(g, args...; kwargs...), f)

"""
    pycallable(x)

`callable(x)` in Python, a `Bool`.
"""
pycallable(x) = pyop(callable, x)

"""
    pyeq(x, y), pyne, pyle, pylt, pyge, pygt

`x == y` (`!=`, `<=`, `<`, `>=`, `>`) in Python; with a first argument `Bool`, as a `Bool`.
"""
function pyeq end

for (f, op) in ((:pyeq, :eq), (:pyne, :ne), (:pyle, :le), (:pylt, :lt), (:pyge, :ge), (:pygt, :gt))
    @eval begin
        $f(x, y) = pyref((a, b) -> compare_ref(a, b, $(QuoteNode(op))), x, y)
        $f(::Type{Bool}, x, y) = pyop((a, b) -> compare(a, b, $(QuoteNode(op))), x, y)
    end
end

"""
    pycontains(x, v)

`v in x` in Python, a `Bool`.
"""
pycontains(x, v) = pyop(has_item, x, v)

"""
    pyin(v, x)

`v in x` in Python, a `Bool`.
"""
pyin(v, x) = pycontains(x, v)

"""
    pyiter(x)

`iter(x)` in Python.
"""
pyiter(x) = pyref(iter_ref, x)

"""
    pynext(it, [d])

`next(it)` in Python: the next item of the iterator `it`; once there are none, `d`, or `StopIteration`
raised as a `PyException`.
"""
function pynext(it)
    r = pyop(next_ref, it)
    r == C_NULL && throw(PyException(pybuiltins.StopIteration()))
    return pynew(r)
end
pynext(it, d) = (r = pyop(next_ref, it); r == C_NULL ? d : pynew(r))

"""
    unsafe_pynext(it)

The next item of the iterator `it`, or a NULL `Py` once there are none.
"""
unsafe_pynext(it::Py) = pynew(pyop(next_ref, it))

"""
    pyisnone(x)

Whether `x` is `None`.
"""
pyisnone(x) = pyop(a -> a == none(), x)

"""
    pywith(f, o, d=nothing)

`with o as x: f(x)` in Python: the value of `f(x)`, or `d` if an exception was raised and the context
manager suppressed it.
"""
function pywith(f, o, d=nothing)
    o = Py(o)
    t = pytype(o)
    exit = t.__exit__
    value = t.__enter__(o)
    exited = false
    try
        return f(value)
    catch err
        if err isa PyException
            exited = true
            pytruth(exit(o, err.t, err.v, err.b)) && return d
        end
        rethrow()
    finally
        exited || exit(o, pybuiltins.None, pybuiltins.None, pybuiltins.None)
    end
end

"""
    pyprint(args...; kwargs...)

`print(...)` in Python.
"""
pyprint(args...; kwargs...) = (pybuiltins.print(args...; kwargs...); nothing)

"""
    pyhelp([x])

`help(x)` in Python.
"""
pyhelp(args...) = (pybuiltins.help(args...); nothing)

"""
    pyall(x), pyany(x)

`all(x)` (`any(x)`) in Python, a `Bool`.
"""
pyall(x) = pytruth(pybuiltins.all(x))
pyany(x) = pytruth(pybuiltins.any(x))

"""
    pycompile(...)

`compile(...)` in Python.
"""
pycompile(args...; kwargs...) = pybuiltins.compile(args...; kwargs...)
