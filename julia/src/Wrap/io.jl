# `PyIO`: a Python stream (an open file, `io.StringIO`, `io.BytesIO`, `sys.stdout`...) as a Julia `IO`.
# Reads and writes are buffered in Julia, since each call into Python costs far more than a byte: what is
# written reaches Python on `flush` (and when the buffer fills, or at each line with `line_buffering`).
# A text stream takes and gives UTF-8.

"""
    PyIO(x; own=false, text=missing, line_buffering=false, buflen=4096)

The Python stream `x` as a Julia `IO`. `text`: whether `x` is a text stream (by default: whether it has an
`encoding`); then only UTF-8 text may be written to it (`print`, not `write` of arbitrary bytes) and
`position` works only with nothing read ahead. Reads and writes are buffered, `buflen` bytes each way:
`flush(io)` sends what was written (`line_buffering`: at every line too). Unlike PythonCall's, a `PyIO`
that is garbage is not flushed (its finalizer cannot call Python): flush or close it, or use
`PyIO(f, x)`. With `own`, `close(io)` and `PyIO(f, x)` close `x` too.
"""
mutable struct PyIO <: IO
    py::Py
    own::Bool
    text::Bool
    line_buffering::Bool
    eof::Bool                 # Python said the stream ended (until the next seek)
    ibuflen::Int
    ibuf::Vector{UInt8}       # read from Python, not yet by Julia
    obuflen::Int
    obuf::Vector{UInt8}       # written by Julia, not yet to Python
    function PyIO(x; own::Bool=false, text::Union{Missing,Bool}=missing, line_buffering::Bool=false,
                  buflen::Integer=4096, ibuflen::Integer=buflen, obuflen::Integer=buflen)
        o = Py(x)
        ibuflen > 0 && obuflen > 0 || throw(ArgumentError("buffer lengths must be positive"))
        text_ = text === missing ? pyhasattr(o, "encoding") : text
        return new(o, own, text_, line_buffering, false, ibuflen, UInt8[], obuflen, UInt8[])
    end
end

"""
    PyIO(f, x; kwargs...)

`f(PyIO(x; kwargs...))`, the stream flushed after (or closed, with `own=true`).
"""
function PyIO(f::Function, x; kwargs...)
    io = PyIO(x; kwargs...)
    try
        return f(io)
    finally
        io.own ? close(io) : flush(io)
    end
end

stream_call(io::PyIO, name::String, args...) = pygetattr(io.py, name)(args...)

# The bytes of `obuf` that end with a whole UTF-8 character (a text stream takes only whole ones).
function complete_utf8(buf::Vector{UInt8})
    n = length(buf)
    for back in 0:min(3, n - 1)
        b = buf[n-back]
        b & 0xc0 == 0x80 && continue          # a continuation byte: look further back
        needed = b < 0x80 ? 1 : b & 0xe0 == 0xc0 ? 2 : b & 0xf0 == 0xe0 ? 3 : 4
        return back + 1 >= needed ? n : n - back - 1
    end
    return n
end

# Send what was written to Python.
function write_out(io::PyIO)
    isempty(io.obuf) && return nothing
    n = io.text ? complete_utf8(io.obuf) : length(io.obuf)
    n == 0 && return nothing
    data = io.obuf[1:n]
    stream_call(io, "write", io.text ? pystr(String(data)) : pybytes(data))
    deleteat!(io.obuf, 1:n)
    return nothing
end

# Read more from Python if nothing is left to read; after this, an empty `ibuf` means the end.
function read_in(io::PyIO)
    isempty(io.ibuf) || return nothing
    data = stream_call(io, "read", io.ibuflen)
    append!(io.ibuf, io.text ? codeunits(pystr(String, data)) : pybytes(Vector{UInt8}, data))
    return nothing
end

Base.flush(io::PyIO) = (write_out(io); stream_call(io, "flush"); nothing)
Base.close(io::PyIO) = (flush(io); stream_call(io, "close"); nothing)
Base.isopen(io::PyIO) = !pytruth(pygetattr(io.py, "closed"))
Base.isreadable(io::PyIO) = pytruth(stream_call(io, "readable"))
Base.iswritable(io::PyIO) = pytruth(stream_call(io, "writable"))
Base.fd(io::PyIO) = pyconvert(Int, stream_call(io, "fileno"))

function Base.eof(io::PyIO)
    io.eof && return true
    isempty(io.ibuf) || return false
    read_in(io)
    io.eof = isempty(io.ibuf)
    return io.eof
end

Base.bytesavailable(io::PyIO) = length(io.ibuf)
Base.readavailable(io::PyIO) = (eof(io); data = copy(io.ibuf); empty!(io.ibuf); data)

function Base.read(io::PyIO, ::Type{UInt8})
    eof(io) && throw(EOFError())
    return popfirst!(io.ibuf)
end

function Base.unsafe_read(io::PyIO, p::Ptr{UInt8}, n::UInt)
    while n > 0
        eof(io) && throw(EOFError())
        k = min(n, length(io.ibuf))
        GC.@preserve io unsafe_copyto!(p, pointer(io.ibuf), k)
        deleteat!(io.ibuf, 1:k)
        p += k
        n -= k
    end
    return nothing
end

function Base.readbytes!(io::PyIO, b::AbstractVector{UInt8}, nb=length(b))
    nread = 0
    while nread < nb && !eof(io)
        k = min(nb - nread, length(io.ibuf))
        nread + k > length(b) && resize!(b, nread + k)
        copyto!(b, nread + 1, io.ibuf, 1, k)
        deleteat!(io.ibuf, 1:k)
        nread += k
    end
    return nread
end

function Base.unsafe_write(io::PyIO, p::Ptr{UInt8}, n::UInt)
    data = unsafe_wrap(Array, p, n)
    append!(io.obuf, data)
    if length(io.obuf) >= io.obuflen || io.line_buffering && any(b -> b == 0x0a || b == 0x0d, data)
        write_out(io)
    end
    return Int(n)
end

function Base.write(io::PyIO, b::UInt8)
    push!(io.obuf, b)
    (length(io.obuf) >= io.obuflen || io.line_buffering && (b == 0x0a || b == 0x0d)) && write_out(io)
    return 1
end

# Moving in the stream drops what was read ahead and sends what was written.
function moved!(io::PyIO)
    write_out(io)
    empty!(io.ibuf)
    io.eof = false
    return io
end

Base.seek(io::PyIO, pos::Integer) = (moved!(io); stream_call(io, "seek", pos); io)
Base.seekstart(io::PyIO) = seek(io, 0)
Base.seekend(io::PyIO) = (moved!(io); stream_call(io, "seek", 0, 2); io)

function Base.skip(io::PyIO, n::Integer)
    write_out(io)
    if 0 <= n <= length(io.ibuf) || io.text && n >= 0
        read(io, n)
    elseif io.text
        throw(ArgumentError("a text PyIO can only skip forward"))
    else
        stream_call(io, "seek", n - length(io.ibuf), 1)
        empty!(io.ibuf)
        io.eof = false
    end
    return io
end

function Base.position(io::PyIO)
    write_out(io)
    # (A text stream's position is an opaque number, not a count of bytes one could step back by.)
    io.text && !isempty(io.ibuf) &&
        throw(ArgumentError("the position of a text PyIO is known only with nothing read ahead"))
    return pyconvert(Int, stream_call(io, "tell")) - length(io.ibuf)
end

function Base.truncate(io::PyIO, n::Integer)
    seek(io, position(io))
    stream_call(io, "truncate", n)
    return io
end
