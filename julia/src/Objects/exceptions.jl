# Python exceptions in Julia (`PyException`, thrown by the C layer): their parts as `Py`s, their message.

# As PythonCall's: `e.t`, `e.v` and `e.b` are the exception's type, value and traceback (`e.type` and
# `e.value` too).
function Base.getproperty(e::PyException, name::Symbol)
    name in (:t, :type) && return with_py(() -> pynew(incref(getfield(e, :ptype))))
    name in (:v, :value) && return with_py(() -> pynew(incref(getfield(e, :pvalue))))
    name === :b && return with_py(() -> pynew(getattr_ref(getfield(e, :pvalue), "__traceback__")))
    return getfield(e, name)
end

Base.propertynames(::PyException, private::Bool=false) = (:t, :v, :b)

Base.showerror(io::IO, e::PyException) = print(io, "Python ", exception_text(e))

# The exception as a traceback of the user's Python frames, then the error (made once, when first shown).
function exception_text(e::PyException)
    text = getfield(e, :text)
    text === nothing || return text
    value = getfield(e, :pvalue)
    text = with_py() do
        python_ready() || return str_of(value)
        try
            runtime_call(:format_exception, value)
        catch
            str_of(value)
        end
    end
    setfield!(e, :text, text)
    return text
end

"""
    PyException(x)

The Julia exception of the Python exception object `x`, to `throw`.
"""
C.PyException(x::Py) = with_py(() -> PyException(unary_ref(:type, getptr(x)), incref(getptr(x))))
