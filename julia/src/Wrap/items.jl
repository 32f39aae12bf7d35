# Julia values going into a wrapper whose items are `T`s. What a wrapper stores is converted to `T`
# first (as PythonCall does: `push!(::PyList{Int}, 4.5)` fails, leaving the list as it was), then made a
# Python object; what it looks up (`in`, `haskey`, `delete!`) is not there if it cannot be a `T`.

"""
    item_of(T, v)

`v` as an item of type `T` (`Py(v)` if `T` is `Py`), or an error if it cannot be one.
"""
item_of(::Type{T}, v) where {T} = T === Py ? Py(v) : convert(T, v)

"""
    try_item_of(T, v)

`v` as an item of type `T`, or `pyconvert_unconverted()` if it cannot be one.
"""
try_item_of(::Type{T}, v) where {T} = T === Py ? Py(v) : pyconvert_tryconvert(T, v)

# The `Py` of a wrapper, its field (wrappers that define `getproperty` keep their own fields apart).
python_of(x) = getfield(x, :py)

# A Python item as a `T`, converted as `pyconvert` does.
value_of(::Type{T}, item::Py) where {T} = pyconvert(T, item)

# A Python method's result that is of no use (`list.append` returns None).
call_method(x, name::String, args...) = (pygetattr(python_of(x), name)(args...); nothing)

# A copy of the Python container `o`: its `copy()`, or `otherwise(o)` if it has none.
python_copy(o::Py, otherwise) = pyhasattr(o, "copy") ? pygetattr(o, "copy")() : otherwise(o)
