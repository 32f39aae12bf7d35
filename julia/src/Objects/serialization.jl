# Python objects through Julia's Serialization (`serialize`, Distributed's messages to other processes):
# pickled, as PythonCall does, so that a `Py` arrives as an object of its own in the other process, never
# as a pointer that means nothing there. An object pickle cannot take fails to serialize, with pickle's
# error.

function Serialization.serialize(s::Serialization.AbstractSerializer, x::Py)
    Serialization.serialize_type(s, Py, false)
    serialize(s, pyisnull(x) ? UInt8[] : pybytes(Vector{UInt8}, pyimport("pickle").dumps(x)))
end

function Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{Py})
    data = deserialize(s)::Vector{UInt8}
    return isempty(data) ? pynew() : pyimport("pickle").loads(pybytes(data))
end

function Serialization.serialize(s::Serialization.AbstractSerializer, e::PyException)
    Serialization.serialize_type(s, PyException, false)
    serialize(s, e.v)
end

Serialization.deserialize(s::Serialization.AbstractSerializer, ::Type{PyException}) =
    PyException(deserialize(s)::Py)
