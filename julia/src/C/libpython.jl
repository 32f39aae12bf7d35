# Loading libpython and starting the interpreter; holding and letting go of the GIL.
#
# libpython is `dlopen`ed with RTLD_GLOBAL: without it, extension modules such as numpy fail to import with
# undefined symbols. The wrappers' `ccall`s find their functions in it by name.

# Py_SetProgramName and Py_SetPythonHome keep the pointers they are given: the buffers must outlive Python.
const WIDE_STRINGS = Vector{Vector{Cwchar_t}}()

function wide_string(s::AbstractString)
    buf = Cwchar_t[Cwchar_t(c) for c in s]
    push!(buf, 0)
    push!(WIDE_STRINGS, buf)
    return pointer(buf)
end

"""
    python_initialize(libpath, executable, home)

Load libpython from `libpath` and start the interpreter as if it were `executable` (so that `site` finds
its virtual environment's packages), with `home` as its base prefix. Python installs no signal handlers
(`Py_InitializeEx(0)`). On return the GIL is released; use `with_gil` around every call into Python.
"""
function python_initialize(libpath::AbstractString, executable::AbstractString, home::AbstractString)
    CTX.lib_ptr = Libdl.dlopen(libpath, Libdl.RTLD_NOW | Libdl.RTLD_GLOBAL)
    CTX.lib_path, CTX.exe_path = libpath, executable
    Py_SetProgramName(wide_string(executable))
    isempty(home) || (CTX.pyhome = home; Py_SetPythonHome(wide_string(home)))
    Py_InitializeEx(0)
    CTX.is_initialized = true
    CTX.version = VersionNumber(split(unsafe_string(Py_GetVersion()))[1])
    # The main thread holds the GIL after initialisation; Python threads (output flushing, interrupts)
    # can only run while Julia code runs if we let go of it.
    PyEval_SaveThread()
    return nothing
end

"""
    python_loaded() -> Bool

Whether libpython was loaded into this process.
"""
python_loaded() = CTX.lib_ptr != C_NULL

"""
    python_library() -> (path, handle)

The libpython this process loaded: its path and its `dlopen` handle.
"""
python_library() = (CTX.lib_path, CTX.lib_ptr)

# The worker's C-level code holds borrowed references across Julia allocations, where finalizers may run;
# and the finalizer of PythonCall.GC releases Python objects (whose `__del__` may run any Python code)
# after each collection. So finalizers are held off in every section where Julia code holds the GIL, and
# run when it ends (the GIL still held) or lets the GIL go for Julia code (`without_gil`): never inside.
const FINALIZERS_HELD = Ref(0)

"""
    hold_finalizers(), release_finalizers()

Start and end a section of C-level code in which no finalizer runs (`with_gil` is one; so is each entry
from Python into Julia). Those that came due meanwhile run at its end.
"""
hold_finalizers() = (FINALIZERS_HELD[] += 1; enable_finalizers(false))
release_finalizers() = (FINALIZERS_HELD[] -= 1; enable_finalizers(true))

"""
    with_gil(f)

Run `f()` holding the GIL, finalizers held off. Must be called from Julia's main thread, the only thread
that calls Python.
"""
function with_gil(f)
    state = PyGILState_Ensure()
    hold_finalizers()
    try
        return f()
    finally
        release_finalizers()
        PyGILState_Release(state)
    end
end

"""
    without_gil(f, args...)

Run `f(args...)` (Julia code) with the GIL let go, so that Python's threads run meanwhile, and finalizers
with it; the GIL is held again after it. Called with the GIL held.
"""
function without_gil(f::F, args::Vararg{Any,N}) where {F,N}  # (specialised on `f`, which it passes on)
    state = PyEval_SaveThread()
    try
        return with_finalizers(f, args...)
    finally
        PyEval_RestoreThread(state)
    end
end

"""
    with_finalizers(f, args...)

Run `f(args...)` (Julia code: a cell's, a callback's, holding only `Py`s) with finalizers allowed again
inside sections that hold them off; they are held off again after it.
"""
function with_finalizers(f::F, args::Vararg{Any,N}) where {F,N}
    held = FINALIZERS_HELD[]
    for _ in 1:held
        release_finalizers()
    end
    try
        return f(args...)
    finally
        for _ in 1:held
            hold_finalizers()
        end
    end
end
