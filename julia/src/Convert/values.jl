# Python objects taken as Julia values by the table of `%py2jl` (arrays shared, containers copied): for
# `pyget`, `py"..."` and the in-code moves. (PythonCall's conversions are `pyconvert`'s rules.)

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
