# What the code `@py` writes calls when it runs. Every Python object that code makes only to use it once
# (`x.a` in `x.a.b`, `a + b` in `a + b + c`) is released as soon as it has been used, as PythonCall's
# `@py` does, rather than when Julia's garbage collector comes by: a loop over large objects must not
# pile them up.

"""
    Temp(py)

A `Py` that `@py`'s code made and nothing else refers to: [`consume`](@ref) releases it once used.
"""
struct Temp
    py::Py
end

value(x) = x
value(t::Temp) = t.py
release(_) = nothing
release(t::Temp) = pydel!(t.py)

"""
    consume(f, args...; kwargs...)

`f` of the values of `args` and `kwargs`, whose `Temp`s are released after, whatever happened.
"""
function consume(f, args...; kwargs...)
    try
        isempty(kwargs) && return f(map(value, args)...)
        return f(map(value, args)...; (k => value(v) for (k, v) in kwargs)...)
    finally
        foreach(release, args)
        foreach(release, values(kwargs))
    end
end

"""
    constant(cell, x)

The Python object of the literal `x`, made the first time its code runs: `cell` is the `Py` of that code,
NULL until then (and again if someone `pydel!`s what `@py` returned).
"""
constant(cell::Py, x) = pyisnull(cell) ? pycopy!(cell, literal_object(x)) : cell

# Strings are interned, as Python's compiler interns the names and strings of its code: the same literal
# in two places is one object (`@py "a" === "a"`), and attribute names are found faster.
literal_object(x::String) = pyimport("sys").intern(x)
literal_object(x) = x

# A new `Py` that refers to the object of `x`, for code that will release it.
fresh(x) = pynew(Py(x))

# A truth test: Python's, unless the value is already a Julia `Bool` (`x === y`, `isinstance(x, t)`).
condition(x::Bool) = x
condition(x) = pytruth(x)

# Displays: `(a, b)`, `[a, b]`, `{a, b}`, `{k: v, ...}` (keys and values alternate).
tuple_of(items...) = pytuple(items)
list_of(items...) = pylist(items)
set_of(items...) = pyset(items)
function dict_of(keys_and_values...)
    d = pydict()
    for i in 1:2:length(keys_and_values)
        pysetitem(d, keys_and_values[i], keys_and_values[i+1])
    end
    return d
end

"""
    splat_items(x)

The items of `x` (Python's `*x`), as `Temp`s: `x` is made a Python object and iterated.
"""
function splat_items(x)
    try
        return Temp[Temp(item) for item in Py(value(x))]
    finally
        release(x)
    end
end

"""
    keyword_pairs(x)

The keyword arguments of the mapping `x` (Python's `**x`): `name => Temp(value)` pairs.
"""
function keyword_pairs(x)
    try
        mapping = Py(value(x))
        return [keyword_name(name) => Temp(pygetitem(mapping, name)) for name in mapping.keys()]
    finally
        release(x)
    end
end

function keyword_name(name::Py)
    pyisstr(name) || throw(PyException(pybuiltins.TypeError("keywords must be strings")))
    return Symbol(pystr(String, name))
end

# `print(...)`, whose `None` PythonCall's `@py` gives as `nothing`.
call_discarding(f, args...; kwargs...) = (pydel!(pycall(f, args...; kwargs...)); nothing)

# `"a$(x)b"`: the parts, each as Python's `str` of it, joined.
interpolate(parts...) = pystr(join(part isa AbstractString ? part : pystr(String, part) for part in parts))

# `x.k = v` and `x[k] = v`, whose value is `v`.
assign_attr(x, k, v) = (pysetattr(x, k, v); v)
assign_item(x, k, v) = (pysetitem(x, k, v); v)

"""
    unpack(x, n) -> Vector{Py}

The `n` items of `x` (`a, b = x` in Python), or Python's `ValueError` if it has more or fewer.
"""
function unpack(x, n::Int)
    iterator = pyiter(x)
    items = Py[]
    while length(items) <= n
        item = unsafe_pynext(iterator)
        pyisnull(item) && break
        push!(items, item)
    end
    pydel!(iterator)
    length(items) == n && return items
    foreach(pydel!, items)
    message = length(items) > n ? "too many values to unpack (expected $n)" :
        "not enough values to unpack (expected $n, got $(length(items)))"
    throw(PyException(pybuiltins.ValueError(message)))
end

"""
    from_import(m, name, module_name)

`name` from the module `m` (`from m import name` in Python): its attribute, or else its submodule.
"""
function from_import(m::Py, name::String, module_name::String)
    pyhasattr(m, name) && return pygetattr(m, name)
    try
        return pyimport("$module_name.$name")
    catch err
        err isa PyException && pyisinstance(err.v, pybuiltins.ModuleNotFoundError) || rethrow()
        throw(PyException(pybuiltins.ImportError("cannot import name '$name' from '$module_name'")))
    end
end
