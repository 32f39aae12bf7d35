# The request handlers, dispatched through one table by request type. Each handler takes the request's
# frame and returns its reply: a Dict, or JSON text already made (the embedded Python's replies).

"""
    shutdown_request(frame) -> reply

Let Python end its history session (what it has not yet written, its end time) as IPython does at exit,
which an embedded Python never reaches; the main loop exits after sending the reply.
"""
function shutdown_request(frame::Frame)
    python_ready() && runtime_call(:end_session)
    return Dict{String,Any}()
end

const HANDLERS = Dict{String,Function}(
    EXECUTE_REQUEST => execute_request,
    COMPLETE_REQUEST => complete_request,
    INSPECT_REQUEST => inspect_request,
    IS_COMPLETE_REQUEST => is_complete_request,
    PY2JL_REQUEST => py2jl_request,
    JL2PY_REQUEST => jl2py_request,
    VARIABLES_REQUEST => variables_request,
    DEBUG_REQUEST => debug_request,
    HISTORY_REQUEST => history_request,
    RECORD_REQUEST => record_request,
    COMM_REQUEST => comm_request,
    COMM_INFO_REQUEST => comm_info_request,
    SHUTDOWN_REQUEST => shutdown_request,
)

"""
    reply_to(frame) -> String

The reply to a request, as JSON text. Whatever goes wrong, there is a reply (an error reply for a failure
of the worker itself) and the worker keeps serving.
"""
function reply_to(frame::Frame)
    type = get(frame, "type", "")
    handler = get(HANDLERS, type, nothing)
    reply = try
        handler === nothing && throw(ArgumentError("no handler for $(repr(type))"))
        release_bridged()
        # In the latest world: cells define names and methods while the worker's loop runs, and on Julia
        # 1.12, whose bindings have world ages, a handler in the loop's world would not see them.
        Base.invokelatest(handler, frame)
    catch err
        err isa InterruptException || worker_log("handler for ", type, " failed: ",
                                                 sprint(showerror, err, catch_backtrace()))
        failure_reply("WorkerError", sprint(showerror, err))
    end
    return reply isa AbstractString ? reply : json(reply)
end

"""
    handle(frame)

Serve one request from the front end: its reply is sent after all the output it caused, Julia's and
Python's, and is followed by Python's end-of-request marker.
"""
function handle(frame::Frame)
    id = frame["id"]
    set_current_request!(id)
    parent = get(frame, "parent", nothing)
    begin_python_request(id, parent isa AbstractDict ? json(parent) : "")
    try
        body = try
            with_request_tag(() -> reply_to(frame), id)  # (tasks it starts print under it)
        finally
            sync_output()
        end
        send_frame(Dict("type" => reply_type(frame["type"]), "id" => id), body)
    finally
        end_python_request(id)
        set_current_request!(NO_REQUEST)
    end
end
