# Julia functions as Python functions (PythonCall's `pyfunc`): their arguments arrive as `Py`s, never
# converted, and their value is made a Python object (`Py(result)`); as real Python functions, they are
# methods when put in a class (`pytype`), or class or static methods and properties.

# What a `pyfunc` holds: the function, called with `Py` arguments.
struct PyFunction
    f::Any
end

function callback_call(x::PyFunction, a)
    args = map_tuple(p -> pynew(incref(p)), a[1])
    kwargs = is_none(a, 2) ? nothing :
        Pair{Symbol,Any}[Symbol(string_of(k)) => pynew(incref(v)) for (k, v) in dict_items(a[2])]
    return Py(with_finalizers(running_user_code, call_with, x.f, args, kwargs))
end
error_type(::typeof(callback_call), x, err) =
    err isa MethodError && err.f === x.f ? pybuiltins.TypeError : nothing

"""
    pyfunc(f; name=nothing, qualname=name, doc=nothing, signature=nothing)

A Python function calling the Julia function `f` with its arguments as `Py`s; its value is `Py(f(...))`.
"""
pyfunc(f; name=nothing, qualname=name, doc=nothing, signature=nothing) =
    JULIACALL._function(pyjl(PyFunction(f)), something(name, string(nameof_or_lambda(f))),
                        something(qualname, something(name, string(nameof_or_lambda(f)))), doc, signature)

nameof_or_lambda(f) = applicable(nameof, f) ? nameof(f) : "<lambda>"

"""
    pyclassmethod(f; kwargs...), pystaticmethod(f; kwargs...)

Python's `classmethod` (`staticmethod`) of `pyfunc(f; kwargs...)`.
"""
pyclassmethod(f; kwargs...) = pybuiltins.classmethod(pyfunc(f; kwargs...))
pystaticmethod(f; kwargs...) = pybuiltins.staticmethod(pyfunc(f; kwargs...))

"""
    pyproperty(; get=nothing, set=nothing, del=nothing, doc=nothing), pyproperty(get)

Python's `property` of Julia functions (each made a `pyfunc`).
"""
pyproperty(; get=nothing, set=nothing, del=nothing, doc=nothing) =
    pybuiltins.property(get === nothing ? nothing : pyfunc(get), set === nothing ? nothing : pyfunc(set),
                        del === nothing ? nothing : pyfunc(del), doc)
pyproperty(get) = pyproperty(; get=get)
