# Python objects through Julia's Serialization (`serialize`, Distributed's messages to other processes):
# pickled, as PythonCall does, so that a `Py` arrives as an object of its own in the other process, never
# as a pointer that means nothing there.
#
# An object pickle cannot take is written as the reason, and reading it throws: serializing never fails
# halfway through a message. (Distributed writes a message as it serializes it: a failure there left half a
# message on the connection, and the process at the other end then lost the message after it, so that the
# next `remotecall_fetch` waited forever.)

function Serialization.serialize(s::Serialization.AbstractSerializer, x::Py)
    data, failure = UInt8[], ""
    try
        pyisnull(x) || (data = pybytes(Vector{UInt8}, pyimport("pickle").dumps(x)))
    catch err
        failure = sprint(showerror, err)
    end
    Serialization.serialize_type(s, Py, false)
    serialize(s, data)
    serialize(s, failure)
end

function Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{Py})
    data = deserialize(s)::Vector{UInt8}
    failure = deserialize(s)::String
    isempty(failure) || throw(PythonError("a Python object could not be sent to this process: $failure"))
    return isempty(data) ? pynew() : pyimport("pickle").loads(pybytes(data))
end

function Serialization.serialize(s::Serialization.AbstractSerializer, e::PyException)
    Serialization.serialize_type(s, PyException, false)
    serialize(s, e.v)
end

Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{PyException}) =
    PyException(deserialize(s)::Py)
