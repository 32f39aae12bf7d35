# numpy's time units, and counts of one unit moved to another. A count is an `Int64` whose smallest value
# stands for NaT (not a time); arithmetic on counts is checked, so that no result overflows into NaT.

"""
    Unit

The units of numpy's datetimes and timedeltas: `YEARS`, `MONTHS`, `WEEKS`, `DAYS`, `HOURS`, `MINUTES`,
`SECONDS`, `MILLISECONDS`, `MICROSECONDS`, `NANOSECONDS`, `PICOSECONDS`, `FEMTOSECONDS`, `ATTOSECONDS`, and
`UNBOUND_UNITS` (numpy's generic unit, of a value that has none yet). Wherever a unit is asked for, numpy's
code for it (`:Y`, `:M`, `:W`, `:D`, `:h`, `:m`, `:s`, `:ms`, `:us`, `:ns`, `:ps`, `:fs`, `:as`) does as
well, and a pair `(unit, n)` means `n` of them: numpy's `"15m"` is `(MINUTES, 15)`.

`Unit(T)` is the unit of a `Dates` type (`Unit(Dates.Second) == SECONDS`), `Symbol(u)` numpy's code.
"""
@enum Unit::Cint begin
    # (numpy's numbers, NPY_DATETIMEUNIT: a numpy scalar's unit is read from its memory as a `Unit`; 3,
    # business days, is gone from numpy)
    YEARS = 0
    MONTHS = 1
    WEEKS = 2
    DAYS = 4
    HOURS = 5
    MINUTES = 6
    SECONDS = 7
    MILLISECONDS = 8
    MICROSECONDS = 9
    NANOSECONDS = 10
    PICOSECONDS = 11
    FEMTOSECONDS = 12
    ATTOSECONDS = 13
    UNBOUND_UNITS = 14
end

# Each unit with numpy's code and its name. (Julia 1.5 names an enum's instances by `Symbol`, which is
# numpy's code here.)
const UNIT_TABLE = ((YEARS, :Y, :YEARS), (MONTHS, :M, :MONTHS), (WEEKS, :W, :WEEKS), (DAYS, :D, :DAYS),
                    (HOURS, :h, :HOURS), (MINUTES, :m, :MINUTES), (SECONDS, :s, :SECONDS),
                    (MILLISECONDS, :ms, :MILLISECONDS), (MICROSECONDS, :us, :MICROSECONDS),
                    (NANOSECONDS, :ns, :NANOSECONDS), (PICOSECONDS, :ps, :PICOSECONDS),
                    (FEMTOSECONDS, :fs, :FEMTOSECONDS), (ATTOSECONDS, :as, :ATTOSECONDS),
                    (UNBOUND_UNITS, nothing, :UNBOUND_UNITS))

# The entry of `UNIT_TABLE` whose field `i` is `x`.
function unit_entry(i::Int, x)
    for entry in UNIT_TABLE
        entry[i] === x && return entry
    end
    error("invalid unit: $x")
end

unit_name(u::Unit) = unit_entry(1, u)[3]

Unit(u::Unit) = u
Unit(code::Symbol) = unit_entry(2, code)[1]
function Base.Symbol(u::Unit)
    code = unit_entry(1, u)[2]
    code === nothing && error("invalid unit: $u")   # (the generic unit has no code)
    return code
end
Base.print(io::IO, u::Unit) = print(io, unit_name(u))

const DatesPeriod = Union{Dates.Year,Dates.Month,Dates.Week,Dates.Day,Dates.Hour,Dates.Minute,Dates.Second,
                          Dates.Millisecond,Dates.Microsecond,Dates.Nanosecond}
const DatesInstant = Union{Dates.Date,Dates.DateTime}

for (T, u) in ((:Year, YEARS), (:Month, MONTHS), (:Week, WEEKS), (:Day, DAYS), (:Hour, HOURS),
               (:Minute, MINUTES), (:Second, SECONDS), (:Millisecond, MILLISECONDS),
               (:Microsecond, MICROSECONDS), (:Nanosecond, NANOSECONDS), (:Date, DAYS),
               (:DateTime, MILLISECONDS))
    @eval Unit(::Type{Dates.$T}) = $u
end
Unit(x::Union{DatesInstant,DatesPeriod}) = Unit(typeof(x))

# A unit as its constructors and type parameters take it: a `Unit`, a code, or either with a multiple.
const UnitArg = Union{Unit,Symbol,Tuple{Unit,Integer},Tuple{Symbol,Integer}}

"""
    unitpair(u) -> (unit, multiple)

The unit `u` (a unit argument, or the unit of a datetime, a timedelta or one of their types) as a `Unit`
and how many of it.
"""
unitpair(u::UnitArg) = u isa Tuple ? (Unit(u[1]), u[2]) : (Unit(u), 1)

# The unit as a type parameter: the `Unit` alone when there is one of it.
function unitparam(u::UnitArg)
    unit, n = unitpair(u)
    return n == 1 ? unit : (unit, Int(n))
end

"""
    defaultunit(x)

The unit a datetime or timedelta made of `x` has when none is given: the unit of `x` if it has one (a
`Dates` type's, or its own), else nanoseconds.
"""
defaultunit(::Any) = NANOSECONDS
defaultunit(x::Union{DatesInstant,DatesPeriod}) = Unit(x)

const NAT = typemin(Int64)
const NAT_STRINGS = ("NaT", "nat", "NAT", "NaN", "nan", "NAN")

# Checked arithmetic on counts: overflow, or a result that would read as NaT, is an `OverflowError`.
for (f, op) in ((:add, :add_with_overflow), (:sub, :sub_with_overflow), (:mul, :mul_with_overflow))
    @eval function $f(x::Integer, y::Integer)
        r, overflow = Base.Checked.$op(Int64(x), Int64(y))
        overflow || r == NAT ? throw(OverflowError($(string(f)))) : r
    end
end

# Attoseconds in each unit of fixed length. (Years and months have no fixed length: they convert only to
# each other.)
const ATTOSECONDS_IN = Dict{Unit,Int128}(
    WEEKS => 604_800 * Int128(10)^18, DAYS => 86_400 * Int128(10)^18, HOURS => 3_600 * Int128(10)^18,
    MINUTES => 60 * Int128(10)^18, SECONDS => Int128(10)^18, MILLISECONDS => Int128(10)^15,
    MICROSECONDS => Int128(10)^12, NANOSECONDS => Int128(10)^9, PICOSECONDS => Int128(10)^6,
    FEMTOSECONDS => Int128(10)^3, ATTOSECONDS => Int128(1))

"""
    unitscale(from, to) -> (multiplier, divisor)

What takes a count of unit `from` to unit `to`: times `multiplier`, divided by `divisor` (`(12, 1)` from
years to months). An error if no such `Int64`s exist (years to days; weeks to attoseconds).
"""
function unitscale(from::Unit, to::Unit)
    from == to && return (Int64(1), Int64(1))
    months(u) = u == YEARS ? 12 : u == MONTHS ? 1 : nothing
    ratio = months(from) !== nothing && months(to) !== nothing ? months(from) // months(to) :
        haskey(ATTOSECONDS_IN, from) && haskey(ATTOSECONDS_IN, to) ?
        ATTOSECONDS_IN[from] // ATTOSECONDS_IN[to] : nothing
    if ratio === nothing || max(numerator(ratio), denominator(ratio)) > typemax(Int64)
        error("cannot convert from $from to $to")
    end
    return (Int64(numerator(ratio)), Int64(denominator(ratio)))
end

"""
    rescale(value, from, to) -> (count, remainder)

`value` of unit `from` as a whole `count` of unit `to` (rounded down) and what is left over, in the
smaller of the two: `rescale(2001, MILLISECONDS, SECONDS) == (2, 1)`.
"""
function rescale(v::Int64, from, to)
    iszero(v) && return (v, zero(Int64))
    u0, n0 = unitpair(from)
    u1, n1 = unitpair(to)
    multiplier, divisor = unitscale(u0, u1)
    return fldmod(mul(v, mul(multiplier, n0)), mul(divisor, n1))
end
