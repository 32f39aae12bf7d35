# The protocol between the worker and the front end, on the Julia side (the Python side, used by both the
# front end and the worker's embedded Python, is metapoly/protocol.py; julia/PROTOCOL.md describes both).
#
# A frame is: header length (UInt32, big-endian), body length (UInt32, big-endian), the header as JSON
# text, then the body as raw bytes. Headers are small dictionaries: the frame's "type", the "id" of the
# request it answers or belongs to (NO_REQUEST for what happens while no request runs), and a few fields.
# Bulk data such as code and printed text travels in the body so that it is never escaped or parsed.

using Sockets

# Requests from the front end; each gets exactly one reply (`reply_type`).
const EXECUTE_REQUEST = "execute_request"
const COMPLETE_REQUEST = "complete_request"
const INSPECT_REQUEST = "inspect_request"
const IS_COMPLETE_REQUEST = "is_complete_request"
const PY2JL_REQUEST = "py2jl_request"
const JL2PY_REQUEST = "jl2py_request"
const VARIABLES_REQUEST = "variables_request"
const DEBUG_REQUEST = "debug_request"
const HISTORY_REQUEST = "history_request"
const RECORD_REQUEST = "record_request"
const COMM_REQUEST = "comm_request"
const COMM_INFO_REQUEST = "comm_info_request"
const SHUTDOWN_REQUEST = "shutdown_request"
# Notices from the front end, at any time, never answered.
const INTERRUPT = "interrupt"
const INPUT_REPLY = "input_reply"
# Events to the front end.
const HELLO = "hello"
const READY = "ready"
const STREAM = "stream"
const DISPLAY_DATA = "display_data"
const CLEAR_OUTPUT = "clear_output"
const INPUT_REQUEST = "input_request"

const NO_REQUEST = 0
const JULIA_CHANNEL = "julia"

"""
    reply_type(request_type) -> String

The type of the reply to a request: `execute_request` -> `execute_reply`.
"""
reply_type(request_type::AbstractString) = replace(request_type, r"_request$" => "") * "_reply"

# The connection to the front end, and the request being served (whose output is being produced).
const CTL = Ref{IO}(devnull)
const WORKER_PID = Ref{Int32}(getpid())  # set again when the worker starts (not when precompiling)
const CURRENT_REQUEST = Ref{Int}(NO_REQUEST)

"""
    connect_front_end(socket_path)

Connect to the front end's private socket: frames are sent and read there from now on, by this process
only (see `send_frame`).
"""
function connect_front_end(socket_path::AbstractString)
    WORKER_PID[] = getpid()
    CTL[] = Sockets.connect(socket_path)
    return nothing
end

"""
    flush_channel()

Make sure every frame sent so far has left (before the worker exits).
"""
flush_channel() = flush(CTL[])

"""
    current_request() -> Int

The id of the request being served, `NO_REQUEST` between requests.
"""
current_request() = CURRENT_REQUEST[]

"""
    set_current_request!(id)

Output from now on belongs to request `id` (`NO_REQUEST`: to none).
"""
set_current_request!(id::Integer) = (CURRENT_REQUEST[] = id; nothing)

"""
    Frame

One message on the channel: a `header` dictionary and a raw `body`.
"""
struct Frame
    header::Dict{String,Any}
    body::Vector{UInt8}
end

Frame(header::Dict, body::AbstractString="") = Frame(Dict{String,Any}(header), Vector{UInt8}(body))

Base.getindex(f::Frame, key::AbstractString) = f.header[key]
Base.get(f::Frame, key::AbstractString, default) = get(f.header, key, default)

"""
    read_frame(io=the front end's connection) -> Union{Frame,Nothing}

Read the next frame; `nothing` when the channel was closed by the front end.
"""
function read_frame(io::IO=CTL[])
    eof(io) && return nothing
    hlen = ntoh(read(io, UInt32))
    blen = ntoh(read(io, UInt32))
    header = parse_json(String(read_exactly(io, hlen)))
    return Frame(header, read_exactly(io, blen))
end

function read_exactly(io::IO, n::Integer)
    data = read(io, n)
    length(data) == n || throw(EOFError())
    return data
end

"""
    encode_frame(header, body) -> Vector{UInt8}

The bytes of one frame, so that a frame is always handed to the socket in a single `write`: writes from
different tasks then never interleave inside a frame.
"""
function encode_frame(header::AbstractDict, body::Union{AbstractVector{UInt8},AbstractString}=UInt8[])
    h = codeunits(json(header))
    b = body isa AbstractString ? codeunits(String(body)) : body
    out = Vector{UInt8}(undef, 8 + length(h) + length(b))
    io = IOBuffer(out; write=true)
    write(io, hton(UInt32(length(h))), hton(UInt32(length(b))), h, b)
    return out
end

"""
    send_frame(header, body="")

Send one frame to the front end. Safe to call from any task on Julia's main thread.
"""
function send_frame(header::AbstractDict, body=UInt8[])
    # A process forked from the worker (`os.fork()` in a cell) shares its connection: it must never speak
    # on it. It ends here, as a forked child should, instead of answering for the worker.
    getpid() == WORKER_PID[] || ccall(:_exit, Cvoid, (Cint,), 0)
    write(CTL[], encode_frame(header, body))
    return nothing
end

"""
    send_event(type, body=""; fields...)

Send an event of the request being served (or of no request, between requests).
"""
send_event(type::String, body=UInt8[]; fields...) =
    send_frame(Dict{String,Any}("type" => type, "id" => CURRENT_REQUEST[],
                                (string(k) => v for (k, v) in fields)...), body)

"""
    failure_reply(ename, evalue) -> Dict

An error reply for a failure that is not an exception in user code (the worker's own, a missing Python).
"""
failure_reply(ename, evalue) = Dict{String,Any}("status" => "error", "ename" => ename, "evalue" => evalue,
                                                "traceback" => ["$ename: $evalue"])
