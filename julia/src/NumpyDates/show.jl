# How datetimes, timedeltas, their types and units print: as PythonCall prints them, `Type(value, unit)`
# or `Type{unit}(value)`, the value alone where the type is known (`:typeinfo`, in an array), a datetime's
# value as its date or time when that says it exactly.
#
# Cells reach this module as `PythonCall.NumpyDates`; where it really is, inside the worker's own module,
# is no name a cell can use. So its names print under that public path, wherever Julia would print a
# module's path (the name is not visible from the `:module` printed for, `Main` by default; not `:compact`).

const PUBLIC_PATH = "PythonCall.NumpyDates"

# Whether `name` of this module is visible, as itself, from the module `io` prints for.
function visible(io::IO, name::Symbol)
    from = get(io, :module, Main)
    return from isa Module && isdefined(from, name) && getfield(from, name) === getfield(@__MODULE__, name)
end

function show_name(io::IO, name::Symbol)
    get(io, :compact, false) || visible(io, name) || print(io, PUBLIC_PATH, ".")
    print(io, name)
end

Base.show(io::IO, u::Unit) = show_name(io, unit_name(u))

# (Julia 1.5 lists an enum's instances by `Symbol`, which is numpy's code for a unit.)
function Base.show(io::IO, ::MIME"text/plain", ::Type{Unit})
    print(io, "Enum ")
    show(io, Unit)
    print(io, ":")
    foreach(entry -> print(io, "\n", entry[3], " = ", Integer(entry[1])), UNIT_TABLE)
end

for T in (:Unit, :AbstractDateTime64, :DateTime64, :InlineDateTime64, :AbstractTimeDelta64, :TimeDelta64,
          :InlineTimeDelta64)
    @eval Base.show(io::IO, ::Type{$T}) = show_name(io, $(QuoteNode(T)))
end
for T in (:InlineDateTime64, :InlineTimeDelta64)
    @eval function Base.show(io::IO, ::Type{$T{U}}) where {U}
        show_name(io, $(QuoteNode(T)))
        print(io, "{")
        show(io, U)
        print(io, "}")
    end
end

function Base.show(io::IO, d::Union{DateTime64,TimeDelta64,InlineDateTime64,InlineTimeDelta64})
    get(io, :typeinfo, Any) == typeof(d) && return show_value(io, d)
    show(io, typeof(d))
    print(io, "(")
    show_value(io, d)
    if d isa Union{DateTime64,TimeDelta64}  # (an inline value's unit is in its type)
        print(io, ", ")
        show(io, unitparam(unitpair(d)))
    end
    print(io, ")")
end

# (Dates shows and prints a period by its value and its type's units, which these have not.)
Base.show(io::IO, ::MIME"text/plain", d::AbstractTimeDelta64) = show(io, d)
Base.print(io::IO, d::AbstractTimeDelta64) = show(io, d)

# The value of a datetime: as a date (or date and time) in quotes if that is exactly it, else the count.
function show_value(io::IO, d::AbstractDateTime64)
    isnan(d) && return show(io, "NaT")
    unit = unitpair(d)
    instant = first(unit) <= DAYS ? Dates.Date(d) : Dates.DateTime(d)
    exact = Dates.value(DateTime64(instant, unit)) == Dates.value(d)
    return exact ? show(io, string(instant)) : show(io, Dates.value(d))
end

show_value(io::IO, d::AbstractTimeDelta64) = isnan(d) ? show(io, "NaT") : show(io, Dates.value(d))
