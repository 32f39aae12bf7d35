# The in-code bridge API, for code inside cells, with the conversion rules of %py2jl and %jl2py:
# - in Julia cells: `pyeval("expr")`, `py"expr"`, `pyget("name")`, `pyset!("name", value)`;
# - in Python cells: the `julia` object (python/_metapoly_worker/julia_api.py), which reaches Julia through
#   `julia_callback`. Python calls it on the main thread only, so Julia is never entered from another thread.

export pyeval, pyget, pyset!, @py_str, clear_output

"""
    pyeval(code)

Evaluate Python code in the notebook's `__main__` and return its value (arrays shared, other values
copied). Statements run and return `nothing`. `py"expr"` is the same.

```julia
pyset!("n", 3)
pyeval("[i ** 2 for i in range(n)]")   # [0, 1, 4]
```
"""
pyeval(code::AbstractString) = python_value("api_eval", code)

"""
    pyget(name)

The value of the Python variable `name` of `__main__`, converted like `%py2jl name`.
"""
pyget(name::Union{AbstractString,Symbol}) = python_value("api_get", string(name))

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

function python_value(entry::String, argument::String)
    python_ready() || throw(PythonError(PYTHON_STATUS[]))
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    with_gil() do
        result = parse_json(py_call_string(PY_RUNTIME[entry], argument))
        haskey(result, "error") && throw(PythonError(result["error"]))
        first(from_description(result["value"]))
    end
end

const CALLBACK_RESULT = Ref("")

"""
    julia_callback(request) -> Ptr{UInt8}

Entry point of the Python `julia` object: a JSON request (`eval`, `get` or `set`) in, a JSON reply
(`{"value": description}` or `{"error": message}`) out. Nothing may be thrown through Python's C frames.
"""
function julia_callback(request::Cstring)
    CALLBACK_RESULT[] = try
        json(Dict("value" => callback_value(parse_json(unsafe_string(request)))))
    catch err
        err = err isa LoadError ? err.error : err
        json(Dict("error" => string(nameof(typeof(err)), ": ", sprint(showerror, err))))
    end
    return pointer(CALLBACK_RESULT[])
end

function callback_value(request::Dict)
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    op, pinned = request["op"], Int[]
    if op == "eval"
        value = running_user_code(() -> Base.include_string(soft_scope, Main, request["code"], "julia.eval"))
        return to_description(value, false, pinned)
    end
    name = request["name"]
    if op == "get"
        julia_global_exists(name) || throw(BridgeError("no Julia variable $name"))
        return to_description(getfield(Main, Symbol(name)), false, pinned)
    end
    check_julia_names([name])
    with_gil(() -> bind_in_julia([name], [request["value"]]))
    return Dict("t" => "none")
end

callback_address() = Int(UInt(@cfunction(julia_callback, Ptr{UInt8}, (Cstring,))))
