# Capture of Julia's stdout and stderr.
#
# `stdout` and `stderr` are `WorkerStream`s: streams in memory, so that what Julia prints touches no file
# descriptor and the capture can neither drop text nor block the worker on itself. (C code and child
# processes write to file descriptors 1 and 2, which the embedded Python drains: python/_metapoly_worker/
# stdio.py.) Both streams append to one list of segments, which keeps stdout and stderr in the order they
# were written; each segment belongs to a request: the running one for the main task, the one a task was
# started in for a task (`@async` in a cell), so that a task printing after its cell ended prints there.
#
# Text is coalesced: it leaves once SEND_LIMIT bytes are pending, or every SEND_INTERVAL seconds when the
# cell yields (a timer), so a loop of 100,000 `println`s becomes a few dozen messages while the first line of
# a cell that prints and then sleeps leaves at once. Where it goes is the sink's business.

using Logging

const SEND_INTERVAL = 0.02
const SEND_LIMIT = 1 << 16

"""
    WorkerStream(name)

`stdout` or `stderr` of the worker: what is written to it is sent to the front end.
"""
struct WorkerStream <: IO
    name::String
end

mutable struct Segment
    name::String
    request::Int
    bytes::Vector{UInt8}
end

const SEGMENTS = Segment[]
const PENDING_BYTES = Ref(0)
const STREAM_SINK = Ref{Function}((name, bytes, request) -> nothing)
# While Julia has text pending, this flag (an int of the embedded Python's) is set: Python then holds back
# what child processes wrote after it for a moment, so that `println("a"); run(`echo b`)` shows a, then b.
const PENDING_FLAG = Ref{Ptr{Cint}}(C_NULL)
# And the other way round: what a child wrote before Julia prints again goes first. `CHILD_OUTPUT_FIRST[]()`
# (set once Python drains the descriptors) hands it over if there is any; it runs at most every
# ORDER_INTERVAL nanoseconds (a system call).
const CHILD_OUTPUT_FIRST = Ref{Function}(() -> nothing)
const ORDER_INTERVAL = 1_000_000
const LAST_ORDER_CHECK = Ref{UInt64}(0)

"""
    capture_stdio(sink)

Make `stdout` and `stderr` `WorkerStream`s whose text is handed to `sink(name, bytes, request)`.
"""
function capture_stdio(sink::Function)
    STREAM_SINK[] = sink
    set_stdio!(WorkerStream("stdout"), WorkerStream("stderr"))
    # The default logger still writes to the stderr from before (the worker's log): @warn and @info in
    # cells must reach the notebook.
    global_logger(ConsoleLogger(stderr))
    Timer(_ -> send_pending_or_log(), SEND_INTERVAL; interval=SEND_INTERVAL)
    return nothing
end

function Base.unsafe_write(s::WorkerStream, p::Ptr{UInt8}, n::UInt)
    keep_order()
    append!(segment_for(s), unsafe_wrap(Array, p, n))
    written!(n)
    return Int(n)
end

function Base.write(s::WorkerStream, b::UInt8)
    keep_order()
    push!(segment_for(s), b)
    written!(1)
    return 1
end

Base.flush(::WorkerStream) = send_pending()
# Colour on, as IJulia has it: notebooks render ANSI colours in streams (`printstyled`, `@warn`).
Base.get(::WorkerStream, key::Symbol, default) = key === :color ? true : default
Base.isopen(::WorkerStream) = true
Base.iswritable(::WorkerStream) = true

# A process given `stdout` or `stderr` (`read(cmd)`, `pipeline(cmd, stdout)`) writes straight to descriptor
# 1 or 2, as one started by `run` does: Julia spawns with the handle `rawhandle` gives (newer Julia may copy
# through a pipe instead, and then never asks).
isdefined(Base, :rawhandle) && (Base.rawhandle(s::WorkerStream) = RawFD(s.name == "stdout" ? 1 : 2))

# The bytes of the segment a write to `s` by the current task extends.
function segment_for(s::WorkerStream)
    request = writer_request()
    if isempty(SEGMENTS) || last(SEGMENTS).name != s.name || last(SEGMENTS).request != request
        push!(SEGMENTS, Segment(s.name, request, UInt8[]))
    end
    return last(SEGMENTS).bytes
end

function keep_order()
    now = time_ns()
    now - LAST_ORDER_CHECK[] < ORDER_INTERVAL && return
    LAST_ORDER_CHECK[] = now
    CHILD_OUTPUT_FIRST[]()
end

function written!(n::Integer)
    PENDING_FLAG[] == C_NULL || unsafe_store!(PENDING_FLAG[], 1)
    if (PENDING_BYTES[] += n) >= SEND_LIMIT
        send_pending()
        # A loop that only prints yields here, as it would writing to a pipe: an interrupt can stop it.
        yield()
    end
end

# `redirect_stdout(old)` after the user's own `redirect_stdout()`: `stdout` is the worker's again, and so is
# file descriptor 1 (as the capture left it: `save_descriptors`).
const SAVED_DESCRIPTORS = Dict{Int,Cint}()

function restore_stream(fd::Int, s::WorkerStream)
    saved = get(SAVED_DESCRIPTORS, fd, Cint(-1))
    saved >= 0 && ccall(:dup2, Cint, (Cint, Cint), saved, fd)
    fd == 1 ? set_stdio!(s, stderr) : set_stdio!(stdout, s)
    return s
end

accept_redirects!(@__MODULE__, WorkerStream, restore_stream)

# Remember where file descriptors 1 and 2 point now, to point them there again when the user's redirection
# of `stdout` or `stderr` ends.
function save_descriptors()
    for fd in (1, 2)
        haskey(SAVED_DESCRIPTORS, fd) && ccall(:close, Cint, (Cint,), SAVED_DESCRIPTORS[fd])
        SAVED_DESCRIPTORS[fd] = ccall(:dup, Cint, (Cint,), fd)
    end
end

"""
    RequestTag(request)

The logger state of the main task while it serves request `request`. Tasks inherit their parent's logger
state, so a task started by a cell carries the cell's request; logging itself goes to the global logger.
"""
struct RequestTag <: AbstractLogger
    request::Int
end

Logging.min_enabled_level(::RequestTag) = Logging.min_enabled_level(global_logger())
Logging.shouldlog(::RequestTag, args...) = Logging.shouldlog(global_logger(), args...)
Logging.catch_exceptions(::RequestTag) = Logging.catch_exceptions(global_logger())
Logging.handle_message(::RequestTag, args...; kwargs...) =
    Logging.handle_message(global_logger(), args...; kwargs...)

"""
    with_request_tag(f, request)

Run `f()` with the tasks it starts tagged as started by `request`.
"""
with_request_tag(f, request::Int) = with_logger(f, RequestTag(request))

function writer_request()
    logger = current_logger()
    return logger isa RequestTag ? logger.request : current_request()
end

"""
    send_pending(; everything=false)

Hand the text written so far to the sink, except (unless `everything`) a last character split in two.
"""
function send_pending(; everything::Bool=false)
    isempty(SEGMENTS) && return nothing
    segments = copy(SEGMENTS)
    empty!(SEGMENTS)
    tail = everything ? 0 : partial_char_length(last(segments).bytes)
    if tail > 0
        held = last(segments)
        push!(SEGMENTS, Segment(held.name, held.request, held.bytes[end-tail+1:end]))
        resize!(held.bytes, length(held.bytes) - tail)
    end
    PENDING_BYTES[] = tail
    for segment in segments
        isempty(segment.bytes) || STREAM_SINK[](segment.name, segment.bytes, segment.request)
    end
    # (Only now: a child's output waiting for this text must not overtake it.)
    tail == 0 && PENDING_FLAG[] != C_NULL && unsafe_store!(PENDING_FLAG[], 0)
    return nothing
end

# (An error would end the timer's task, and with it the sending of what a cell prints as it runs.)
function send_pending_or_log()
    try
        send_pending()
    catch err
        worker_log("sending output failed: ", sprint(showerror, err))
    end
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
    route_output!(sink, pending_flag, child_output_first)

Hand Julia's text to `sink(name, bytes, request)` from now on. While text is pending, the int at
`pending_flag` is 1; before Julia prints again, `child_output_first()` may hand over what child processes
wrote meanwhile. (The embedded Python takes all output over this way, to keep one order:
Runtime/julia_output.jl.)
"""
function route_output!(sink::Function, pending_flag::Ptr{Cint}, child_output_first::Function)
    STREAM_SINK[] = sink
    PENDING_FLAG[] = pending_flag
    save_descriptors()  # (now the new owner's capture pipes)
    CHILD_OUTPUT_FIRST[] = child_output_first
    return nothing
end

"""
    sync_output()

Send everything Julia (and C code, through the C library's buffers) wrote to stdout and stderr so far.
"""
function sync_output()
    Libc.flush_cstdio()
    send_pending(everything=true)
end
