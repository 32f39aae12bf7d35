# The embedded Python runtime (python/_metapoly_worker): loading it and calling its entry points.

# The functions of `_metapoly_worker` that Julia calls (its `__all__`; julia/INSIDE.md says what each does).
const ENTRY_POINTS = (
    :setup, :begin_request, :end_request, :execute, :record, :history_query, :end_session, :comm, :comm_info,
    :py2jl, :jl2py, :take_released, :eval_object, :get_object, :describe_object,
    :mime_bundle_json, :format_exception, :complete, :inspect,
    :begin_user_code, :end_user_code, :variables, :julia_output, :julia_event,
    :julia_pending_address, :descriptor_readers, :child_output, :julia_input, :debug,
)

const RUNTIME = Dict{Symbol,PyPtr}()
const PYTHON_STATUS = Ref{String}("Python has not been started.")

"""
    start_python(libpath, executable, home, channel_path, julia_callback) -> Bool

Start the embedded interpreter and its runtime, which connects its own output channel to
`channel_path`; `julia_callback` is the address of the C function behind Python's `julia` object. On
failure, returns false and leaves the reason in `python_status()`.
"""
function start_python(libpath, executable, home, channel_path, julia_callback::Integer)
    if isempty(libpath)
        PYTHON_STATUS[] = "no libpython was given to the worker"
        return false
    end
    try
        python_initialize(libpath, executable, home)
        version = with_gil() do
            runtime = import_worker_package("_metapoly_worker")
            try
                for name in ENTRY_POINTS
                    RUNTIME[name] = getattr_ref(runtime, name)
                end
            finally
                decref(runtime)
            end
            call_string(RUNTIME[:setup], channel_path, julia_callback, log_fd())
        end
        PYTHON_STATUS[] = "Python $version from $libpath"
        return true
    catch err
        isempty(RUNTIME) || with_gil(() -> foreach(decref, values(RUNTIME)))
        empty!(RUNTIME)
        PYTHON_STATUS[] = "the embedded Python could not start: " * sprint(showerror, err)
        worker_log(PYTHON_STATUS[])
        return false
    end
end

"""
    python_ready() -> Bool

Whether the embedded Python and its runtime are running.
"""
python_ready() = haskey(RUNTIME, :setup)

"""
    python_status() -> String

What Python is, or why it is not running (for `check` and error messages).
"""
python_status() = PYTHON_STATUS[]

"""
    runtime_ref(name, args...) -> PyPtr

Call the runtime's entry point `name` with the Python objects of `args` (GIL held); a new reference to
what it returns.
"""
runtime_ref(name::Symbol, args...) = call_ref(RUNTIME[name], args...)

"""
    runtime_call(name, args...) -> String

Call the runtime's entry point `name`, which returns a `str` (JSON, mostly), taking the GIL: its text.
"""
runtime_call(name::Symbol, args...) = with_gil(() -> call_string(RUNTIME[name], args...))

"""
    runtime_global(submodule, name) -> PyPtr

Object `name` of the runtime's module `submodule` (GIL held), a reference kept for the life of the worker.
"""
function runtime_global(submodule::AbstractString, name::AbstractString)
    m = import_ref("_metapoly_worker." * submodule)
    try
        return getattr_ref(m, name)
    finally
        decref(m)
    end
end

"""
    import_worker_package(name) -> PyPtr

A new reference to the package `name` of the worker's Python half (`python/`: `_metapoly_worker`,
`juliacall`), imported without leaving its folder on the user's `sys.path`.
"""
function import_worker_package(name::AbstractString)
    dir = joinpath(WORKER_SOURCES, "python")
    sys = import_ref("sys")
    path = try getattr_ref(sys, "path") finally decref(sys) end
    try
        decref(call_method_ref(path, "insert", 0, dir))
        try
            return import_ref(name)
        finally
            decref(call_method_ref(path, "remove", dir))
        end
    finally
        decref(path)
    end
end

"""
    python_user_code(f)

Run `f()` (a Julia cell) with the Python code it calls marked as user code, which an interrupt stops
with KeyboardInterrupt: a long Python call from Julia cannot be stopped from Julia's side.
"""
function python_user_code(f)
    python_ready() || return f()
    with_gil(() -> decref(runtime_ref(:begin_user_code)))
    try
        return f()
    finally
        with_gil() do
            # An interrupt that came while Julia code ran raises KeyboardInterrupt at the first Python code
            # that runs, which may be this call, before its body: then it is made again.
            r = try
                runtime_ref(:end_user_code)
            catch err
                err isa PyException || rethrow()
                runtime_ref(:end_user_code)
            end
            decref(r)
        end
    end
end

"""
    begin_python_request(id, parent="")

Tell Python which request its output from now on belongs to, and the header of the Jupyter message the
request was made for (JSON text; empty for the worker's own requests).
"""
function begin_python_request(id::Integer, parent::AbstractString="")
    python_ready() && runtime_call(:begin_request, id, parent)
    return nothing
end

"""
    end_python_request(id)

Have Python send its pending output and the end-of-request marker for request `id`; its output from then
on belongs to no request.
"""
function end_python_request(id::Integer)
    python_ready() && runtime_call(:end_request, id)
    return nothing
end
