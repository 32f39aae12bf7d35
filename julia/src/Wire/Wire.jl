"""
The worker's end of the private channel to the front end: framed messages with request ids
(julia/PROTOCOL.md). The Python half speaks the same protocol from `metapoly/protocol.py`.
"""
module Wire

using ..Utils

export EXECUTE_REQUEST, COMPLETE_REQUEST, INSPECT_REQUEST, IS_COMPLETE_REQUEST, PY2JL_REQUEST, JL2PY_REQUEST,
       VARIABLES_REQUEST, DEBUG_REQUEST, HISTORY_REQUEST, RECORD_REQUEST, COMM_REQUEST, COMM_INFO_REQUEST,
       SHUTDOWN_REQUEST,
       INTERRUPT, INPUT_REPLY, HELLO, READY, STREAM, DISPLAY_DATA, CLEAR_OUTPUT, INPUT_REQUEST, NO_REQUEST,
       JULIA_CHANNEL, reply_type, Frame, connect_front_end, read_frame, send_frame, send_event, flush_channel,
       current_request, set_current_request!, failure_reply

include("protocol.jl")

end
