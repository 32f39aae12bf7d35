# Unit tests of the worker's Julia code that need no front end. Run by tests/julia/test_units.py, or by
# hand: julia --project=julia tests/julia/runtests.jl
using Test
using MetapolyWorker

@testset "MetapolyWorker" begin
    include("test_compat.jl")
    include("test_json.jl")
    include("test_stdio.jl")
    include("test_execute.jl")
    include("test_display.jl")
    include("test_user_input.jl")
    include("test_code_assist.jl")
end
