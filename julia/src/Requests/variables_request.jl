# variables_request: what lives where, for `%vars`: the user's variables in both languages, what each is
# and whether it is shared with the other language or a proxy of the other's object.

# Main's names before any cell ran: not the user's variables.
const STARTUP_NAMES = Set{Symbol}()

"""
    remember_startup_names()

Take the names `Main` has now (before any cell ran) for the worker's, not the user's variables.
"""
remember_startup_names() = (union!(STARTUP_NAMES, names(Main; all=true)); nothing)

"""
    variables_request(frame) -> reply

`python` and `julia`: `[name, summary, how]` for each user variable, `how` being "shared" (both languages
see its memory), "proxy" (it stands for an object of the other language), "proxied" (the other language
has a proxy of it) or "".
"""
function variables_request(frame::Frame)
    julia = [[string(name), julia_summary(value), sharing(value)] for (name, value) in user_globals()]
    python = python_ready() ? parse_json(runtime_call(:variables)) : []
    owners = python_owners()
    proxied = Set(UInt(getptr(getfield(Main, Symbol(name)))) for (name, _, how) in julia if how == "proxy")
    relation(how, id) = how != "" ? how : UInt(id) in owners ? "shared" : UInt(id) in proxied ? "proxied" : ""
    python = [[name, summary, relation(how, id)] for (name, summary, how, id) in python]
    return Dict("status" => "ok", "julia" => julia, "python" => python)
end

"""
    user_globals() -> Vector{Pair{Symbol,Any}}

The user's variables in `Main`, by name: not the worker's, nor modules, nor `ans`.
"""
function user_globals()
    found = Pair{Symbol,Any}[]
    for name in sort!(names(Main; all=true))
        (name in STARTUP_NAMES || name === :ans || startswith(string(name), '#')) && continue
        (isdefined(Main, name) && Base.binding_module(Main, name) === Main) || continue
        value = getfield(Main, name)
        value isa Module || push!(found, name => value)
    end
    return found
end

"""
    sharing(value) -> String

"proxy" (`value` stands for a Python object), "shared" (Python sees its memory), "proxied" (Python holds a
proxy of it) or "".
"""
function sharing(value)
    value isa Py && return "proxy"
    array = value isa PermutedDimsArray ? parent(value) : value
    python_owner(array) === nothing || return "shared"
    pinned_for_python(value) || return ""
    return value isa AbstractArray ? "shared" : "proxied"
end
