# Julia values in Python, as juliacall wraps them (PythonCall's `pyjl`): a Python object of one of
# juliacall's classes (python/juliacall) that holds a handle of the Julia value, pinned until the Python
# object dies; and Python objects made Julia values again, as juliacall converts the arguments of calls.

const JULIACALL = pynew()   # the juliacall module
const MAKE = pynew()        # juliacall._make(class, handle)
const VALUE_BASE = pynew()  # juliacall.ValueBase
const CLASSES = Dict{Symbol,Py}()

"""
    pyjltype(x)

The juliacall class (a `Py`) `pyjl(x)` wraps `x` as: `ArrayValue` for arrays (`VectorValue` for vectors),
`DictValue`, `SetValue`, `ModuleValue`, `TypeValue`, the number classes, `BinaryIOValue` for IO streams,
else `AnyValue`. Add methods to wrap values of your own types otherwise.
"""
pyjltype(x) = CLASSES[class_of(x)]

class_of(::Any) = :AnyValue
class_of(::AbstractArray) = :ArrayValue
class_of(::AbstractVector) = :VectorValue
class_of(::AbstractDict) = :DictValue
class_of(::AbstractSet) = :SetValue
class_of(::Module) = :ModuleValue
class_of(::Type) = :TypeValue
class_of(::Number) = :NumberValue
class_of(::Complex) = :ComplexValue
class_of(::Real) = :RealValue
class_of(::Rational) = :RationalValue
class_of(::Integer) = :IntegerValue
class_of(::IO) = :BinaryIOValue

"""
    pyjl([t], x)

A Python object wrapping the Julia value `x` (of juliacall class `t`, by default `pyjltype(x)`): mutating
one mutates the other.
"""
pyjl(x) = pyjl(pyjltype(x), x)
pyjl(t, x) = with_py(() -> pynew(wrap_ref(t, x)))

# A new reference to a new wrapper of class `t` for `x`.
wrap_ref(t, x) = call_ref(getptr(MAKE), t, pin!(x))

# Every Julia value Python has no type of its own for crosses wrapped (PythonCall's `Py(x)` for them).
C.new_ref(x) = wrap_ref(pyjltype(x), x)

"""
    pyjlraw(x)

A `juliacall.RawValue` of `x`: its operations give `RawValue`s, never converted.
"""
pyjlraw(x) = pyjl(CLASSES[:RawValue], x)

"""
    pyisjl(x)

Whether `x` is a wrapped Julia value (a `juliacall.ValueBase`).
"""
pyisjl(x) = pyisinstance(x, VALUE_BASE)

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
(`pyconvert(Any, x)`): plain values as Julia's, wrapped Julia values as themselves, numpy arrays as Julia
arrays over their memory (shared, as `%py2jl` shares them), anything else by the conversion rules.
"""
function julia_value(ptr::PyPtr)
    plain = plain_value(ptr)
    plain === nothing || return something(plain)
    isinstance(ptr, getptr(VALUE_BASE)) && return handle_value(ptr)
    array = array_value(ptr)
    array === nothing || return array
    return pyconvert(Any, pynew(incref(ptr)))
end

function handle_value(ptr::PyPtr)
    h = getattr_ref(ptr, "_jl_handle")
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
    pycopy!(JULIACALL, pyimport("juliacall"))
    pycopy!(MAKE, JULIACALL._make)
    pycopy!(VALUE_BASE, JULIACALL.ValueBase)
    for name in (:AnyValue, :ArrayValue, :VectorValue, :DictValue, :SetValue, :ModuleValue, :TypeValue,
                 :NumberValue, :ComplexValue, :RealValue, :RationalValue, :IntegerValue, :IteratorValue,
                 :RawValue, :BinaryIOValue, :TextIOValue)
        CLASSES[name] = pygetattr(JULIACALL, String(name))
    end
    pyconvert_add_rule("juliacall:ValueBase", Any, rule_value, PYCONVERT_PRIORITY_WRAP)
    return nothing
end

rule_value(::Type{T}, x::Py) where {T} = pyconvert_tryconvert(T, pyjlvalue(x))
