# Values across at the level of single objects, with the rules of `%py2jl` and `%jl2py`: what Julia passes
# to Python (`new_ref`, for arguments, assignments and `Py(x)`) and what it takes from it (`take_value`, for
# arguments of Julia code called from Python and `pyconvert`).

# Numbers Python has no type for are floats there.
C.new_ref(x::AbstractIrrational) = new_ref(Float64(x))

"""
    new_ref(x) -> PyPtr

The Python object for any Julia value, as `%jl2py` makes it (numeric arrays shared, containers copied),
and a `JuliaObject` proxy for what has no Python equivalent (a function, a struct): a new reference.
"""
function C.new_ref(x)
    pinned = Int[]
    try
        return runtime_ref(:build_object, json(to_description(x, false, pinned; objects=true)))
    catch
        foreach(unpin!, pinned)
        rethrow()
    end
end

"""
    take_value(ptr) -> Any

The Julia value of a Python object, whose new reference `ptr` this takes over, by the full table of
`%py2jl` (arrays shared, containers copied), or a `Py` where there is none.
"""
function take_value(ptr::PyPtr)
    plain = plain_value(ptr)
    if plain !== nothing
        decref(ptr)
        return something(plain)
    end
    array = numpy_value(ptr)
    if array !== nothing
        decref(ptr)  # the array holds its own reference
        return array
    end
    o = pynew(ptr)
    return first(from_description(parse_json(runtime_call(:describe_object, getptr(o)))))
end
