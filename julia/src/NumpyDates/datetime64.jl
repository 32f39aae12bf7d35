# Datetimes as numpy's `datetime64`: a count of a unit since 1970-01-01T00:00, or NaT.

"""
    AbstractDateTime64 <: Dates.TimeType

The supertype of `DateTime64` and `InlineDateTime64`.
"""
abstract type AbstractDateTime64 <: Dates.TimeType end

"""
    DateTime64(value, [unit])
    DateTime64(value, format, [unit])

A datetime of `unit` (a [`Unit`](@ref), its code such as `:s`, or `(unit, n)`), laid out as the value and
unit of a `numpy.datetime64` scalar. `value` is a count of the unit since 1970 (an `Integer`: the unit is
then required), a `Dates.Date` or `Dates.DateTime`, a string parsed as `Dates.DateTime` parses it (with
`format` if given), `"NaT"` or `"NaN"` (not a time), or another datetime of this module. Without a unit:
the unit of `value`, nanoseconds for a string. A value of a finer unit is rounded down.
"""
struct DateTime64 <: AbstractDateTime64
    value::Int64
    unit::Tuple{Unit,Cint}
    DateTime64(value::Integer, unit::UnitArg) = new(value, unitpair(unit))
end

"""
    InlineDateTime64{unit}(value)
    InlineDateTime64{unit}(value, format)
    InlineDateTime64(value, [format], [unit])

A datetime whose unit is part of its type (`InlineDateTime64{SECONDS}`, `InlineDateTime64{(MINUTES, 15)}`),
laid out as one element of a numpy array of `datetime64[unit]`: just the count. Its values are those of
[`DateTime64`](@ref).
"""
struct InlineDateTime64{U} <: AbstractDateTime64
    value::Int64
    function InlineDateTime64{U}(value::Int64) where {U}
        U isa Unit || U isa Tuple{Unit,Int} || error("U must be a Unit or a Tuple{Unit,Int}")
        return new{U}(value)
    end
end

Dates.value(d::DateTime64) = d.value
Dates.value(d::InlineDateTime64) = d.value

unitpair(d::DateTime64) = d.unit
unitpair(::InlineDateTime64{U}) where {U} = unitpair(U)
unitpair(::Type{InlineDateTime64{U}}) where {U} = unitpair(U)
defaultunit(d::AbstractDateTime64) = unitpair(d)

Base.isnan(d::AbstractDateTime64) = Dates.value(d) == NAT

# Dates compares two values of one type by their counts alone: a `DateTime64`'s unit is not in its type.
Base.:(==)(x::DateTime64, y::DateTime64) = x === y

# -- made from other values ----------------------------------------------------------------------------

function DateTime64(d::AbstractDateTime64, unit::UnitArg=defaultunit(d))
    unit = unitpair(unit)
    unit == unitpair(d) && return DateTime64(Dates.value(d), unit)
    isnan(d) && return DateTime64(NAT, unit)
    return DateTime64(first(rescale(Dates.value(d), unitpair(d), unit)), unit)
end

DateTime64(s::AbstractString, unit::UnitArg=defaultunit(s)) =
    s in NAT_STRINGS ? DateTime64(NAT, unit) : DateTime64(Dates.DateTime(s), unit)

DateTime64(s::AbstractString, format::Union{AbstractString,Dates.DateFormat}, unit::UnitArg=defaultunit(s)) =
    s in NAT_STRINGS ? DateTime64(NAT, unit) : DateTime64(Dates.DateTime(s, format), unit)

function DateTime64(d::Dates.DateTime, unit::UnitArg=defaultunit(d))
    u = first(unitpair(unit))
    # Years and months count calendar units; the others a length of time since 1970.
    if u == YEARS
        v = first(rescale(sub(Dates.year(d), 1970), YEARS, unit))
    elseif u == MONTHS
        year, month = Dates.yearmonth(d)
        v = first(rescale(add(mul(12, sub(year, 1970)), sub(month, 1)), MONTHS, unit))
    else
        v = first(rescale(Dates.value(d - Dates.DateTime(1970)), MILLISECONDS, unit))
    end
    return DateTime64(v, unit)
end

DateTime64(d::Dates.Date, unit::UnitArg=defaultunit(d)) = DateTime64(Dates.DateTime(d), unit)

InlineDateTime64{U}(v::Integer) where {U} = InlineDateTime64{U}(convert(Int64, v))
InlineDateTime64{U}(v::Union{AbstractDateTime64,AbstractString,DatesInstant}) where {U} =
    InlineDateTime64{U}(Dates.value(DateTime64(v, U)))
InlineDateTime64{U}(s::AbstractString, format::Union{AbstractString,Dates.DateFormat}) where {U} =
    InlineDateTime64{U}(Dates.value(DateTime64(s, format, U)))

InlineDateTime64(v::Union{AbstractDateTime64,AbstractString,DatesInstant}, unit::UnitArg=defaultunit(v)) =
    InlineDateTime64{unitparam(unit)}(v)
InlineDateTime64(v::Integer, unit::UnitArg) = InlineDateTime64{unitparam(unit)}(v)
InlineDateTime64(s::AbstractString, format::Union{AbstractString,Dates.DateFormat},
                 unit::UnitArg=defaultunit(s)) = InlineDateTime64{unitparam(unit)}(s, format)

Base.convert(::Type{DateTime64}, d::DateTime64) = d
Base.convert(::Type{DateTime64}, d::Union{AbstractDateTime64,DatesInstant}) = DateTime64(d)
Base.convert(::Type{InlineDateTime64}, d::InlineDateTime64) = d
Base.convert(::Type{InlineDateTime64}, d::Union{AbstractDateTime64,DatesInstant}) = InlineDateTime64(d)
Base.convert(::Type{InlineDateTime64{U}}, d::InlineDateTime64{U}) where {U} = d
Base.convert(::Type{InlineDateTime64{U}}, d::Union{AbstractDateTime64,DatesInstant}) where {U} =
    InlineDateTime64{U}(d)

# -- to Dates ------------------------------------------------------------------------------------------

function Dates.DateTime(d::AbstractDateTime64)
    isnan(d) && error("Cannot convert NaT to DateTime")
    unit, epoch, v = unitpair(d), Dates.DateTime(1970), Dates.value(d)
    # (Calendar units are months after 1970's, the others a length of time.)
    first(unit) > MONTHS || return epoch + Dates.Month(first(rescale(v, unit, MONTHS)))
    return epoch + Dates.Millisecond(first(rescale(v, unit, MILLISECONDS)))
end

function Dates.Date(d::AbstractDateTime64)
    isnan(d) && error("Cannot convert NaT to Date")
    return Dates.Date(Dates.DateTime(d))
end

Base.convert(::Type{Dates.DateTime}, d::AbstractDateTime64) = Dates.DateTime(d)
Base.convert(::Type{Dates.Date}, d::AbstractDateTime64) = Dates.Date(d)
