# Capture of Julia's stdout and stderr.
#
# Each stream is redirected to a buffered pipe that a task drains. Once the embedded Python runs, file
# descriptors 1 and 2 (C code, child processes) are its own pipes instead, drained by a Python thread
# (python/_metapoly_worker/stdio.py): this pipe is then Julia's alone, never handed to a child, whose
# start would make it blocking and let a full pipe stop the worker on itself. Text is coalesced (a frame at most every
# SEND_INTERVAL seconds or every SEND_LIMIT bytes), so a loop of 100,000 `println`s becomes a few dozen
# messages, while the first line of a cell that prints and then sleeps still leaves at once (a timer
# flushes the buffer whenever the cell yields).
# `sync_output` writes a random sentinel through each pipe and waits for the drain task to see it: only
# then is everything the cell printed known to have been sent, in order, before its result.

using Logging

const SEND_INTERVAL = 0.02
const SEND_LIMIT = 1 << 20
const WRITE_BUFFER = 1 << 16
const SYNC_TIMEOUT = 5.0

mutable struct StreamCapture
    name::String
    reader::IO
    writer::IO
    pending::Vector{UInt8}
    last_send::Float64
    syncs_seen::Int
    synced::Base.Condition
end

const CAPTURES = StreamCapture[]
const SENTINEL = Vector{UInt8}()
const STREAM_SINK = Ref{Function}((name, bytes) -> nothing)

"""
    capture_stdio(sink)

Redirect Julia's stdout and stderr into pipes; captured text is handed to `sink(name, bytes)`.
"""
function capture_stdio(sink::Function)
    STREAM_SINK[] = sink
    append!(SENTINEL, codeunits("\0metapoly-sync-"))
    append!(SENTINEL, rand(UInt8('a'):UInt8('z'), 24))
    push!(SENTINEL, 0x00)
    for (name, redirect) in (("stdout", redirect_stdout), ("stderr", redirect_stderr))
        reader, writer = capture_pipe(redirect, WRITE_BUFFER)
        cap = StreamCapture(name, reader, writer, UInt8[], 0.0, 0, Base.Condition())
        push!(CAPTURES, cap)
        @async drain(cap)
    end
    # The default logger still writes to the stderr from before (the worker's log): @warn and @info in
    # cells must reach the notebook.
    global_logger(ConsoleLogger(stderr))
    Timer(_ -> foreach(flush_capture, CAPTURES), SEND_INTERVAL; interval=SEND_INTERVAL)
    return nothing
end

# Runs whenever the main task yields (sleep, I/O, a full buffer): what a cell printed so far leaves.
function flush_capture(cap::StreamCapture)
    flush(cap.writer)
    send_pending(cap)
end

function drain(cap::StreamCapture)
    try
        while !eof(cap.reader)
            append!(cap.pending, readavailable(cap.reader))
            seen = strip_sentinels!(cap.pending)
            if seen > 0
                send_pending(cap; everything=true)
                cap.syncs_seen += seen
                notify(cap.synced)
            elseif length(cap.pending) >= SEND_LIMIT || time() - cap.last_send >= SEND_INTERVAL
                send_pending(cap)
            end
        end
    catch err
        worker_log("output capture of ", cap.name, " stopped: ", sprint(showerror, err))
    end
end

function strip_sentinels!(buf::Vector{UInt8})
    seen = 0
    while (i = find_sentinel(buf)) !== nothing
        deleteat!(buf, i:i+length(SENTINEL)-1)
        seen += 1
    end
    return seen
end

# (Julia 1.5 has no `findfirst` of one byte vector in another.)
function find_sentinel(buf::Vector{UInt8})
    L = length(SENTINEL)
    i = findfirst(isequal(SENTINEL[1]), buf)
    while i !== nothing && i + L - 1 <= length(buf)
        view(buf, i:i+L-1) == SENTINEL && return i
        i = findnext(isequal(SENTINEL[1]), buf, i + 1)
    end
    return nothing
end

# Send what is pending, except (unless `everything`) a tail that may be the start of a sentinel or of a
# UTF-8 character split between two reads.
function send_pending(cap::StreamCapture; everything::Bool=false)
    isempty(cap.pending) && return
    n = length(cap.pending)
    keep = everything ? 0 : max(sentinel_prefix_length(cap.pending), partial_char_length(cap.pending))
    keep >= n && return
    chunk = cap.pending[1:n-keep]
    deleteat!(cap.pending, 1:n-keep)
    cap.last_send = time()
    STREAM_SINK[](cap.name, chunk)
end

function sentinel_prefix_length(buf::Vector{UInt8})
    for k in min(length(SENTINEL) - 1, length(buf)):-1:1
        view(buf, length(buf)-k+1:length(buf)) == view(SENTINEL, 1:k) && return k
    end
    return 0
end

function partial_char_length(buf::Vector{UInt8})
    n = length(buf)
    for back in 0:min(3, n - 1)
        b = buf[n-back]
        b & 0xc0 == 0x80 && continue                      # continuation byte: look further back
        need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
        return need > back + 1 ? back + 1 : 0
    end
    return 0
end

"""
    sync_output()

Flush everything Julia (and C code, through the C library's buffers) wrote to stdout and stderr so far,
and return once it has been handed to the sink.
"""
function sync_output()
    Libc.flush_cstdio()
    for cap in CAPTURES
        target = cap.syncs_seen + 1
        write(cap.writer, SENTINEL)
        flush(cap.writer)
        # A user who redirected or closed the stream must not hang the worker: give up after a while.
        timed_out = Ref(false)
        timer = Timer(_ -> (timed_out[] = true; notify(cap.synced)), SYNC_TIMEOUT)
        while cap.syncs_seen < target && !timed_out[]
            wait(cap.synced)
        end
        close(timer)
    end
end
