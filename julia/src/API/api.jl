# metapoly's own shorthands for Julia cells, with the friendly conversions of %py2jl and %jl2py (numeric
# arrays shared, containers copied), where PythonCall has none: `pyget("name")`, `pyset!("name", value)`,
# `py"expr"`. (PythonCall's `pyeval` and `pyexec`: Objects/eval.jl; Python cells have the `julia` object:
# JlWrap/julia_api.jl.)

"""
    pyget(name)

The value of the Python variable `name` of the notebook's `__main__`, converted like `%py2jl` (arrays
shared, other values copied), or a [`Py`](@ref) where there is no Julia equivalent (a module, a
DataFrame...).
"""
pyget(name::Union{AbstractString,Symbol}) = python_object(:get_object, string(name))

"""
    pyget(T, name)

The Python variable `name` as a `T` (by [`pyconvert`](@ref)): `pyget(Py, :df)` is the object itself.
"""
pyget(::Type{T}, name::Union{AbstractString,Symbol}) where {T} = python_object(:get_object, string(name), T)

"""
    pyset!(name, value)

Bind `value` to the Python variable `name` of `__main__`, converted like `%jl2py`; returns `value`.
"""
function pyset!(name::Union{AbstractString,Symbol}, value)
    bind_in_python([string(name) => value], false)
    return value
end

"""
    py"code"

Run Python code in the notebook's `__main__`: the value of an expression, converted like `pyget`
(`py"sum(range(10))"` is 45); statements run and give `nothing`.
"""
macro py_str(code)
    return :($python_object(:eval_object, $code))
end

# The object the runtime's `entry` returns for `argument`: converted by the %py2jl table (`Any`), or as a
# `T` by `pyconvert`.
function python_object(entry::Symbol, argument::String, ::Type{T}=Any) where {T}
    python_ready() || throw(PythonError(python_status()))
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    T === Any && return with_py(() -> take_value(runtime_ref(entry, argument)))
    return pyconvert(T, with_py(() -> pynew(runtime_ref(entry, argument))))
end
