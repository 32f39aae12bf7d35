# Python's `julia` object (python/_metapoly_worker/julia_api.py): Julia from Python code, with the conversion
# rules of %py2jl and %jl2py. Python calls it on the main thread only, so Julia is never entered from
# another thread.

const CALLBACK_RESULT = Ref("")

"""
    julia_callback(request) -> Ptr{UInt8}

Entry point of the Python `julia` object: a JSON request (`eval`, `get`, `set` or `move`) in, a JSON reply
(`{"value": description}` or `{"error": message}`) out. Nothing may be thrown through Python's C frames.
"""
function julia_callback(request::Cstring)
    hold_finalizers()
    CALLBACK_RESULT[] = try
        json(Dict("value" => callback_value(parse_json(unsafe_string(request)))))
    catch err
        json(Dict("error" => error_text(err isa LoadError ? err.error : err)))
    finally
        release_finalizers()
    end
    return pointer(CALLBACK_RESULT[])
end

# The description of `value` Python builds its value from; what it pinned is let go if it fails.
function description(value; objects::Bool=false)
    pinned = Any[]
    try
        return to_description(value, false, pinned; objects=objects)
    catch
        unpin_all!(pinned)
        rethrow()
    end
end

function callback_value(request::Dict)
    release_bridged()  # a loop of calls inside one cell must not pile up memory
    op = request["op"]
    if op == "eval"
        value = with_finalizers(running_user_code,
                                () -> Base.include_string(soft_scope, Main, request["code"], "julia.eval"))
        return description(value; objects=true)
    end
    if op == "move"  # (%py2jl and %jl2py inside Python code)
        return description(running_user_code(() -> move_as_asked(request["to"], request)))
    end
    name = request["name"]
    if op == "get"
        julia_global_exists(name) || throw(BridgeError("no Julia variable $name"))
        return description(getfield(Main, Symbol(name)); objects=true)
    end
    check_julia_names([name])
    with_gil(() -> bind_in_julia([name], [request["value"]]))
    return Dict("t" => "none")
end

"""
    callback_address() -> Int

The address of `julia_callback` as a C function, for Python's `julia` object.
"""
callback_address() = Int(UInt(@cfunction(julia_callback, Ptr{UInt8}, (Cstring,))))
