# Python's containers at the level of raw pointers: tuples, lists, dicts, sets and slices made and read,
# and the buffer protocol. Called with the GIL held; `*_ref` functions return new references.

"""
    tuple_ref(items) -> PyPtr

A new `tuple` of the Python objects of the Julia values `items` (`new_ref`).
"""
function tuple_ref(items)
    t = PyTuple_New(length(items))
    try
        for (i, x) in enumerate(items)
            PyTuple_SetItem(t, i - 1, new_ref(x))
        end
    catch
        decref(t)
        rethrow()
    end
    return t
end

"""
    list_ref(items) -> PyPtr

A new `list` of the Python objects of the Julia values `items`, any iterable.
"""
function list_ref(items)
    l = PyList_New(0)
    try
        for x in items
            item = new_ref(x)
            try
                PyList_Append(l, item)
            finally
                decref(item)
            end
        end
    catch
        decref(l)
        rethrow()
    end
    return l
end

"""
    set_ref(items; frozen=false) -> PyPtr

A new `set` (or `frozenset`) of the Python objects of the Julia values `items`.
"""
function set_ref(items; frozen::Bool=false)
    s = frozen ? PyFrozenSet_New(C_NULL) : PySet_New(C_NULL)
    try
        for x in items
            item = new_ref(x)
            try
                PySet_Add(s, item)
            finally
                decref(item)
            end
        end
    catch
        decref(s)
        rethrow()
    end
    return s
end

"""
    dict_ref(pairs) -> PyPtr

A new `dict` of the Python objects of the keys and values of `pairs` (`k => v`, or `(k, v)`).
"""
function dict_ref(pairs)
    d = PyDict_New()
    try
        for (k, v) in pairs
            key, value = new_ref(k), new_ref(v)
            try
                PyDict_SetItem(d, key, value)
            finally
                decref(key)
                decref(value)
            end
        end
    catch
        decref(d)
        rethrow()
    end
    return d
end

"""
    slice_ref(start, stop, step) -> PyPtr

A new `slice` of three Python objects.
"""
slice_ref(start::PyPtr, stop::PyPtr, step::PyPtr) = PySlice_New(start, stop, step)

"""
    map_tuple(f, t) -> Vector{Any}

`f(item)` of each item of the tuple `t` (borrowed).
"""
map_tuple(f, t::PyPtr) = Any[f(PyTuple_GetItem(t, i - 1)) for i in 1:PyTuple_Size(t)]

"""
    dict_items(d) -> Vector{Pair{PyPtr,PyPtr}}

The keys and values of the dict `d` (borrowed).
"""
function dict_items(d::PyPtr)
    items = Pair{PyPtr,PyPtr}[]
    pos, key, value = Ref{Cssize_t}(0), Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL)
    while PyDict_Next(d, pos, key, value) == 1
        push!(items, key[] => value[])
    end
    return items
end

"""
    dict_get(d, key) -> PyPtr

`d[key]` of the dict `d` (borrowed), or NULL if there is no such key.
"""
dict_get(d::PyPtr, key::PyPtr) = PyDict_GetItem(d, key)

"""
    with_buffer(f, o; writable=false) -> Any

`f(buffer::PyBuffer)` with the buffer `o` exports (strides and format; writable memory if asked),
released after; `nothing` if `o` exports none.
"""
function with_buffer(f, o::PyPtr; writable::Bool=false)
    buffer = Ref{PyBuffer}()
    try
        PyObject_GetBuffer(o, buffer, writable ? PyBUF_RECORDS : PyBUF_RECORDS_RO)
    catch err
        err isa PyException || rethrow()
        return nothing
    end
    try
        return f(buffer[])
    finally
        PyBuffer_Release(buffer)
    end
end
