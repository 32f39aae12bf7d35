"""
    module PythonCall.GC

When Python objects that Julia dropped are released: at the next Python operation on Julia's main
thread, as the worker always does (never from a finalizer).
"""
module GC

using ...C: with_gil, release_queued, queued_releases

"""
    QUEUE

The Python objects Julia dropped and that wait to be released: `QUEUE.items`.
"""
const QUEUE = (items=queued_releases(),)

"""
    gc()

Run Julia's garbage collector, then release the Python objects it freed.
"""
function gc()
    Base.GC.gc()
    with_gil(release_queued)
    return nothing
end

"""
    enable(), disable()

Kept for PythonCall's API: releases are always deferred to the main thread here.
"""
enable() = nothing
disable() = nothing

end
