# The embedded Python runtime (python/_metapoly_worker): loading it and calling its entry points.

const PY_RUNTIME = Dict{String,PyPtr}()
const PYTHON_STATUS = Ref{String}("Python has not been started.")

"""
    start_python(libpath, executable, home, channel_path, julia_callback, julia_op) -> Bool

Start the embedded interpreter and its runtime, which connects its own output channel to
`channel_path`; `julia_callback` and `julia_op` make the C functions behind Python's `julia` object (its
address) and its Julia-object proxies (`julia_op()`, a new reference to a Python function, GIL held). On
failure, returns false and leaves the reason in `PYTHON_STATUS[]`.
"""
function start_python(libpath, executable, home, channel_path, julia_callback::Integer, julia_op)
    if isempty(libpath)
        PYTHON_STATUS[] = "no libpython was given to the worker"
        return false
    end
    try
        python_initialize(libpath, executable, home)
        version = with_gil() do
            runtime = import_runtime(joinpath(@__DIR__, "python"))
            for name in ("setup", "begin_request", "end_request", "execute", "use_matplotlib", "py2jl", "jl2py",
                         "take_released", "eval_object", "get_object", "describe_object", "build_object",
                         "mime_bundle_json", "format_exception", "is_numpy_scalar_type", "complete",
                         "inspect", "begin_user_code", "end_user_code", "variables", "julia_output",
                         "julia_event", "julia_pending_address", "descriptor_readers", "child_output",
                         "julia_input")
                PY_RUNTIME[name] = py_getattr(runtime, name)
            end
            py_decref(runtime)
            # A dynamic call: compiled now that libpython is loaded, for its `ccall`s to find their symbols.
            op = Base.invokelatest(julia_op)
            try
                py_call_string(PY_RUNTIME["setup"], channel_path, julia_callback, op, log_fd())
            finally
                py_decref(op)
            end
        end
        PYTHON_STATUS[] = "Python $version from $libpath"
        # Julia's output joins Python's, and that of C code and child processes, in one ordered stream.
        STREAM_SINK[] = python_stream_sink
        LINE_SOURCE[] = python_line
        PENDING_FLAG[] = with_gil() do
            address = py_call(PY_RUNTIME["julia_pending_address"])
            flag = ccall(:PyLong_AsVoidPtr, Ptr{Cint}, (PyPtr,), address)
            py_decref(address)
            flag
        end
        save_descriptors()  # (now Python's capture pipes)
        readers = parse_json(with_gil(() -> py_call_string(PY_RUNTIME["descriptor_readers"])))
        CHILD_OUTPUT_FIRST[] = () -> child_output_first(Cint.(readers))
        return true
    catch err
        PYTHON_STATUS[] = "the embedded Python could not start: " * sprint(showerror, err)
        worker_log(PYTHON_STATUS[])
        return false
    end
end

python_ready() = haskey(PY_RUNTIME, "setup")

"""
    runtime_global(submodule, name) -> PyPtr

Object `name` of the runtime's module `submodule` (GIL held), a reference kept for the life of the worker.
"""
function runtime_global(submodule::AbstractString, name::AbstractString)
    m = py_import("_metapoly_worker." * submodule)
    try
        return py_getattr(m, name)
    finally
        py_decref(m)
    end
end

# Import the runtime package from `dir` without leaving `dir` on the user's sys.path.
function import_runtime(dir::AbstractString)
    sys = py_import("sys")
    path = py_getattr(sys, "path")
    py_decref(sys)
    try
        py_decref(py_call_method(path, "insert", 0, dir))
        return py_import("_metapoly_worker")
    finally
        py_decref(py_call_method(path, "remove", dir))
        py_decref(path)
    end
end

"""
    run_python_cell(code, cell) -> String

Run a Python cell; the reply as JSON text, ready to forward.
"""
run_python_cell(code::AbstractString, cell::Integer) =
    with_gil(() -> py_call_string(PY_RUNTIME["execute"], cell, code))

"""
    python_user_code(f)

Run `f()` (a Julia cell) with the Python code it calls marked as user code, which an interrupt stops
with KeyboardInterrupt: a long Python call from Julia cannot be stopped from Julia's side.
"""
function python_user_code(f)
    python_ready() || return f()
    with_gil(() -> py_decref(py_call(PY_RUNTIME["begin_user_code"])))
    try
        return f()
    finally
        with_gil() do
            # An interrupt that came while Julia code ran raises KeyboardInterrupt at the first Python code
            # that runs, which may be this call, before its body: then it is made again.
            r = py_call_raw(PY_RUNTIME["end_user_code"])
            if r == C_NULL
                ccall(:PyErr_Clear, Cvoid, ())
                r = py_call(PY_RUNTIME["end_user_code"])
            end
            py_decref(r)
        end
    end
end

# Text Julia printed, handed to Python's output buffer (GIL taken here: a timer may call this).
function python_stream_sink(name::String, bytes::Vector{UInt8}, request::Int)
    with_gil() do
        data = py_check(ccall(:PyBytes_FromStringAndSize, PyPtr, (Ptr{UInt8}, Cssize_t), bytes, length(bytes)))
        try
            py_decref(py_call(PY_RUNTIME["julia_output"], name, data, request))
        finally
            py_decref(data)
        end
    end
end

# If C code or a child process wrote to descriptor 1 or 2 since Julia last printed, Julia's pending text and
# then that output are handed over now, before Julia's next text.
function child_output_first(readers::Vector{Cint})
    waiting = Ref{Cint}(0)
    any(fd -> ccall(:ioctl, Cint, (Cint, Culong, Ref{Cint}), fd, FIONREAD, waiting) == 0 && waiting[] > 0,
        readers) || return
    send_pending(everything=true)
    with_gil(() -> py_decref(py_call(PY_RUNTIME["child_output"])))
    return nothing
end

const FIONREAD = Culong(0x541B)  # (Linux)

# A line the user typed for Julia's `stdin`, asked through Python (after the output before it).
function python_line()
    sync_output()
    answer = with_gil(() -> py_call_string(PY_RUNTIME["julia_input"]))
    answer == "None" && return "interrupted", ""  # (the interrupt reached Python first)
    reply = parse_json(answer)
    return reply["status"], get(reply, "line", "")
end

"""
    python_output_event(type, body)

Send an output event (a display, `clear_output`) of the current request through Python's output buffer,
after all the text before it, Julia's and Python's.
"""
function python_output_event(type::AbstractString, body::AbstractString)
    with_gil(() -> py_decref(py_call(PY_RUNTIME["julia_event"], type, body)))
    return nothing
end

"""
    begin_python_request(id)

Tell Python which request its output from now on belongs to.
"""
function begin_python_request(id::Integer)
    python_ready() && with_gil(() -> py_call_string(PY_RUNTIME["begin_request"], id))
    return nothing
end

"""
    end_python_request(id)

Have Python send its pending output and the end-of-request marker for request `id`; its output from then
on belongs to no request.
"""
function end_python_request(id::Integer)
    python_ready() && with_gil(() -> py_call_string(PY_RUNTIME["end_request"], id))
    return nothing
end
