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
pyeval(code::AbstractString) = python_value("eval_object", code)

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
pyget(name::Union{AbstractString,Symbol}) = python_value("get_object", string(name))

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

function python_value(entry::String, argument::String)
    python_ready() || throw(PythonError(PYTHON_STATUS[]))
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    with_py(() -> py_value(py_call_raw(PY_RUNTIME[entry], argument)))
end

function python_object(entry::String, argument::String, ::Type{T}) where {T}
    python_ready() || throw(PythonError(PYTHON_STATUS[]))
    o = with_py(() -> steal(py_call_raw(PY_RUNTIME[entry], argument)))
    return T === Py ? o : pyconvert(T, o)
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

# -- Julia objects in Python: one C entry point for every operation of a JuliaObject proxy ------------------

# The operations, numbered as in python/_metapoly_worker/julia_object.py.
const CALL, GETATTR, SETATTR, GETITEM, SETITEM, LEN, REPR, STR, ITER, CONTAINS, BINARY, BUNDLE, DIR = 0:12
const BINARY_OPERATORS = Dict{String,Function}("+" => +, "-" => -, "*" => *, "/" => /, "^" => ^, "==" => ==,
                                               "!=" => !=, "<" => <, "<=" => <=, ">" => >, ">=" => >=)
const JULIA_ERROR = Ref{PyPtr}(C_NULL)

"""
    julia_op(op, handle, args, kwargs) -> PyPtr

Entry point of `JuliaObject` proxies (called with the GIL held): operation `op` on the Julia object pinned
under `handle` (0: `Main`) with the Python tuple `args` and dict (or None) `kwargs`, converted by the
bridge's table; the result converted back. A Julia error becomes a Python `JuliaError` (an interrupt,
KeyboardInterrupt); nothing is thrown through Python's C frames.
"""
function julia_op(op::Cint, handle::Int64, args::PyPtr, kwargs::PyPtr)
    try
        target = handle == 0 ? Main : PINNED[handle]
        result = julia_operation(op, target, python_arguments(args), python_keywords(kwargs))
        return py_new(result)  # a new reference, which ctypes takes over
    catch err
        raise_in_python(err isa LoadError ? err.error : err, catch_backtrace())
        return C_NULL
    end
end

function julia_operation(op::Integer, x, args::Vector{Any}, kwargs)
    if op == CALL
        # Python's threads may run while Julia does: the GIL is let go, and taken for each Python call.
        state = ccall(:PyEval_SaveThread, Ptr{Cvoid}, ())
        try
            # (Without keywords, a plain call: the keyword sorter would cost more than the call.)
            return running_user_code(() -> isempty(kwargs) ? Base.invokelatest(x, args...) :
                                                               Base.invokelatest(x, args...; kwargs...))
        finally
            ccall(:PyEval_RestoreThread, Cvoid, (Ptr{Cvoid},), state)
        end
    end
    op == GETATTR && return Base.invokelatest(x isa Module ? getfield : getproperty, x, Symbol(args[1]))
    if op == SETATTR
        x isa Module ? set_global!(x, Symbol(args[1]), args[2]) : setproperty!(x, Symbol(args[1]), args[2])
        return nothing
    end
    op == GETITEM && return x[args...]
    op == SETITEM && (x[args[2:end]...] = args[1]; return nothing)
    op == LEN && return length(x)
    op == REPR && return "Julia: " * sprint(show, MIME("text/plain"), x; context=:limit => true)
    op == STR && return string(x)
    op == ITER && return collect(x)
    op == CONTAINS && return args[1] in x
    if op == BINARY
        name, other, reflected = args
        f = BINARY_OPERATORS[name]
        return reflected ? f(other, x) : f(x, other)
    end
    op == BUNDLE && return mime_bundle(x)
    op == DIR && return string.(x isa Module ? names(x; imported=true) : propertynames(x))
    throw(ArgumentError("no Julia operation $op"))
end

# The items of a Python tuple (borrowed), converted by the table.
python_arguments(args::PyPtr) =
    Any[py_value(py_object(ccall(:PyTuple_GetItem, PyPtr, (PyPtr, Cssize_t), args, i - 1)))
        for i in 1:ccall(:PyTuple_Size, Cssize_t, (PyPtr,), args)]

function python_keywords(kwargs::PyPtr)
    pairs = Pair{Symbol,Any}[]
    kwargs == py_none() && return pairs
    pos, key, value = Ref{Cssize_t}(0), Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL)
    while ccall(:PyDict_Next, Cint, (PyPtr, Ref{Cssize_t}, Ref{PyPtr}, Ref{PyPtr}), kwargs, pos, key,
                value) == 1
        push!(pairs, Symbol(py_string(key[])) => py_value(py_object(value[])))
    end
    return pairs
end

function raise_in_python(err, backtrace)
    if err isa InterruptException
        ccall(:PyErr_SetNone, Cvoid, (PyPtr,), unsafe_load(Ptr{PyPtr}(cglobal(:PyExc_KeyboardInterrupt))))
        return
    end
    if JULIA_ERROR[] == C_NULL
        JULIA_ERROR[] = py_getattr(py_import("_metapoly_worker.julia_object"), "JuliaError")
    end
    ccall(:PyErr_SetString, Cvoid, (PyPtr, Cstring), JULIA_ERROR[], error_text(err) * user_frames(backtrace))
end

# The frames of code from the notebook's cells (and `julia.eval`) in `backtrace`, as Julia prints them.
# Frames are looked up only down to this entry point: below it lie ctypes' and libpython's, whose debug
# information Julia 1.5 cannot read (it complains on stderr, which is the cell's output).
function user_frames(backtrace)
    users(f) = startswith(basename(String(f.file)), "In[") || basename(String(f.file)) == "julia.eval"
    frames = StackTraces.StackFrame[]
    for ip in backtrace, frame in StackTraces.lookup(ip)
        frame.func === :julia_operation && break
        users(frame) && push!(frames, frame)
    end
    isempty(frames) && return ""
    lines = (string(" [", i, "] ", sprint(show, f)) for (i, f) in enumerate(frames))
    return "\nStacktrace:\n" * join(lines, "\n")
end

# `ErrorException: boom`: the error's type, then its message (which some errors start with their type).
function error_text(err)
    text, type = sprint(showerror, err), string(nameof(typeof(err)))
    return startswith(text, type) ? text : string(type, ": ", text)
end

julia_op_address() = Int(UInt(@cfunction(julia_op, PyPtr, (Cint, Int64, PyPtr, PyPtr))))
