# The results of Python operations on `Py`s: plain values (and numpy's numbers) as Julia values, anything
# else as a `Py`.

# Python types whose instances are numbers of numpy's (np.float64, np.int32, np.bool_...), which convert
# like the plain values they hold. Each type is kept alive, so that its address stays its own.
const NUMPY_SCALAR_TYPES = Dict{PyPtr,Bool}()

function numpy_scalar_type(t::PyPtr)
    get!(NUMPY_SCALAR_TYPES, t) do
        incref(t)
        answer = runtime_ref(:is_numpy_scalar_type, t)
        decref(answer)
        is_true(answer)
    end
end

"""
    take_result(ptr) -> Any

The result of a Python operation, whose new reference `ptr` this takes over: a plain Julia value (see
`plain_value`; numpy's numbers too) or a `Py`.
"""
function take_result(ptr::PyPtr)
    if numpy_scalar_type(type_of(ptr))
        item = try
            call_method_ref(ptr, "item")
        finally
            decref(ptr)
        end
        ptr = item
    end
    plain = plain_value(ptr)
    plain === nothing && return pynew(ptr)
    decref(ptr)
    return something(plain)
end
