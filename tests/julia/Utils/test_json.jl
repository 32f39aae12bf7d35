const J = MetapolyWorker.Utils

@testset "json" begin
    value = Dict("a" => [1, 2.5, true, nothing, "x\"y\\z\n\t\u01"], "é" => Dict("k" => -3))
    @test J.parse_json(J.json(value)) ==
          Dict{String,Any}("a" => Any[1, 2.5, true, nothing, "x\"y\\z\n\t\u01"],
                           "é" => Dict{String,Any}("k" => -3))
    @test J.json("🎉") == "\"🎉\""
    @test J.parse_json("\"\\ud83c\\udf89 \\u00e9\"") == "🎉 é"
    @test J.parse_json(" [ 1e3 , -0.5 , {} , [] ] ") == Any[1000.0, -0.5, Dict{String,Any}(), Any[]]
    @test J.json((1, :sym)) == "[1,\"sym\"]"
    @test J.json(NaN) == "null"
    @test_throws ArgumentError J.parse_json("{\"a\": }")
    @test_throws ArgumentError J.parse_json("[1, 2")
    @test_throws ArgumentError J.parse_json("1 2")
end
