"""
    module PythonCall.GIL

Python's Global Interpreter Lock, as this worker holds it: every Python operation takes it and lets it go
(the worker's Python threads run while Julia code runs), so code never needs to hold it itself. `lock`
holds it across a block (several Python operations in a row without Python's threads in between);
`unlock` runs Julia code with it let go (which is already so outside Python operations).
"""
module GIL

using ...C: with_gil, without_gil

"""
    lock(f)

`f()` with the GIL held throughout.
"""
lock(f) = with_gil(f)

"""
    unlock(f)

`f()` with the GIL let go, if the current task holds it (inside `lock`).
"""
unlock(f) = with_gil(() -> without_gil(f))

"""
    @lock expr

`expr` with the GIL held throughout.
"""
macro lock(expr)
    return :(lock(() -> $(esc(expr))))
end

"""
    @unlock expr

`expr` with the GIL let go.
"""
macro unlock(expr)
    return :(unlock(() -> $(esc(expr))))
end

end
