# The conversion rules of the wrappers, as PythonCall registers them: Python's containers convert to
# the wrapper that keeps them (canonically: `pyconvert(Any, list)` is a `PyList`), arrays and buffers to a
# `PyArray` over their memory ahead of anything else, or to a Julia `Array` (a copy) when one is asked for.

rule_iterable(::Type{S}, x::Py) where {S<:PyIterable} = upper_bound(S)(x)
rule_sequence(::Type{S}, x::Py) where {S<:PyList} = upper_bound(S)(x)
rule_set(::Type{S}, x::Py) where {S<:PySet} = upper_bound(S)(x)
rule_mapping(::Type{S}, x::Py) where {S<:PyDict} = upper_bound(S)(x)
rule_io(::Type{PyIO}, x::Py) = PyIO(x)
rule_pandas(::Type{PyPandasDataFrame}, x::Py) = PyPandasDataFrame(x)

# The memory of `x` itself, never a copy.
function rule_array_view(::Type{S}, x::Py) where {S<:PyArray}
    a = make_array(S, x; copy=false)
    return a isa PyArray && !numpy_scalar(a, x) ? a : pyconvert_unconverted()
end

# Any array `x` is or gives (`__array__()`), as the array type asked for (`Array` copies).
function rule_array(::Type{S}, x::Py) where {S<:AbstractArray}
    a = make_array(PyArray, x)
    return a isa PyArray && !numpy_scalar(a, x) ? pyconvert_tryconvert(S, a) : pyconvert_unconverted()
end

# numpy's scalars (`numpy.float64(1.5)`) have the array interface of a 0-dimensional array; they convert
# by their own rules, not to arrays. (numpy's numbers, datetimes and timedeltas have rules at the arrays'
# priority, tried first, as in PythonCall; its other scalars, strings and long doubles, keep the rules of
# their Python types, which the array rules would otherwise outrank.)
numpy_scalar(a::PyArray, x::Py) = ndims(a) == 0 &&
    any(c -> pyconvert(String, pygetattr(c, "__module__", "")) == "numpy" &&
             pyconvert(String, c.__name__) == "generic", pytype(x).__mro__)

"""
    init_wrap()

Register the wrappers' conversion rules (once Python runs, after the Convert layer's `init_rules`).
"""
function init_wrap()
    for interface in ("<arraystruct>", "<arrayinterface>", "<array>", "<buffer>")
        pyconvert_add_rule(interface, PyArray, rule_array_view, PYCONVERT_PRIORITY_ARRAY)
        pyconvert_add_rule(interface, Array, rule_array, PYCONVERT_PRIORITY_NORMAL)
        pyconvert_add_rule(interface, AbstractArray, rule_array, PYCONVERT_PRIORITY_NORMAL)
    end
    # (The builtin types' own rules are those of their abstract base classes, listed first: the same
    # function, so tried once.)
    for (tname, T, f) in (("builtins:list", PyList, rule_sequence), ("builtins:dict", PyDict, rule_mapping),
                          ("builtins:set", PySet, rule_set), ("builtins:frozenset", PySet, rule_set),
                          ("collections.abc:Iterable", PyIterable, rule_iterable),
                          ("collections.abc:Sequence", PyList, rule_sequence),
                          ("collections.abc:Set", PySet, rule_set),
                          ("collections.abc:Mapping", PyDict, rule_mapping),
                          ("io:IOBase", PyIO, rule_io), ("_io:_IOBase", PyIO, rule_io),
                          ("pandas.core.frame:DataFrame", PyPandasDataFrame, rule_pandas),
                          ("pandas:DataFrame", PyPandasDataFrame, rule_pandas),
                          ("pandas.core.arrays.base:ExtensionArray", PyList, rule_sequence),
                          ("pandas.api.extensions:ExtensionArray", PyList, rule_sequence))
        pyconvert_add_rule(tname, T, f, PYCONVERT_PRIORITY_CANONICAL)
    end
    return nothing
end
