# Arrow's C Data Interface: the structs a producer fills (a schema, an array, a stream of arrays) and their
# release callbacks. Memory imported here stays the producer's: a struct is moved into memory of our own
# (the producer's copy marked released, as the interface asks), and released once nothing uses it.

struct ArrowSchema
    format::Ptr{UInt8}
    name::Ptr{UInt8}
    metadata::Ptr{UInt8}
    flags::Int64
    n_children::Int64
    children::Ptr{Ptr{ArrowSchema}}
    dictionary::Ptr{ArrowSchema}
    release::Ptr{Cvoid}
    private_data::Ptr{Cvoid}
end

struct ArrowArray
    length::Int64
    null_count::Int64
    offset::Int64
    n_buffers::Int64
    n_children::Int64
    buffers::Ptr{Ptr{Cvoid}}
    children::Ptr{Ptr{ArrowArray}}
    dictionary::Ptr{ArrowArray}
    release::Ptr{Cvoid}
    private_data::Ptr{Cvoid}
end

struct ArrowArrayStream
    get_schema::Ptr{Cvoid}
    get_next::Ptr{Cvoid}
    get_last_error::Ptr{Cvoid}
    release::Ptr{Cvoid}
    private_data::Ptr{Cvoid}
end

const ARROW_FLAG_NULLABLE = 2

"""
    ArrowMemoryError(message)

Arrow data that cannot be read as it claims to be laid out (wrong lengths, offsets past their data, a
producer's error): raised instead of reading memory that is not there.
"""
struct ArrowMemoryError <: Exception
    message::String
end
Base.showerror(io::IO, e::ArrowMemoryError) = print(io, "ArrowMemoryError: ", e.message)

"""
    Imported{T}

A struct of type `T` (`ArrowSchema`, `ArrowArray`, `ArrowArrayStream`) in memory of ours, whose producer's
release callback runs once this object is garbage (or at `release!`). Whatever reads its buffers holds on
to it. `moved(T, address)` takes one over from its producer's memory, `filled(f, T)` has one filled.
"""
mutable struct Imported{T}
    ptr::Ptr{T}
    Imported{T}(ptr::Ptr{T}) where {T} = finalizer(release!, new{T}(ptr))
end

function zeroed(::Type{T}) where {T}
    ptr = Ptr{T}(Libc.calloc(1, sizeof(T)))
    ptr == C_NULL && throw(OutOfMemoryError())
    return Imported{T}(ptr)
end

"""
    moved(T, address) -> Imported{T}

The struct at `address` moved into our memory; the producer's copy is marked released, as the interface
asks of a consumer that moves a struct.
"""
function moved(::Type{T}, address::Ptr{T}) where {T}
    address == C_NULL && throw(ArrowMemoryError("a null pointer where an Arrow $T was expected"))
    x = zeroed(T)
    unsafe_copyto!(x.ptr, address, 1)
    unsafe_store!(Ptr{Ptr{Cvoid}}(address + fieldoffset(T, Base.fieldindex(T, :release))), C_NULL)
    return x
end

"""
    filled(f, T) -> Imported{T}

A zeroed struct that `f(address)` fills.
"""
filled(f, ::Type{T}) where {T} = (x = zeroed(T); f(x.ptr); x)

Base.getindex(x::Imported) = unsafe_load(x.ptr)

"""
    release!(x::Imported)

Run the producer's release callback now (at most once; none if the struct was never filled); the struct's
buffers are gone after it.
"""
function release!(x::Imported{T}) where {T}
    x.ptr == C_NULL && return nothing
    callback = x[].release
    callback == C_NULL || ccall(callback, Cvoid, (Ptr{T},), x.ptr)
    Libc.free(x.ptr)
    x.ptr = C_NULL
    return nothing
end

"""
    read_stream(address) -> (schema::Imported{ArrowSchema}, batches::Vector{Imported{ArrowArray}})

Move the `ArrowArrayStream` at `address` (a PyCapsule's, say) into our memory, read its schema and every
array it yields (record batches: struct arrays whose children are the columns), and release the stream.
"""
function read_stream(address::Ptr{ArrowArrayStream})
    stream = moved(ArrowArrayStream, address)
    try
        schema = filled(p -> stream_call(stream, :get_schema, p), ArrowSchema)
        batches = Imported{ArrowArray}[]
        while true
            batch = filled(p -> stream_call(stream, :get_next, p), ArrowArray)
            batch[].release == C_NULL && break  # (the end of the stream)
            push!(batches, batch)
        end
        return schema, batches
    finally
        release!(stream)
    end
end

# `stream.f(stream, out)`; the stream's error if it fails.
function stream_call(stream::Imported{ArrowArrayStream}, f::Symbol, out::Ptr{T}) where {T}
    code = ccall(getfield(stream[], f), Cint, (Ptr{ArrowArrayStream}, Ptr{T}), stream.ptr, out)
    code == 0 && return nothing
    message = stream[].get_last_error == C_NULL ? C_NULL :
              ccall(stream[].get_last_error, Ptr{UInt8}, (Ptr{ArrowArrayStream},), stream.ptr)
    reason = message == C_NULL ? "error $code" : unsafe_string(message)
    throw(ArrowMemoryError("the Arrow stream failed: $reason"))
end
