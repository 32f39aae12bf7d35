# Julia objects in Python cells: the other half of python/_metapoly_worker/julia_object.py. Every
# operation of a `JuliaObject` proxy is one call of `julia_op`, with Python's arguments as they are.

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
        release_bridged_in_batches()
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
        JULIA_ERROR[] = runtime_global("julia_object", "JuliaError")
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

# `julia_op` as a Python builtin function (METH_FASTCALL: arguments passed as a C array), which Python calls
# as cheaply as its own builtins; through ctypes, each call cost half a microsecond more.
const METH_FASTCALL = Cint(0x0080)

function julia_op_fastcall(::PyPtr, args::Ptr{PyPtr}, nargs::Cssize_t)
    op = ccall(:PyLong_AsLong, Clong, (PyPtr,), unsafe_load(args, 1))
    handle = ccall(:PyLong_AsLongLong, Clonglong, (PyPtr,), unsafe_load(args, 2))
    kwargs = nargs > 3 ? unsafe_load(args, 4) : py_none()
    return julia_op(Cint(op), Int64(handle), unsafe_load(args, 3), kwargs)
end

"""
    julia_op_function() -> PyPtr

A new reference to the Python builtin function behind every `JuliaObject` operation:
`julia_op(op, handle, args, kwargs=None)`.
"""
function julia_op_function()
    # PyMethodDef {ml_name, ml_meth, ml_flags, ml_doc}: Python keeps the pointer, so it is never freed.
    def = Ptr{Ptr{Cvoid}}(Libc.malloc(4 * sizeof(Ptr{Cvoid})))
    unsafe_store!(def, pointer(JULIA_OP_NAME), 1)
    unsafe_store!(def, @cfunction(julia_op_fastcall, PyPtr, (PyPtr, Ptr{PyPtr}, Cssize_t)), 2)
    unsafe_store!(Ptr{Cint}(def + 2 * sizeof(Ptr{Cvoid})), METH_FASTCALL)
    unsafe_store!(def, C_NULL, 4)
    return py_check(ccall(:PyCFunction_NewEx, PyPtr, (Ptr{Cvoid}, PyPtr, PyPtr), def, C_NULL, C_NULL))
end

const JULIA_OP_NAME = "julia_op"
