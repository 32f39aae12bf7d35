# debug_request: what the front end's debugger asks of the worker (metapoly/debugger.py). The debugger
# itself (pydevd) runs in Python and talks to the front end on a socket of its own; this request starts it,
# and answers JupyterLab's Variables panel between cells, in both languages.

# How long a Julia value's text may be in the panel.
const VALUE_CHARACTERS = 200

"""
    debug_request(frame) -> reply

`frame["command"]`: "start" (`{"socket"}`: start pydevd listening there), "variables" (the user's variables
of both languages, as Debug Adapter Protocol variables), "children" (`{"reference"}`: of an expandable
Python variable) or "rich" (`{"name"}`: a variable's MIME bundle, as its language shows it; Julia's names
are `Main.x`).
"""
function debug_request(frame::Frame)
    command = frame["command"]
    arguments = get(frame, "arguments", Dict{String,Any}())
    if command == "rich" && startswith(arguments["name"], "Main.")
        name = Symbol(arguments["name"][6:end])
        isdefined(Main, name) || return Dict("status" => "ok", "data" => Dict(), "metadata" => Dict())
        return Dict("status" => "ok", "data" => mime_bundle(getfield(Main, name)), "metadata" => Dict())
    end
    python_ready() || return failure_reply("PythonUnavailable", python_status())
    answer = parse_json(runtime_call(:debug, command, json(arguments)))
    command == "variables" && return Dict("status" => "ok", "variables" => vcat(answer, julia_variables()))
    command == "children" && return Dict("status" => "ok", "variables" => answer)
    return Dict{String,Any}("status" => "ok", answer...)
end

# The user's Julia variables as DAP variables, named as Julia names them from anywhere (`Main.x`: a
# Python variable may have the same name), their type marked with the language, size and sharing.
function julia_variables()
    return [Dict("name" => "Main.$name", "evaluateName" => "Main.$name", "variablesReference" => 0,
                 "value" => short_text(value), "type" => julia_type(value))
            for (name, value) in user_globals()]
end

function short_text(value)
    text = try
        sprint(show, value; context=(:limit => true, :compact => true))
    catch err
        "(cannot be shown: $(sprint(showerror, err)))"
    end
    return length(text) > VALUE_CHARACTERS ? first(text, VALUE_CHARACTERS) * "…" : text
end

const SHARING_WORDS = Dict("proxy" => "a Python object", "shared" => "shares memory with Python",
                           "proxied" => "Python holds a proxy of it")

# JupyterLab's Variables panel shows the values of Python's number, bool and str types only (of others,
# the type): a Julia scalar goes by their names, its language shown by its name (`Main.x`).
function julia_type(value)
    value isa Bool && return "bool"
    value isa Integer && return "int"
    value isa AbstractFloat && return "float"
    value isa AbstractString && return "str"
    parts = ["Julia $(typeof(value))"]
    if value isa AbstractArray
        push!(parts, ndims(value) == 1 ? "$(length(value)) elements" : "size $(size(value))")
    elseif value isa Union{AbstractDict,AbstractSet,Tuple,NamedTuple}
        push!(parts, "$(length(value)) items")
    end
    how = sharing(value)
    isempty(how) || push!(parts, SHARING_WORDS[how])
    return join(parts, ", ")
end

# A Julia cell's file name, in a stack frame: its methods are from "./In[3]", its top level from "In[3]".
const CELL_FILE = r"^(?:\./)?(In\[\d+\])$"

"""
    julia_cell_frames() -> String

The frames of Julia cells' code on the stack now, innermost first (JSON: `[[function, cell, line], ...]`):
the debugger's call stack shows them below the Python frames they called, while Python code stopped at a
breakpoint (the debugger evaluates this in the stopped frame, on the main thread).
"""
function julia_cell_frames()
    frames = Any[]
    for frame in stacktrace()
        cell = match(CELL_FILE, string(frame.file))
        cell === nothing || push!(frames, [string(frame.func), cell[1], frame.line])
    end
    return json(frames)
end
