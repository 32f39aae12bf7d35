@testset "stdio: what is held back from a send" begin
    S = MetapolyWorker
    @test S.partial_char_length(Vector{UInt8}("abc")) == 0
    @test S.partial_char_length(Vector{UInt8}("aé")) == 0
    @test S.partial_char_length(Vector{UInt8}("a🎉")[1:end-1]) == 3
    @test S.partial_char_length(Vector{UInt8}("é")[1:1]) == 1
    saved = copy(S.SENTINEL)
    try
        empty!(S.SENTINEL)
        append!(S.SENTINEL, codeunits("\0sync\0"))
        buf = Vector{UInt8}("one\0sync\0two\0sync\0")
        @test S.strip_sentinels!(buf) == 2
        @test String(buf) == "onetwo"
        @test S.sentinel_prefix_length(Vector{UInt8}("text\0sy")) == 3
        @test S.sentinel_prefix_length(Vector{UInt8}("text")) == 0
    finally
        append!(empty!(S.SENTINEL), saved)
    end
end
