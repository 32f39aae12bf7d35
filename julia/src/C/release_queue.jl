# References to release later: a Julia finalizer may run at any allocation, on any task, with or without
# the GIL, so it does not call Python. It queues the pointer instead, and the queue is drained where the
# GIL is held on the main thread (`release_queued`, objects.jl), as PythonCall's `GC.enqueue` does.
#
# Except after a collection: PythonCall.GC's hook, a finalizer itself, releases the queue then (as
# PythonCall's does), and the finalizers Julia runs after it (a collection's come in an order of Julia's)
# release theirs at once, until the next collection; so that nothing a collection freed stays queued.
# Finalizers never run inside the worker's C-level code (libpython.jl holds them off there), so those
# releases, and the Python code they may run, only happen between its sections.

const RELEASE_QUEUE = PyPtr[]

# The collection (`collection_count()`) after which dropped references are released at once; -1: none.
const RELEASING_AFTER = Ref(-1)

"""
    enqueue_release(ptr)

Release the reference `ptr` at the next moment the GIL is held (safe in a finalizer), or now if the
collection that ran last has released the queue (`release_after_collection`).
"""
function enqueue_release(ptr::PyPtr)
    ptr == C_NULL && return nothing
    if RELEASING_AFTER[] == collection_count() && Threads.threadid() == 1
        release_now(ptr)
        return nothing
    end
    # A finalizer that runs while the vector grows would find it half changed: those that push, and
    # PythonCall.GC's, which releases the queue. Finalizers never run inside one another, but an explicit
    # `finalize(x)` runs this outside the collector, where the push may collect: finalizers wait until it
    # is done. (`release_queued` pops, which never allocates.)
    without_finalizers(() -> push!(RELEASE_QUEUE, ptr))
    return nothing
end

"""
    release_now(ptr)

Release the reference `ptr` now, taking the GIL (main thread).
"""
function release_now end

"""
    queued_releases() -> Vector{PyPtr}

The references waiting to be released (read only).
"""
queued_releases() = RELEASE_QUEUE
