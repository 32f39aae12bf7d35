# Python objects through Julia's Serialization (`serialize`, Distributed's messages to other processes):
# pickled, as PythonCall does, so that a `Py` arrives as an object of its own in the other process, never
# as a pointer that means nothing there.
#
# Pickle's protocol 5 hands large buffers (a numpy array's data) over out of band: they are written from
# the object's own memory and read straight into the memory of the object that the other side rebuilds,
# with no copy in a pickle's bytes on either side. The module is `JULIA_PYTHONCALL_PICKLE` (PythonCall's
# setting) or `pickle`; cloudpickle, when installed, takes what plain pickle cannot (lambdas, classes of
# `__main__`).
#
# An object neither can take is written as the reason, and reading it throws: serializing never fails
# halfway through a message. (Distributed writes a message as it serializes it: a failure there left half a
# message on the connection, and the process at the other end then lost the message after it, so that the
# next `remotecall_fetch` waited forever.)

pickle_module() = pyimport(get(ENV, "JULIA_PYTHONCALL_PICKLE", "pickle"))

# The pickle of `x` and its out-of-band buffers (memoryviews of contiguous bytes), or why it has none.
function pickled(x::Py)
    reasons = String[]
    for name in (nothing, "cloudpickle")
        buffers = pylist()
        try
            m = name === nothing ? pickle_module() : pyimport(name)
            data = m.dumps(x, protocol=5, buffer_callback=buffers.append)
            return pybytes(Vector{UInt8}, data), [b.raw() for b in buffers], ""
        catch err
            err isa PyException || rethrow()
            if name === nothing
                push!(reasons, brief(err))
            elseif pyisinstance(err.v, pybuiltins.ImportError)
                push!(reasons, "(cloudpickle, which takes more than pickle, is not installed)")
            else
                push!(reasons, "cloudpickle: " * brief(err))
            end
        end
    end
    description = try
        "$(first(pyrepr(String, x), 200)) (type $(pytype_name(x)))"
    catch
        "an object of type $(pytype_name(x))"
    end
    return UInt8[], Py[], "$description cannot be pickled: " * join(reasons, "; ")
end

brief(err::PyException) = "$(pyconvert(String, pytype(err.v).__name__)): $(pystr(String, err.v))"

function pytype_name(x::Py)
    t = pytype(x)
    return "$(pyconvert(String, t.__module__)).$(pyconvert(String, t.__qualname__))"
end

# The address and length of the memory of a memoryview of contiguous bytes (which keeps it exported while
# it lives).
memory_of(view::Py) = with_py(() -> with_buffer(b -> (Ptr{UInt8}(b.buf), Int(b.len)), getptr(view)))

function Serialization.serialize(s::Serialization.AbstractSerializer, x::Py)
    data, buffers, failure = pyisnull(x) ? (UInt8[], Py[], "") : pickled(x)
    Serialization.serialize_type(s, Py, false)
    serialize(s, data)
    serialize(s, failure)
    serialize(s, length(buffers))
    for view in buffers
        ptr, len = memory_of(view)
        write(s.io, Int64(len))
        GC.@preserve view unsafe_write(s.io, ptr, len)
    end
end

function Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{Py})
    data = deserialize(s)::Vector{UInt8}
    failure = deserialize(s)::String
    buffers = pylist()
    for _ in 1:(deserialize(s)::Int)
        len = Int(read(s.io, Int64))
        memory, ptr = with_py() do
            o, ptr = blank_bytearray_ref(len)
            pynew(o), ptr
        end
        GC.@preserve memory unsafe_read(s.io, ptr, len)
        buffers.append(memory)
    end
    isempty(failure) || throw(PythonError("a Python object could not be sent to another process: $failure"))
    return isempty(data) ? pynew() : pickle_module().loads(pybytes(data), buffers=buffers)
end

function Serialization.serialize(s::Serialization.AbstractSerializer, e::PyException)
    Serialization.serialize_type(s, PyException, false)
    serialize(s, e.v)
end

Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{PyException}) =
    PyException(deserialize(s)::Py)
