# Framing on the private channel to the front end (the Python side is metapoly/transport.py).
#
# A frame is: header length (UInt32, big-endian), body length (UInt32, big-endian), the header as JSON
# text, then the body as raw bytes. Headers are small dictionaries ("type", request "id", ...); bulk data
# such as code and printed text travels in the body so that it is never escaped or parsed.

using Sockets

# The connection to the front end, and the request whose output is being produced.
const CTL = Ref{IO}(devnull)
const CURRENT_REQUEST = Ref{Int}(0)

"""
    Frame

One message on the channel: a `header` dictionary and a raw `body`.
"""
struct Frame
    header::Dict{String,Any}
    body::Vector{UInt8}
end

Base.getindex(f::Frame, key::AbstractString) = f.header[key]
Base.get(f::Frame, key::AbstractString, default) = get(f.header, key, default)

"""
    read_frame(io) -> Union{Frame,Nothing}

Read the next frame; `nothing` when the channel was closed by the front end.
"""
function read_frame(io::IO)
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
    send_frame(io, header, body="")

Send one frame. Safe to call from any task on Julia's main thread.
"""
send_frame(io::IO, header::AbstractDict, body=UInt8[]) = (write(io, encode_frame(header, body)); nothing)
