# The worker's own log. It goes to the worker's original stderr (a log file the front end chose), never to
# the pipes that capture user output, so nothing the worker says appears in a cell.

const LOG_IO = Ref{IO}(devnull)

"""
    open_log()

Keep a private copy of file descriptor 2 for logging before stderr is redirected to a capture pipe.
"""
function open_log()
    fd = ccall(:dup, Cint, (Cint,), 2)
    LOG_IO[] = fd < 0 ? devnull : fdio(fd, true)
    return nothing
end

"""
    log_fd() -> Int

The file descriptor of the worker log (-1 if there is none), for the embedded Python's copy of stderr.
"""
log_fd() = LOG_IO[] isa IOStream ? Int(fd(LOG_IO[])) : -1

"""
    worker_log(parts...)

Write one line to the worker log.
"""
function worker_log(parts...)
    io = LOG_IO[]
    println(io, "[metapoly worker ", getpid(), "] ", parts...)
    flush(io)
    return nothing
end
