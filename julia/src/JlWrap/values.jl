# Julia values in Python, as juliacall wraps them (PythonCall's `pyjl`): a Python object of one of
# juliacall's classes (python/juliacall) that holds a handle of the Julia value, pinned until the Python
# object dies; and Python objects made Julia values again, as juliacall converts the arguments of calls.

const JULIACALL = pynew()   # the juliacall module
const HANDLE_NAME = pynew() # "_jl_handle", the attribute of a wrapper that holds its handle

# juliacall's classes, under PythonCall's names.
const pyjlbasetype = pynew()
const pyjlanytype = pynew()
const pyjlarraytype = pynew()
const pyjlvectortype = pynew()
const pyjldicttype = pynew()
const pyjlsettype = pynew()
const pyjlmoduletype = pynew()
const pyjltypetype = pynew()
const pyjlnumbertype = pynew()
const pyjlcomplextype = pynew()
const pyjlrealtype = pynew()
const pyjlrationaltype = pynew()
const pyjlintegertype = pynew()
const pyjliteratortype = pynew()
const pyjlrawtype = pynew()
const pyjlbinaryiotype = pynew()
const pyjltextiotype = pynew()

const CLASSES = (ValueBase=pyjlbasetype, AnyValue=pyjlanytype, ArrayValue=pyjlarraytype,
                 VectorValue=pyjlvectortype, DictValue=pyjldicttype, SetValue=pyjlsettype,
                 ModuleValue=pyjlmoduletype, TypeValue=pyjltypetype, NumberValue=pyjlnumbertype,
                 ComplexValue=pyjlcomplextype, RealValue=pyjlrealtype, RationalValue=pyjlrationaltype,
                 IntegerValue=pyjlintegertype, IteratorValue=pyjliteratortype, RawValue=pyjlrawtype,
                 BinaryIOValue=pyjlbinaryiotype, TextIOValue=pyjltextiotype)

"""
    pyjltype(x)

The juliacall class (a `Py`) `pyjl(x)` wraps `x` as: `ArrayValue` for arrays (`VectorValue` for vectors),
`DictValue`, `SetValue`, `ModuleValue`, `TypeValue`, the number classes, `BinaryIOValue` for IO streams,
else `AnyValue`. Add methods to wrap values of your own types otherwise.
"""
pyjltype(::Any) = pyjlanytype
pyjltype(::AbstractArray) = pyjlarraytype
pyjltype(::AbstractVector) = pyjlvectortype
pyjltype(::AbstractDict) = pyjldicttype
pyjltype(::AbstractSet) = pyjlsettype
pyjltype(::Module) = pyjlmoduletype
pyjltype(::Type) = pyjltypetype
pyjltype(::Number) = pyjlnumbertype
pyjltype(::Complex) = pyjlcomplextype
pyjltype(::Real) = pyjlrealtype
pyjltype(::Rational) = pyjlrationaltype
pyjltype(::Integer) = pyjlintegertype
pyjltype(::IO) = pyjlbinaryiotype

"""
    pyjl([t], x)

A Python object wrapping the Julia value `x` (of juliacall class `t`, by default `pyjltype(x)`): mutating
one mutates the other.
"""
pyjl(x) = pyjl(pyjltype(x), x)
pyjl(t, x) = with_py(() -> pynew(wrap_ref(t, x)))

# A new reference to a new wrapper of class `t` for `x`: `t()`, its handle set (past the Python
# `__setattr__` of juliacall's classes).
function wrap_ref(t, x)
    value = call_ref(getptr(t))
    handle = new_ref(pin!(x))
    try
        object_setattr(value, getptr(HANDLE_NAME), handle)
    catch
        decref(value)
        rethrow()
    finally
        decref(handle)
    end
    return value
end

# Every Julia value Python has no type of its own for crosses wrapped (PythonCall's `Py(x)` for them).
C.new_ref(x) = wrap_ref(pyjltype(x), x)

"""
    pyjlraw(x)

A `juliacall.RawValue` of `x`: its operations give `RawValue`s, never converted.
"""
pyjlraw(x) = pyjl(pyjlrawtype, x)

"""
    pybinaryio(io), pytextio(io)

The Julia stream `io` as a Python file object, of bytes or of text (UTF-8).
"""
pybinaryio(io::IO) = pyjl(pyjlbinaryiotype, io)
pytextio(io::IO) = pyjl(pyjltextiotype, io)

"""
    pyisjl(x)

Whether `x` is a wrapped Julia value (a `juliacall.ValueBase`).
"""
pyisjl(x) = pyisinstance(x, pyjlbasetype)

"""
    pyjlvalue(x)

The Julia value a wrapped Julia value `x` holds.
"""
function pyjlvalue(x)
    pyisjl(x) || throw(ArgumentError("expecting a 'juliacall.ValueBase', got a '$(pytype(x).__name__)'"))
    return pinned(pyconvert(Int, x._jl_handle))
end

"""
    julia_value(ptr) -> Any

A Python object (borrowed) as the argument of Julia code it calls, as juliacall converts arguments
(`pyconvert(Any, x)`): plain values as Julia's, wrapped Julia values as themselves, dense writable numpy
arrays as Julia `Array`s over their memory (as `%py2jl` shares them: faster to index than a `PyArray`),
anything else by the conversion rules (other arrays as a `PyArray`, writing through to the numpy array).
"""
function julia_value(ptr::PyPtr)
    plain = plain_value(ptr)
    plain === nothing || return something(plain)
    isinstance(ptr, getptr(pyjlbasetype)) && return handle_value(ptr)
    array = numpy_value(ptr)
    array === nothing || return array
    return pyconvert(Any, pynew(incref(ptr)))
end

function handle_value(ptr::PyPtr)
    h = getattr_ref(ptr, getptr(HANDLE_NAME))
    try
        return pinned(int_of(h))
    finally
        decref(h)
    end
end

"""
    init_values()

Find juliacall's classes (once Python runs), and convert wrapped Julia values back to themselves.
"""
function init_values()
    pycopy!(JULIACALL, with_py(() -> pynew(import_worker_package("juliacall"))))
    pycopy!(HANDLE_NAME, pystr("_jl_handle"))
    for (name, class) in pairs(CLASSES)
        pycopy!(class, pygetattr(JULIACALL, String(name)))
    end
    pyconvert_add_rule("juliacall:ValueBase", Any, rule_value, PYCONVERT_PRIORITY_WRAP)
    return nothing
end

rule_value(::Type{T}, x::Py) where {T} = pyconvert_tryconvert(T, pyjlvalue(x))
