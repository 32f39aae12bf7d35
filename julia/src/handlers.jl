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
    "py2jl_request" => py2jl_request,
    "jl2py_request" => jl2py_request,
    "complete_request" => complete_request,
    "inspect_request" => inspect_request,
    "is_complete_request" => is_complete_request,
)

"""
    handle(frame)

Dispatch one request. Whatever goes wrong, the front end gets a reply and the worker keeps serving.
Every request ends with Python's end-of-request marker, after all the Python output it caused.
"""
function handle(frame::Frame)
    handler = get(HANDLERS, get(frame, "type", ""), nothing)
    try
        handler === nothing && throw(ArgumentError("no handler for $(repr(frame["type"]))"))
        release_bridged()
        handler(frame)
    catch err
        err isa InterruptException || worker_log("handler for ", frame["type"], " failed: ",
                                                 sprint(showerror, err, catch_backtrace()))
        send_reply(frame, "error_reply", json(error_reply("WorkerError", sprint(showerror, err))))
    finally
        end_python_request(frame["id"])
    end
end
