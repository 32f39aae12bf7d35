# PythonCall's `C.CTX`, `C.on_main_thread`: what this process knows of the Python it runs.

"""
    Context

The Python this worker loaded, under PythonCall's field names (`PythonCall.C.CTX`). Julia hosts Python
here, so `is_embedded` is false; `which` is `:unknown` (the kernel's own Python, found neither by CondaPkg
nor through PyCall).
"""
Base.@kwdef mutable struct Context
    is_embedded::Bool = false
    is_initialized::Bool = false
    is_preinitialized::Bool = false
    lib_ptr::Ptr{Cvoid} = C_NULL
    exe_path::Union{String,Missing} = missing
    lib_path::Union{String,Missing} = missing
    pyhome::Union{String,Missing} = missing
    which::Symbol = :unknown
    version::Union{VersionNumber,Missing} = missing
    is_free_threaded::Bool = false
end

const CTX = Context()

"""
    on_main_thread(f)

`f()` on Julia's main thread, where Python is called. The worker runs with one thread (its state belongs
to the main thread), so that is where `f` runs already.
"""
function on_main_thread(f)
    id = Threads.threadid()
    id == 1 || error("Julia code called Python from thread $id, not the main thread")
    return f()
end
