@testset "stdio: streams in memory, in order, by request" begin
    S = MetapolyWorker.Stdio
    @test S.partial_char_length(Vector{UInt8}("abc")) == 0
    @test S.partial_char_length(Vector{UInt8}("aé")) == 0
    @test S.partial_char_length(Vector{UInt8}("a🎉")[1:end-1]) == 3
    @test S.partial_char_length(Vector{UInt8}("é")[1:1]) == 1
    sent = []
    saved = S.STREAM_SINK[]
    S.STREAM_SINK[] = (name, bytes, request) -> push!(sent, (name, String(copy(bytes)), request))
    try
        out, err = S.WorkerStream("stdout"), S.WorkerStream("stderr")
        print(out, "A"); print(err, "B"); print(out, "C")
        S.with_request_tag(7) do
            print(out, "D")
            wait(@async print(out, "E"))  # a task started in request 7 prints there
        end
        write(out, codeunits("é")[1])  # half a character waits for the rest
        S.send_pending()
        @test sent == [("stdout", "A", 0), ("stderr", "B", 0), ("stdout", "C", 0), ("stdout", "DE", 7)]
        empty!(sent)
        S.send_pending(everything=true)
        @test length(sent) == 1 && codeunits(sent[1][2]) == codeunits("é")[1:1]
    finally
        S.STREAM_SINK[] = saved
    end
end
