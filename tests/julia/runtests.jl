# Unit tests of the worker's Julia code that need no front end. Run by tests/julia/test_units.py, or by
# hand: julia --project=julia tests/julia/runtests.jl
using Test
using MetapolyWorker

@testset "MetapolyWorker" begin
    include("Utils/test_compat.jl")
    include("Utils/test_json.jl")
    include("NumpyDates/test_numpydates.jl")
    include("Wire/test_protocol.jl")
    include("Stdio/test_stdio.jl")
    include("Stdio/test_user_input.jl")
    include("Display/test_display.jl")
    include("Cells/test_execute.jl")
    include("Cells/test_code_assist.jl")
end
