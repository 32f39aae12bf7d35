# numpy's scalars, by PythonCall's rules: a number converts to the Julia number of its own type (canonically,
# at the arrays' priority: ahead of the array rules, to which a scalar is a 0-dimensional array), and to
# wider types where it fits; a `datetime64` and a `timedelta64` to NumpyDates' types, or to a `Dates` type
# or `missing` (NaT) when asked for. Each value is read straight from the scalar's memory, where numpy keeps
# it right after the object's header (a datetime's unit after it, as `DateTime64` lays it out). And
# `Py(x)` of a NumpyDates value is the numpy scalar.

"""
    SimpleValue{R,exact,indirect}

The rule reading an `R` from a simple Python object (a numpy scalar holds it after its header; with
`indirect`, a ctypes object holds a pointer to it there) and converting it to the type asked for: with
`convert` when the conversion is `exact` for every `R` (`Int8` to `Int`), else by trying.
"""
struct SimpleValue{R,exact,indirect} <: Function end

function (::SimpleValue{R,exact,indirect})(::Type{S}, x::Py) where {R,exact,indirect,S}
    value = GC.@preserve x (indirect ? unsafe_load(simple_value(Ptr{R}, getptr(x))) : scalar(R, x))
    return exact ? convert(S, value) : pyconvert_tryconvert(S, value)
end

scalar(::Type{R}, x::Py) where {R} = GC.@preserve x simple_value(R, getptr(x))

"""
    add_number_rules(tname, R, priority; indirect=false)

The rules of the Python type `tname`, whose objects hold a Julia number of type `R` (as `SimpleValue`
reads it): to `R` itself at `priority`; then to `UInt`, `Int`, `Float64`, `ComplexF64` where every `R`
fits, and to `Integer`, `Real`, `Complex`, `Number` by trying, as PythonCall registers them.
"""
function add_number_rules(tname::String, ::Type{R}, priority::PyConvertPriority;
                          indirect::Bool=false) where {R}
    rule(exact) = SimpleValue{R,exact,indirect}()
    integer, unsigned = R <: Integer, R <: Union{Bool,Unsigned}   # (a bool is an unsigned integer here)
    pyconvert_add_rule(tname, R, rule(true), priority)
    unsigned && pyconvert_add_rule(tname, UInt, rule(sizeof(R) <= sizeof(UInt)))
    # (An unsigned integer fits in an `Int` of more bits, a signed one in as many.)
    fits_int = unsigned ? sizeof(R) < sizeof(Int) : sizeof(R) <= sizeof(Int)
    integer && pyconvert_add_rule(tname, Int, rule(fits_int))
    integer && pyconvert_add_rule(tname, Integer, rule(false))
    R <: AbstractFloat && pyconvert_add_rule(tname, Float64, rule(true))
    R <: Real && pyconvert_add_rule(tname, Real, rule(false))
    R <: Complex && pyconvert_add_rule(tname, ComplexF64, rule(true))
    R <: Complex && pyconvert_add_rule(tname, Complex, rule(false))
    pyconvert_add_rule(tname, Number, rule(false))
    return nothing
end

# numpy's number types by their names (`bool` is numpy 2's `bool_`; `longlong` is a type of its own, of
# the same size as `int64`).
const NUMPY_NUMBERS = ("bool_" => Bool, "bool" => Bool, "int8" => Int8, "int16" => Int16, "int32" => Int32,
                       "int64" => Int64, "longlong" => Clonglong, "uint8" => UInt8, "uint16" => UInt16,
                       "uint32" => UInt32, "uint64" => UInt64, "ulonglong" => Culonglong,
                       "float16" => Float16, "float32" => Float32, "float64" => Float64,
                       "complex64" => ComplexF32, "complex128" => ComplexF64)

const DatesInstant = Union{Date,DateTime}
const DatesPeriod = Union{Year,Month,Week,Day,Hour,Minute,Second,Millisecond,Microsecond,Nanosecond}

# A `datetime64` (`timedelta64`) as the type of NumpyDates it is, as another type of NumpyDates or Dates
# (not a NaT), or as `missing` or `nothing` (only a NaT).
datetime_rule(::Type{DateTime64}, x::Py) = scalar(DateTime64, x)
datetime_rule(::Type{S}, x::Py) where {S<:Union{InlineDateTime64,DatesInstant}} =
    number_or_nat(S, DateTime64, x)
datetime_rule(::Type{S}, x::Py) where {S<:Union{Missing,Nothing}} = nat_or_number(S, DateTime64, x)
timedelta_rule(::Type{TimeDelta64}, x::Py) = scalar(TimeDelta64, x)
timedelta_rule(::Type{S}, x::Py) where {S<:Union{InlineTimeDelta64,DatesPeriod}} =
    number_or_nat(S, TimeDelta64, x)
timedelta_rule(::Type{S}, x::Py) where {S<:Union{Missing,Nothing}} = nat_or_number(S, TimeDelta64, x)

function number_or_nat(::Type{S}, ::Type{R}, x::Py) where {S,R}
    d = scalar(R, x)
    # (NaT is a value of NumpyDates' own types only.)
    return isnan(d) && !(S <: Union{InlineDateTime64,InlineTimeDelta64}) ? Unconverted() :
        pyconvert_tryconvert(S, d)
end

nat_or_number(::Type{S}, ::Type{R}, x::Py) where {S,R} = isnan(scalar(R, x)) ? S() : Unconverted()

# numpy's unit string of a unit, pair and all: "s", "15m", "" (generic).
function numpy_unit((unit, n))
    unit == UNBOUND_UNITS && return ""
    return n == 1 ? string(Symbol(unit)) : string(n, Symbol(unit))
end

# `Py(x)`: the numpy scalar of a NumpyDates value, of its unit.
C.new_ref(d::AbstractDateTime64) = numpy_scalar_ref(:datetime64, DateTime64(d))
C.new_ref(d::AbstractTimeDelta64) = numpy_scalar_ref(:timedelta64, TimeDelta64(d))
function numpy_scalar_ref(kind::Symbol, d::Union{DateTime64,TimeDelta64})
    make = pygetattr(pyimport("numpy"), string(kind))
    value = isnan(d) ? "NaT" : Dates.value(d)
    unit = numpy_unit(d.unit)
    return new_ref(isempty(unit) ? make(value) : make(value, unit))
end

"""
    init_numpy()

Register PythonCall's rules for numpy's scalars.
"""
function init_numpy()
    for (name, R) in NUMPY_NUMBERS
        add_number_rules("numpy:$name", R, PYCONVERT_PRIORITY_ARRAY)
    end
    pyconvert_add_rule("numpy:datetime64", DateTime64, datetime_rule, PYCONVERT_PRIORITY_ARRAY)
    pyconvert_add_rule("numpy:timedelta64", TimeDelta64, timedelta_rule, PYCONVERT_PRIORITY_ARRAY)
    for T in (InlineDateTime64, DatesInstant, Missing, Nothing)
        pyconvert_add_rule("numpy:datetime64", T, datetime_rule)
    end
    for T in (InlineTimeDelta64, DatesPeriod, Missing, Nothing)
        pyconvert_add_rule("numpy:timedelta64", T, timedelta_rule)
    end
    return nothing
end
