const P = MetapolyWorker.Wire

@testset "frames" begin
    bytes = P.encode_frame(Dict("type" => "t", "id" => 7), "body ✓")
    frame = P.read_frame(IOBuffer(bytes))
    @test frame["type"] == "t" && frame["id"] == 7
    @test String(frame.body) == "body ✓"
    @test P.read_frame(IOBuffer()) === nothing
    @test_throws EOFError P.read_frame(IOBuffer(bytes[1:end-1]))
end
