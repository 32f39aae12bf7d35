# Reads of the worker's stdin, with the front end's answers queued in advance.
@testset "user input" begin
    W = MetapolyWorker.Stdio
    P = MetapolyWorker.Wire
    sent = IOBuffer()
    saved = P.CTL[]
    P.CTL[] = sent
    try
        answer(status, text="") = W.deliver_input_reply(P.Frame(Dict{String,Any}("status" => status),
                                                                  Vector{UInt8}(text)))
        io = W.WorkerStdin()
        answer("ok", "first"); answer("ok", "second")
        @test readline(io) == "first"
        @test readline(io; keep=true) == "second\n"
        requests = P.read_frame(seekstart(sent))
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
        P.CTL[] = saved
    end
end
