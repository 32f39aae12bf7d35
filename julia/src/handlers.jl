# The request handlers, dispatched through one table by request type.

"""
    shutdown_request(frame)

Acknowledge, then exit the worker.
"""
function shutdown_request(frame::Frame)
    send_reply(frame, "shutdown_reply", "{}")
    flush(CTL[])
    exit(0)
end

const HANDLERS = Dict{String,Function}(
    "execute_request" => execute_request,
    "shutdown_request" => shutdown_request,
)

"""
    handle(frame)

Dispatch one request. Whatever goes wrong, the front end gets a reply and the worker keeps serving.
"""
function handle(frame::Frame)
    handler = get(HANDLERS, get(frame, "type", ""), nothing)
    if handler === nothing
        send_reply(frame, "error_reply", json(error_reply("UnknownRequest", "no handler for $(repr(frame["type"]))")))
        return
    end
    try
        handler(frame)
    catch err
        err isa InterruptException || worker_log("handler for ", frame["type"], " failed: ",
                                                 sprint(showerror, err, catch_backtrace()))
        send_reply(frame, "error_reply", json(error_reply("WorkerError", sprint(showerror, err))))
    end
end
