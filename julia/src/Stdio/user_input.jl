# `readline()` and every other read of `stdin` in Julia cells: each line read asks the notebook's user.
#
# The request leaves after the output printed before it. The front end answers on the channel with an
# `input_reply` whose "status" is "ok" (the line is the body), "eof", "interrupted", or "unsupported"
# (the client sent `allow_stdin: false`). The request reader task hands those replies over here. Once the
# embedded Python runs, Julia's output goes through it, and so do its input requests (`ask_lines_from!`),
# to stay after that output.

const INPUT_REPLIES = Channel{Frame}(Inf)

"""
    deliver_input_reply(frame)

Hand the front end's answer to an input request to the code waiting for it.
"""
deliver_input_reply(frame::Frame) = (put!(INPUT_REPLIES, frame); nothing)

# Asks the user for a line: `(status, line)`.
function ask_front_end()
    sync_output()
    send_event(INPUT_REQUEST; prompt="", password=false)
    reply = take!(INPUT_REPLIES)
    return get(reply, "status", ""), String(reply.body)
end

const LINE_SOURCE = Ref{Function}(ask_front_end)

"""
    ask_lines_from!(line_source)

Ask `line_source()` for each line read from `stdin` from now on: a `(status, line)` pair, `status` being
as in an `input_reply`.
"""
ask_lines_from!(line_source::Function) = (LINE_SOURCE[] = line_source; nothing)

"""
    StdinNotImplementedError(msg)

Thrown by a read of `stdin` when the notebook client does not accept input.
"""
struct StdinNotImplementedError <: Exception
    msg::String
end

Base.showerror(io::IO, e::StdinNotImplementedError) = print(io, "StdinNotImplementedError: ", e.msg)

"""
    WorkerStdin()

Julia's `stdin` in the worker: when a read finds nothing buffered, it asks the user for one line.
"""
struct WorkerStdin <: IO
    lines::IOBuffer
end

WorkerStdin() = WorkerStdin(PipeBuffer())

"""
    install_stdin()

Make `stdin` a [`WorkerStdin`](@ref), so that `readline()` asks the notebook's user.
"""
install_stdin() = Core.eval(Base, :(stdin = $(WorkerStdin())))

# Ask for a line; false when the user ended input instead.
function request_line(io::WorkerStdin)
    status, line = LINE_SOURCE[]()
    if status == "ok"
        write(io.lines, line, UInt8('\n'))
        return true
    elseif status == "eof"
        return false
    elseif status == "interrupted"
        throw(InterruptException())
    end
    throw(StdinNotImplementedError("reading stdin needs the user's input, but this frontend does not " *
                                   "support input requests (the notebook was run with allow_stdin=false)."))
end

Base.eof(io::WorkerStdin) = bytesavailable(io.lines) == 0 && !request_line(io)
Base.bytesavailable(io::WorkerStdin) = bytesavailable(io.lines)
Base.read(io::WorkerStdin, ::Type{UInt8}) = eof(io) ? throw(EOFError()) : read(io.lines, UInt8)
Base.readavailable(io::WorkerStdin) = eof(io) ? UInt8[] : readavailable(io.lines)
Base.readline(io::WorkerStdin; keep::Bool=false) = eof(io) ? "" : readline(io.lines; keep=keep)
Base.isopen(::WorkerStdin) = true
Base.isreadable(::WorkerStdin) = true
Base.iswritable(::WorkerStdin) = false
Base.close(::WorkerStdin) = nothing
