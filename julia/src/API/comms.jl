# Jupyter comms for Julia code, in the spirit of IJulia's CommManager: open a comm to a target in the
# client, send, receive with a callback, close; and targets the client opens comms to. A Julia `Comm` is
# one of the embedded Python's comms (_metapoly_worker/comms.py), so that comms of both languages share
# one manager, one channel and `comm_info`. Messages cross as JSON: `data` and `metadata` are JSON values
# (Dicts, vectors, strings, numbers, booleans, `nothing`), buffers are byte vectors.

"""
    Comm(target; data=Dict(), metadata=Dict(), buffers=[]) -> Comm

Open a comm to `target` in the client (a JupyterLab extension, a widget manager), sending `data` with the
open message. Set `comm.on_msg = msg -> ...` to receive the client's messages, `comm.on_close` for its
close; `msg` is a `Dict`: `msg["content"]["data"]`, `msg["metadata"]`, `msg["buffers"]` (byte vectors).
`comm.id` is its id.

```julia
c = Comm("my_target"; data=Dict("hello" => 1))
c.on_msg = msg -> println("the client says ", msg["content"]["data"])
send_comm(c, Dict("x" => [1, 2, 3]))
close_comm(c)
```
"""
mutable struct Comm
    py::Py
    on_msg::Union{Function,Nothing}
    on_close::Union{Function,Nothing}
end

function Comm(target::AbstractString; data=Dict{String,Any}(), metadata=Dict{String,Any}(),
              buffers=Vector{UInt8}[])
    py = comms_module().open_comm(target, json(data), json(metadata), encode_buffers(buffers))
    return Comm(py, nothing, nothing)
end

Comm(py::Py) = Comm(py, nothing, nothing)

function Base.getproperty(c::Comm, name::Symbol)
    name === :id && return string(getfield(c, :py).comm_id)
    return getfield(c, name)
end

function Base.setproperty!(c::Comm, name::Symbol, f)
    name in (:on_msg, :on_close) || error("a Comm's settable fields are on_msg and on_close, not $name")
    py = getfield(c, :py)
    callback = f === nothing ? nothing : comms_module().julia_callback(message_handler(f))
    getproperty(py, name)(callback)
    setfield!(c, name, f)
end

Base.show(io::IO, c::Comm) =
    print(io, "Comm(", repr(string(getfield(c, :py).target_name)), ", id=", repr(c.id), ")")

"""
    send_comm(comm, data=Dict(); metadata=Dict(), buffers=[])

Send a message to the client's side of `comm`.
"""
function send_comm(c::Comm, data=Dict{String,Any}(); metadata=Dict{String,Any}(), buffers=Vector{UInt8}[])
    comms_module().send_comm(c.py, json(data), json(metadata), encode_buffers(buffers))
    return nothing
end

"""
    close_comm(comm, data=Dict())

Close `comm`, telling the client (which then calls nothing of it any more).
"""
function close_comm(c::Comm, data=Dict{String,Any}())
    comms_module().close_comm(c.py, json(data))
    return nothing
end

"""
    comm_target(f, target)

Let the client open comms to `target`: `f(comm, msg)` is called with each new `Comm` and its open
message (a `Dict`, as for `on_msg`), and may set the comm's callbacks.

```julia
comm_target("echo") do comm, msg
    comm.on_msg = m -> send_comm(comm, m["content"]["data"])
end
```
"""
function comm_target(f, target::AbstractString)
    opened = (py, text) -> running_user_code(() -> Base.invokelatest(f, Comm(py), parse_message(text)))
    comms_module().register_julia_target(target, opened)
    return nothing
end

comms_module() = pyimport("_metapoly_worker.comms")

encode_buffers(buffers) = json([base64encode(b) for b in buffers])

# A Julia callback as Python's comms call it: with the message as JSON text. Interruptible like a cell.
message_handler(f) = text -> running_user_code(() -> Base.invokelatest(f, parse_message(text)))

function parse_message(text::AbstractString)
    msg = parse_json(text)
    msg["buffers"] = Vector{UInt8}[base64decode(b) for b in get(msg, "buffers", [])]
    return msg
end
