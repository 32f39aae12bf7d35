# The in-code bridge API, for code inside cells, with the conversion rules of %py2jl and %jl2py:
# - in Julia cells: `pyeval("expr")`, `py"expr"`, `pyget("name")`, `pyset!("name", value)`;
# - in Python cells: the `julia` object (python/_metapoly_worker/julia_api.py), which reaches Julia through
#   `julia_callback`. Python calls it on the main thread only, so Julia is never entered from another thread.

export pyeval, pyget, pyset!, @py_str

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
pyeval(code::AbstractString) = python_object("eval_object", code)

"""
    pyeval(T, code)

The value of `code` as a `T`: `pyeval(Py, code)` is the Python object itself, never converted;
`pyeval(Vector{Float64}, "[1, 2]")` converts like [`pyconvert`](@ref).
"""
pyeval(::Type{T}, code::AbstractString) where {T} = python_object("eval_object", code, T)

"""
    pyget(name)

The value of the Python variable `name` of `__main__`, converted like `pyeval`.
"""
pyget(name::Union{AbstractString,Symbol}) = python_object("get_object", string(name))

"""
    pyget(T, name)

The Python variable `name` as a `T`: `pyget(Py, :df)` is the object itself, never converted.
"""
pyget(::Type{T}, name::Union{AbstractString,Symbol}) where {T} = python_object("get_object", string(name), T)

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
function python_object(entry::String, argument::String, ::Type{T}=Any) where {T}
    python_ready() || throw(PythonError(PYTHON_STATUS[]))
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    o = with_py(() -> steal(py_call_raw(PY_RUNTIME[entry], argument)))
    return T === Py ? o : pyconvert(T, o)
end

const CALLBACK_RESULT = Ref("")

"""
    julia_callback(request) -> Ptr{UInt8}

Entry point of the Python `julia` object: a JSON request (`eval`, `get`, `set` or `move`) in, a JSON reply
(`{"value": description}` or `{"error": message}`) out. Nothing may be thrown through Python's C frames.
"""
function julia_callback(request::Cstring)
    CALLBACK_RESULT[] = try
        json(Dict("value" => callback_value(parse_json(unsafe_string(request)))))
    catch err
        json(Dict("error" => error_text(err isa LoadError ? err.error : err)))
    end
    return pointer(CALLBACK_RESULT[])
end

function callback_value(request::Dict)
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    op, pinned = request["op"], Int[]
    if op == "eval"
        value = running_user_code(() -> Base.include_string(soft_scope, Main, request["code"], "julia.eval"))
        return to_description(value, false, pinned; objects=true)
    end
    if op == "move"  # (%py2jl and %jl2py inside Python code)
        pairs = [(String(p[1]), String(p[2])) for p in request["names"]]
        move = request["to"] == "julia" ? move_to_julia : move_to_python
        return to_description(running_user_code(() -> move(pairs, request["copy"])), false, pinned)
    end
    name = request["name"]
    if op == "get"
        julia_global_exists(name) || throw(BridgeError("no Julia variable $name"))
        return to_description(getfield(Main, Symbol(name)), false, pinned; objects=true)
    end
    check_julia_names([name])
    with_gil(() -> bind_in_julia([name], [request["value"]]))
    return Dict("t" => "none")
end

callback_address() = Int(UInt(@cfunction(julia_callback, Ptr{UInt8}, (Cstring,))))

# `ErrorException: boom`: the error's type, then its message (which some errors start with their type).
function error_text(err)
    text, type = sprint(showerror, err), string(nameof(typeof(err)))
    return startswith(text, type) ? text : string(type, ": ", text)
end
