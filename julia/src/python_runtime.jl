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
            for name in ("setup", "begin_request", "end_request", "execute", "record", "history_query",
                         "comm", "comm_info", "py2jl", "jl2py", "take_released", "eval_object", "get_object",
                         "describe_object", "build_object", "mime_bundle_json", "format_exception",
                         "is_numpy_scalar_type", "complete", "inspect", "warm_up_in_background",
                         "look_like_ipykernel", "begin_user_code", "end_user_code", "variables",
                         "julia_output", "julia_event", "julia_pending_address", "descriptor_readers",
                         "child_output", "julia_input", "end_session")
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
    run_python_cell(code, options) -> String

Run a Python cell through the worker's IPython shell; `options` are the request's fields (`cell`,
`first_line`, `silent`, `store_history`). The reply as JSON text, ready to forward.
"""
run_python_cell(code::AbstractString, options::AbstractDict) =
    with_gil(() -> py_call_string(PY_RUNTIME["execute"], code, json(options)))

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

"""
    begin_python_request(id, parent="")

Tell Python which request its output from now on belongs to, and the header of the Jupyter message the
request was made for (JSON text; empty for the worker's own requests).
"""
function begin_python_request(id::Integer, parent::AbstractString="")
    python_ready() && with_gil(() -> py_call_string(PY_RUNTIME["begin_request"], id, parent))
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
