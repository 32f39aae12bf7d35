# comm_request and comm_info_request: Jupyter comm messages from the client, for the comms that live in the
# embedded Python (see _metapoly_worker/comms.py; Julia's `Comm`s are made of them, comms.jl).

const NO_COMMS_HINT = "comms (widgets) need the embedded Python, which did not start: "

"""
    comm_request(frame) -> reply

Deliver the client's `comm_open`, `comm_msg` or `comm_close` (`frame["msg_type"]`; the body is the message
as JSON: `header`, `content`, `metadata`, base64 `buffers`) to the comm or target it names. What its
callbacks print or display is this request's output.
"""
function comm_request(frame::Frame)
    python_ready() || return failure_reply("PythonUnavailable", NO_COMMS_HINT * python_status())
    return runtime_call(:comm, get(frame, "msg_type", ""), String(frame.body))
end

"""
    comm_info_request(frame) -> reply

The open comms (those of `frame["target_name"]`, or all), as Jupyter's `comm_info_reply` lists them.
"""
function comm_info_request(frame::Frame)
    python_ready() || return Dict{String,Any}("status" => "ok", "comms" => Dict{String,Any}())
    target = get(frame, "target_name", nothing)
    return runtime_call(:comm_info, target isa AbstractString ? target : "")
end
