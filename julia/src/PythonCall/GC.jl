"""
    module PythonCall.GC

When the Python objects Julia dropped are released: a `Py`'s finalizer may run at any allocation, with or
without the GIL, so it queues the reference, and the queue is released on Julia's main thread with the GIL:
by the next Python operation, between requests, by [`gc`](@ref), and, as in PythonCall, right after each of
Julia's garbage collections, whose finalizers then release their references at once.
"""
module GC

using ...C: with_gil, release_queued, release_after_collection, queue_every_release, queued_releases

"""
    QUEUE

The Python objects Julia dropped and that wait to be released: `QUEUE.items`.
"""
const QUEUE = (items=queued_releases(),)

"""
    gc()

Release now the Python objects that wait in the queue (as PythonCall's, it does not run Julia's garbage
collector: `GC.gc()` does, and releases them too).
"""
function gc()
    isempty(QUEUE.items) || with_gil(release_queued)
    return nothing
end

"""
    enable(), disable()

Do nothing, as in PythonCall, where they once switched its collector on and off for the sake of threads.
"""
enable() = Base.depwarn("PythonCall.GC.enable() does nothing: it is no longer needed", :enable)
disable() = Base.depwarn("PythonCall.GC.disable() does nothing: it is no longer needed", :disable)

# After each of Julia's collections the queue is released, from the finalizer of an object nothing refers
# to, made anew each time (a new object is young: the next collection, quick or full, finalizes it). On
# the main thread only, the one that calls Python, taking the GIL for the moment it needs it, as every
# Python operation does. The references the rest of that collection's finalizers drop are released at once
# (`release_after_collection`): so nothing a collection freed stays queued, as in PythonCall, where the main
# thread holds the GIL throughout and its finalizers release at once.
mutable struct Hook end

const ARMED = Ref(false)

function after_collection(::Hook)
    ARMED[] || return nothing
    finalizer(after_collection, Hook())
    Threads.threadid() == 1 && release_after_collection()
    return nothing
end

function __init__()
    ARMED[] = true
    atexit() do
        ARMED[] = false
        queue_every_release()
    end
    finalizer(after_collection, Hook())
    return nothing
end

end
