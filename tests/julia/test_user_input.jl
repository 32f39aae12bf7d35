# Reads of the worker's stdin, with the front end's answers queued in advance.
@testset "user input" begin
    W = MetapolyWorker
    sent = IOBuffer()
    saved = W.CTL[]
    W.CTL[] = sent
    try
        answer(status, text="") = put!(W.INPUT_REPLIES, W.Frame(Dict{String,Any}("status" => status),
                                                                  Vector{UInt8}(text)))
        io = W.WorkerStdin()
        answer("ok", "first"); answer("ok", "second")
        @test readline(io) == "first"
        @test readline(io; keep=true) == "second\n"
        requests = W.read_frame(seekstart(sent))
        @test requests["type"] == "input_request" && requests["password"] == false

        answer("ok", "ab")
        @test read(io, Char) == 'a'
        @test bytesavailable(io) == 2 && readline(io) == "b"
        answer("eof")
        @test readline(io) == ""
        answer("interrupted")
        @test_throws InterruptException readline(io)
        answer("unsupported")
        @test_throws W.StdinNotImplementedError readline(io)
    finally
        W.CTL[] = saved
    end
end
