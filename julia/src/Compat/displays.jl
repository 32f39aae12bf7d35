# PythonCall's displays that show Julia values through Python. In this kernel Julia's `display(x)` already
# reaches the notebook (the worker's own display, `WorkerDisplay`); these are what juliacall's IPython
# extension pushes where PythonCall runs inside IPython. Pushed here (`pushdisplay(IPythonDisplay())`), a
# `display(x)` goes through the worker's IPython instead, and so reaches the notebook as the same
# display_data, seen by IPython's capture (`%%capture`, `capture_output`) on its way; over
# `PythonDisplay`, it is printed as text instead. `popdisplay()` goes back.

"""
    PythonDisplay()

A display that prints to Python's `sys.stdout`, as Julia's `TextDisplay` prints to `stdout`: a value's
`text/plain` representation (or that of another text MIME type, when asked for one), then a new line. As
PythonCall's `Compat.PythonDisplay`.
"""
struct PythonDisplay <: AbstractDisplay end

Base.Multimedia.displayable(::PythonDisplay, m::MIME) = istextmime(m)

function Base.display(d::PythonDisplay, m::MIME, x)
    istextmime(m) && showable(m, x) || throw(MethodError(display, (d, m, x)))
    text = m == MIME("text/plain") ? plain_text(x) : sprint(io -> show(display_context(io), m, x))
    pyprint(text)
    return nothing
end

Base.display(d::PythonDisplay, x) = display(d, MIME("text/plain"), x)

"""
    IPythonDisplay()

A display that shows values with IPython's `display`, as PythonCall's `Compat.IPythonDisplay`: a Python
object as IPython shows it, a Julia value as the bundle of representations the notebook shows for it (the
same as Julia's own `display` sends), or, given a MIME type, as that type and `text/plain`.
"""
struct IPythonDisplay <: AbstractDisplay end

Base.Multimedia.displayable(::IPythonDisplay, m::MIME) = true

function Base.display(d::IPythonDisplay, x)
    ispy(x) ? ipython_display(x) : ipython_display(python_bundle(mime_bundle(x)); raw=true)
    return nothing
end

function Base.display(d::IPythonDisplay, m::MIME, x)
    ipython_display(python_bundle(display_bundle(m, x)); raw=true)
    return nothing
end

ipython_display(x; kwargs...) = pyimport("IPython.display").display(x; kwargs...)
