# Failures of Python code as Julia exceptions.

"""
    PythonError(message)

A failure of the worker's use of Python that is not a Python exception (Python is not running, say).
"""
struct PythonError <: Exception
    message::String
end

Base.showerror(io::IO, e::PythonError) = print(io, "Python: ", e.message)

"""
    PyException

A Python exception raised by Python code that Julia called. `e.type` and `e.value` are the Python
exception's type and value (`Py`s); its message shows the Python frames of the user's code.

```julia
try
    pyeval("1/0")
catch e
    e isa PyException && println(e.type.__name__)   # ZeroDivisionError
end
```
"""
mutable struct PyException <: Exception
    ptype::PyPtr    # new references, owned (released by the finalizer)
    pvalue::PyPtr
    text::Union{String,Nothing}  # the formatted exception, once shown
    function PyException(ptype::PyPtr, pvalue::PyPtr)
        e = new(ptype, pvalue, nothing)
        finalizer(e -> (enqueue_release(getfield(e, :ptype)); enqueue_release(getfield(e, :pvalue))), e)
        return e
    end
end

"""
    check_signals()

Run the Python handlers of the signals that arrived since the last check, as the interpreter does between
bytecodes; throws what a handler raises.
"""
check_signals() = (PyErr_CheckSignals(); nothing)
