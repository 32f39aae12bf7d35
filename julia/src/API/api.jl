# The in-code bridge API of Julia cells, with the conversion rules of %py2jl and %jl2py: `pyeval("expr")`,
# `py"expr"`, `pyget("name")`, `pyset!("name", value)`. (Python cells have the `julia` object:
# JlWrap/julia_api.jl.)

"""
    pyeval(code)

Evaluate Python code in the notebook's `__main__` and return its value, converted like `%py2jl` (arrays
shared, other values copied), or a [`Py`](@ref) where there is no Julia equivalent (a module, a
DataFrame...). Statements run and return `nothing`. `py"expr"` is the same. A Python error is thrown as a
[`PyException`](@ref).

```julia
pyset!("n", 3)
pyeval("[i ** 2 for i in range(n)]")   # [0, 1, 4]
np = pyeval("__import__('numpy')")     # a Py
```
"""
pyeval(code::AbstractString) = python_object(:eval_object, code)

"""
    pyeval(T, code)

The value of `code` as a `T`: `pyeval(Py, code)` is the Python object itself, never converted;
`pyeval(Vector{Float64}, "[1, 2]")` converts like [`pyconvert`](@ref).
"""
pyeval(::Type{T}, code::AbstractString) where {T} = python_object(:eval_object, code, T)

"""
    pyget(name)

The value of the Python variable `name` of `__main__`, converted like `pyeval`.
"""
pyget(name::Union{AbstractString,Symbol}) = python_object(:get_object, string(name))

"""
    pyget(T, name)

The Python variable `name` as a `T`: `pyget(Py, :df)` is the object itself, never converted.
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
    py"expr"

Evaluate a Python expression in the notebook's `__main__`: `py"sum(range(10))"` is 45.
"""
macro py_str(code)
    return :(pyeval($code))
end

# The object the runtime's `entry` returns for `argument`, as a `T` (`Any`: converted by the table).
function python_object(entry::Symbol, argument::String, ::Type{T}=Any) where {T}
    python_ready() || throw(PythonError(python_status()))
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    o = with_py(() -> pynew(runtime_ref(entry, argument)))
    return T === Py ? o : pyconvert(T, o)
end
