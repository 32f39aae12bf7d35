"""
PythonCall's `NumpyDates`: datetimes and timedeltas as numpy stores them, a 64-bit count of a unit since
1970-01-01 (or of a length of time), in pure Julia. `DateTime64` and `TimeDelta64` carry their unit as a
value (laid out as a numpy scalar's value and unit); `InlineDateTime64{unit}` and
`InlineTimeDelta64{unit}` in their type (laid out as an element of a numpy array of that unit). Each
converts to and from the `Dates` types it stands for. Cells reach it as `PythonCall.NumpyDates`.
"""
module NumpyDates

import Dates

export Unit, YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS, MICROSECONDS, NANOSECONDS,
       PICOSECONDS, FEMTOSECONDS, ATTOSECONDS, AbstractDateTime64, InlineDateTime64, DateTime64,
       AbstractTimeDelta64, InlineTimeDelta64, TimeDelta64

include("units.jl")
include("datetime64.jl")
include("timedelta64.jl")
include("show.jl")

end
