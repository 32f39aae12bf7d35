# References to release later: a Julia finalizer may run at any allocation, on any task, with or without
# the GIL, so it must never call Python. It queues the pointer instead, and the queue is drained where the
# GIL is held on the main thread (`release_queued`, objects.jl), as PythonCall's `GC.enqueue` does.

const RELEASE_QUEUE = PyPtr[]

"""
    enqueue_release(ptr)

Release the reference `ptr` at the next moment the GIL is held (safe in a finalizer).
"""
function enqueue_release(ptr::PyPtr)
    # Only finalizers push and only `release_queued` pops (which never allocates), so a finalizer that runs
    # inside either never finds the vector half changed.
    ptr == C_NULL || push!(RELEASE_QUEUE, ptr)
    return nothing
end

"""
    queued_releases() -> Vector{PyPtr}

The references waiting to be released (read only).
"""
queued_releases() = RELEASE_QUEUE
