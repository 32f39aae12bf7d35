# Replies to the front end, shared by every request handler.

"""
    error_reply(ename, evalue) -> Dict

A reply describing a failure that is not an exception in user code.
"""
error_reply(ename, evalue) = Dict{String,Any}("status" => "error", "ename" => ename, "evalue" => evalue,
                                              "traceback" => ["$ename: $evalue"])

"""
    send_reply(request, type, body)

Answer `request` with a frame of `type` whose body is `body` (JSON text).
"""
send_reply(request::Frame, type::AbstractString, body) =
    send_frame(CTL[], Dict("type" => type, "id" => request["id"]), body)
