# Timedeltas as numpy's `timedelta64`: a count of a unit, or NaT.

"""
    AbstractTimeDelta64 <: Dates.Period

The supertype of `TimeDelta64` and `InlineTimeDelta64`.
"""
abstract type AbstractTimeDelta64 <: Dates.Period end

"""
    TimeDelta64(value, [unit])

A length of time of `unit` (a [`Unit`](@ref), its code such as `:s`, or `(unit, n)`), laid out as the
value and unit of a `numpy.timedelta64` scalar. `value` is a count of the unit (an `Integer`: the unit is
then required), a `Dates` period (`Dates.Second(5)`), `"NaT"` or `"NaN"` (not a time), or another timedelta
of this module; without a unit, that of `value`. A value that is no whole count of the unit is an
`InexactError`.
"""
struct TimeDelta64 <: AbstractTimeDelta64
    value::Int64
    unit::Tuple{Unit,Cint}
    TimeDelta64(value::Integer, unit::UnitArg) = new(value, unitpair(unit))
end

"""
    InlineTimeDelta64{unit}(value)
    InlineTimeDelta64(value, [unit])

A length of time whose unit is part of its type (`InlineTimeDelta64{SECONDS}`), laid out as one element of
a numpy array of `timedelta64[unit]`: just the count. Its values are those of [`TimeDelta64`](@ref).
"""
struct InlineTimeDelta64{U} <: AbstractTimeDelta64
    value::Int64
    function InlineTimeDelta64{U}(value::Int64) where {U}
        U isa Unit || U isa Tuple{Unit,Int} || error("U must be a Unit or a Tuple{Unit,Int}")
        return new{U}(value)
    end
end

unitpair(d::TimeDelta64) = d.unit
unitpair(::InlineTimeDelta64{U}) where {U} = unitpair(U)
unitpair(::Type{InlineTimeDelta64{U}}) where {U} = unitpair(U)
defaultunit(d::AbstractTimeDelta64) = unitpair(d)

Base.isnan(d::AbstractTimeDelta64) = Dates.value(d) == NAT

# (As for `DateTime64`: its unit counts.)
Base.:(==)(x::TimeDelta64, y::TimeDelta64) = x === y

# `value` as an exact count of `unit`.
function exact_count(value::Int64, from, unit, T, x)
    count, remainder = rescale(value, from, unit)
    iszero(remainder) || throw(InexactError(:convert, T, x))
    return count
end

# -- made from other values ----------------------------------------------------------------------------

function TimeDelta64(d::AbstractTimeDelta64, unit::UnitArg=defaultunit(d))
    unit = unitpair(unit)
    unit == unitpair(d) && return TimeDelta64(Dates.value(d), unit)
    isnan(d) && return TimeDelta64(NAT, unit)
    return TimeDelta64(exact_count(Dates.value(d), unitpair(d), unit, TimeDelta64, d), unit)
end

function TimeDelta64(s::AbstractString, unit::UnitArg=defaultunit(s))
    s in NAT_STRINGS ||
        error("Cannot construct TimeDelta64 from string '$s'. Only NaT variants are supported.")
    return TimeDelta64(NAT, unit)
end

TimeDelta64(p::DatesPeriod, unit::UnitArg=defaultunit(p)) =
    TimeDelta64(exact_count(Dates.value(p), Unit(p), unit, TimeDelta64, p), unit)

InlineTimeDelta64{U}(v::Integer) where {U} = InlineTimeDelta64{U}(convert(Int64, v))
InlineTimeDelta64{U}(v::Union{AbstractTimeDelta64,AbstractString,DatesPeriod}) where {U} =
    InlineTimeDelta64{U}(Dates.value(TimeDelta64(v, U)))

InlineTimeDelta64(v::Union{AbstractTimeDelta64,AbstractString,DatesPeriod}, unit::UnitArg=defaultunit(v)) =
    InlineTimeDelta64{unitparam(unit)}(v)
InlineTimeDelta64(v::Integer, unit::UnitArg) = InlineTimeDelta64{unitparam(unit)}(v)

Base.convert(::Type{TimeDelta64}, d::TimeDelta64) = d
Base.convert(::Type{TimeDelta64}, d::Union{AbstractTimeDelta64,DatesPeriod}) = TimeDelta64(d)
Base.convert(::Type{InlineTimeDelta64}, d::InlineTimeDelta64) = d
Base.convert(::Type{InlineTimeDelta64}, d::Union{AbstractTimeDelta64,DatesPeriod}) = InlineTimeDelta64(d)
Base.convert(::Type{InlineTimeDelta64{U}}, d::InlineTimeDelta64{U}) where {U} = d
Base.convert(::Type{InlineTimeDelta64{U}}, d::Union{AbstractTimeDelta64,DatesPeriod}) where {U} =
    InlineTimeDelta64{U}(d)

# -- to Dates ------------------------------------------------------------------------------------------

for P in (:Year, :Month, :Week, :Day, :Hour, :Minute, :Second, :Millisecond, :Microsecond, :Nanosecond)
    @eval Dates.$P(d::AbstractTimeDelta64) =
        Dates.$P(exact_count(Dates.value(d), unitpair(d), Unit(Dates.$P), Dates.$P, d))
    @eval Base.convert(::Type{Dates.$P}, d::AbstractTimeDelta64) = Dates.$P(d)
end
