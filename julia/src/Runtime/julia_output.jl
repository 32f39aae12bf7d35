# Julia's output through the embedded Python (the other half: python/_metapoly_worker/julia_output.py):
# once Python runs, Julia's text (with the request it belongs to), its displays and its input prompts go to
# Python's output buffer, which C code's and child processes' output (descriptors 1 and 2) also joins: one
# ordered stream on one connection.

"""
    route_output_through_python()

Send Julia's output, displays and input prompts through Python from now on (Python must be running).
"""
function route_output_through_python()
    flag = with_gil() do
        address = runtime_ref(:julia_pending_address)
        try
            Ptr{Cint}(address_of(address))
        finally
            decref(address)
        end
    end
    readers = Cint.(parse_json(runtime_call(:descriptor_readers)))
    route_output!(python_stream_sink, flag, () -> child_output_first(readers))
    ask_lines_from!(python_line)
    return nothing
end

# Text Julia printed, handed to Python's output buffer (GIL taken here: a timer may call this).
function python_stream_sink(name::String, bytes::Vector{UInt8}, request::Int)
    with_gil() do
        data = bytes_ref(bytes)
        try
            decref(runtime_ref(:julia_output, name, data, request))
        finally
            decref(data)
        end
    end
end

# If C code or a child process wrote to descriptor 1 or 2 since Julia last printed, Julia's pending text and
# then that output are handed over now, before Julia's next text.
function child_output_first(readers::Vector{Cint})
    waiting = Ref{Cint}(0)
    any(fd -> ccall(:ioctl, Cint, (Cint, Culong, Ref{Cint}), fd, FIONREAD, waiting) == 0 && waiting[] > 0,
        readers) || return
    send_pending(everything=true)
    with_gil(() -> decref(runtime_ref(:child_output)))
    return nothing
end

const FIONREAD = Culong(0x541B)  # (Linux)

# A line the user typed for Julia's `stdin`, asked through Python (after the output before it).
function python_line()
    sync_output()
    answer = with_gil() do
        r = runtime_ref(:julia_input)
        try
            r == none() ? nothing : string_of(r)
        finally
            decref(r)
        end
    end
    answer === nothing && return "interrupted", ""  # (the interrupt reached Python first)
    reply = parse_json(answer)
    return reply["status"], get(reply, "line", "")
end

"""
    python_output_event(type, body)

Send an output event (a display, `clear_output`) of the current request through Python's output buffer,
after all the text before it, Julia's and Python's.
"""
function python_output_event(type::AbstractString, body::AbstractString)
    with_gil(() -> decref(runtime_ref(:julia_event, type, body)))
    return nothing
end
