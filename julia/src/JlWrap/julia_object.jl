# Julia objects in Python cells: the other half of python/_metapoly_worker/julia_object.py. Every
# operation of a `JuliaObject` proxy is one call of `julia_op`, with Python's arguments as they are.

# The operations, numbered as in python/_metapoly_worker/julia_object.py.
const CALL, GETATTR, SETATTR, GETITEM, SETITEM, LEN, REPR, STR, ITER, CONTAINS, BINARY, BUNDLE, DIR = 0:12
const BINARY_OPERATORS = Dict{String,Function}("+" => +, "-" => -, "*" => *, "/" => /, "^" => ^, "==" => ==,
                                               "!=" => !=, "<" => <, "<=" => <=, ">" => >, ">=" => >=)
const JULIA_ERROR = Ref{PyPtr}(C_NULL)

"""
    julia_op(self, args, nargs) -> PyPtr

Entry point of `JuliaObject` proxies, as a builtin function of Python's (METH_FASTCALL: `args` is a C array
of `nargs` borrowed objects), called with the GIL held: `julia_op(op, handle, args, kwargs=None)` performs
operation `op` on the Julia object pinned under `handle` (0: `Main`) with the Python tuple `args` and dict
`kwargs`, converted by the bridge's table; the result converted back (a new reference). A Julia error
becomes a Python `JuliaError` (an interrupt, KeyboardInterrupt); nothing is thrown through Python's C
frames.
"""
function julia_op(::PyPtr, args::Ptr{PyPtr}, nargs::Cssize_t)
    try
        release_bridged_in_batches()
        op, handle = int_of(unsafe_load(args, 1)), int_of(unsafe_load(args, 2))
        target = handle == 0 ? Main : pinned(handle)
        kwargs = nargs > 3 ? unsafe_load(args, 4) : none()
        result = julia_operation(op, target, python_arguments(unsafe_load(args, 3)), python_keywords(kwargs))
        return new_ref(result)
    catch err
        raise_in_python(err isa LoadError ? err.error : err, catch_backtrace())
        return C_NULL
    end
end

function julia_operation(op::Integer, x, args::Vector{Any}, kwargs)
    # (Python's threads may run while Julia does: the GIL is let go, and taken for each Python call.)
    # (Arguments passed on, not captured: this is the hot path, and a closure is an allocation.)
    op == CALL && return without_gil(running_user_code, call_latest, x, args, kwargs)
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

# (Without keywords, a plain call: the keyword sorter would cost more than the call.)
call_latest(f, args, kwargs) =
    isempty(kwargs) ? Base.invokelatest(f, args...) : Base.invokelatest(f, args...; kwargs...)

# The items of a Python tuple (borrowed), converted by the table.
python_arguments(args::PyPtr) = map_tuple(item -> take_value(incref(item)), args)

python_keywords(kwargs::PyPtr) = kwargs == none() ? Pair{Symbol,Any}[] :
    Pair{Symbol,Any}[Symbol(string_of(k)) => take_value(incref(v)) for (k, v) in dict_items(kwargs)]

function raise_in_python(err, backtrace)
    err isa InterruptException && return raise_interrupt()
    if JULIA_ERROR[] == C_NULL
        JULIA_ERROR[] = runtime_global("julia_object", "JuliaError")
    end
    raise_error(JULIA_ERROR[], error_text(err) * user_frames(backtrace))
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

"""
    julia_op_function() -> PyPtr

A new reference to the Python builtin function behind every `JuliaObject` operation (`julia_op`), which
Python calls as cheaply as its own builtins (through ctypes, each call cost half a microsecond more).
"""
julia_op_function() =
    method_function(JULIA_OP_NAME, @cfunction(julia_op, PyPtr, (PyPtr, Ptr{PyPtr}, Cssize_t)), METH_FASTCALL)

const JULIA_OP_NAME = "julia_op"
