# NumpyDates beyond PythonCall's own tests (tests/pythoncall/NumpyDates.jl, run through the kernel): what
# the worker does differently or adds. Pure Julia: no Python needed.
using Dates
using MetapolyWorker.NumpyDates
using MetapolyWorker.NumpyDates: UNBOUND_UNITS, unitscale, rescale

@testset "NumpyDates" begin
    @testset "units" begin
        @test unitscale(YEARS, MONTHS) == (12, 1)
        @test unitscale(MINUTES, HOURS) == (1, 60)
        @test unitscale(SECONDS, ATTOSECONDS) == (10^18, 1)
        @test_throws ErrorException unitscale(MINUTES, ATTOSECONDS)   # (60e18 is no Int64)
        @test_throws ErrorException unitscale(YEARS, DAYS)
        @test_throws ErrorException unitscale(UNBOUND_UNITS, SECONDS)
        @test rescale(2001, MILLISECONDS, SECONDS) == (2, 1)
        @test rescale(-1, MILLISECONDS, SECONDS) == (-1, 999)
        @test rescale(3, (SECONDS, 20), MINUTES) == (1, 0)
        @test Unit(:us) === MICROSECONDS && Symbol(MICROSECONDS) === :us
        @test_throws ErrorException Symbol(UNBOUND_UNITS)
        @test string(SECONDS) == "SECONDS"
        @test_throws OverflowError DateTime64(DateTime(2000), :as)
    end

    @testset "values" begin
        # (PythonCall's InlineDateTime64(string, format, unit) makes a timedelta.)
        d = InlineDateTime64("2000/01/02", "yyyy/mm/dd", :D)
        @test d isa InlineDateTime64{DAYS} && Dates.value(d) == 10958
        @test Date(d) == Date(2000, 1, 2)
        @test Week(TimeDelta64(14, :D)) == Week(2)
        @test_throws InexactError Week(TimeDelta64(15, :D))
        # A TimeDelta64's unit counts in its equality, as a DateTime64's does.
        @test TimeDelta64(1, :s) != TimeDelta64(1, :ms)
        @test TimeDelta64(1, :s) == TimeDelta64(Second(1))
        @test DateTime64(1, :s) != DateTime64(1, :ms)
    end

    @testset "show: names under PythonCall.NumpyDates unless visible" begin
        td = TimeDelta64(3, :s)
        # (`:module => nothing`: printed for no module, where nothing is visible.)
        @test sprint(show, td; context=:module => nothing) ==
            "PythonCall.NumpyDates.TimeDelta64(3, PythonCall.NumpyDates.SECONDS)"
        @test sprint(show, td; context=:module => @__MODULE__) == "TimeDelta64(3, SECONDS)"
        @test sprint(show, InlineDateTime64{(MINUTES, 15)}; context=:module => @__MODULE__) ==
            "InlineDateTime64{(MINUTES, 15)}"
        @test sprint(show, DateTime64("NaT", :D); context=:compact => true) == "DateTime64(\"NaT\", DAYS)"
        @test sprint(show, MIME("text/plain"), td; context=:module => @__MODULE__) ==
            "TimeDelta64(3, SECONDS)"
        @test sprint(show, InlineTimeDelta64{SECONDS}(2); context=:module => nothing) ==
            "PythonCall.NumpyDates.InlineTimeDelta64{PythonCall.NumpyDates.SECONDS}(2)"
        @test string(TimeDelta64(2, :m)) == "TimeDelta64(2, MINUTES)"   # (visible from Main here)
        @test sprint(show, MIME("text/plain"), MINUTES; context=:module => @__MODULE__) == "MINUTES::Unit = 6"
        @test startswith(sprint(show, MIME("text/plain"), Unit; context=:module => @__MODULE__),
                         "Enum Unit:\nYEARS = 0\nMONTHS = 1\nWEEKS = 2\nDAYS = 4\n")
        @test sprint(show, [InlineDateTime64{DAYS}(1)]; context=:module => @__MODULE__) ==
            "InlineDateTime64{DAYS}[\"1970-01-02\"]"
    end
end
