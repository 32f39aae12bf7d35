# What can be done with Python objects at the level of raw pointers: attributes, calls, items, iteration,
# comparisons and arithmetic, buffers, raising exceptions, builtin functions over Julia code. Called with
# the GIL held; `*_ref` functions return new references; failures throw `PyException`.

"""
    getattr_ref(o, name) -> PyPtr

`o.name`.
"""
getattr_ref(o::PyPtr, name::Union{AbstractString,Symbol}) = PyObject_GetAttrString(o, name)

"""
    setattr(o, name, v)

`o.name = v` (`v` borrowed).
"""
setattr(o::PyPtr, name::Union{AbstractString,Symbol}, v::PyPtr) =
    (PyObject_SetAttrString(o, name, v); nothing)

"""
    hasattr(o, name) -> Bool

`hasattr(o, name)`.
"""
hasattr(o::PyPtr, name::Union{AbstractString,Symbol}) = PyObject_HasAttrString(o, name) == 1

"""
    import_ref(name) -> PyPtr

Import module `name`.
"""
import_ref(name::AbstractString) = PyImport_ImportModule(name)

"""
    call_ref(f, args...; kwargs...) -> PyPtr

Call `f` with the Python objects of Julia values (`new_ref`).
"""
function call_ref(f::PyPtr, args...; kwargs...)
    tuple = PyTuple_New(length(args))
    dict = C_NULL
    try
        for (i, a) in enumerate(args)
            PyTuple_SetItem(tuple, i - 1, new_ref(a))
        end
        # (Without keywords, no dict: calls without any are the common ones.)
        isempty(kwargs) && return PyObject_Call(f, tuple, C_NULL)
        dict = PyDict_New()
        for (k, v) in kwargs
            item = new_ref(v)
            try
                PyDict_SetItemString(dict, k, item)
            finally
                decref(item)
            end
        end
        return PyObject_Call(f, tuple, dict)
    finally
        decref(tuple)
        decref(dict)
    end
end

"""
    call_method_ref(o, name, args...) -> PyPtr

Call method `name` of `o` (see `call_ref`).
"""
function call_method_ref(o::PyPtr, name::AbstractString, args...)
    f = getattr_ref(o, name)
    try
        return call_ref(f, args...)
    finally
        decref(f)
    end
end

"""
    call_string(f, args...) -> String

Call `f` (see `call_ref`), which returns a `str`: its text.
"""
function call_string(f::PyPtr, args...)
    r = call_ref(f, args...)
    try
        return string_of(r)
    finally
        decref(r)
    end
end

"""
    getitem_ref(o, key) -> PyPtr

`o[key]` (`key` borrowed).
"""
getitem_ref(o::PyPtr, key::PyPtr) = PyObject_GetItem(o, key)

"""
    setitem(o, key, v)

`o[key] = v` (both borrowed).
"""
setitem(o::PyPtr, key::PyPtr, v::PyPtr) = (PyObject_SetItem(o, key, v); nothing)

"""
    length_of(o) -> Int

`len(o)`.
"""
length_of(o::PyPtr) = Int(PyObject_Size(o))

"""
    has_item(o, x) -> Bool

`x in o` (`x` borrowed).
"""
has_item(o::PyPtr, x::PyPtr) = PySequence_Contains(o, x) == 1

"""
    iter_ref(o) -> PyPtr

`iter(o)`.
"""
iter_ref(o::PyPtr) = PyObject_GetIter(o)

"""
    next_ref(it) -> PyPtr

`next(it)`, or NULL once `it` is exhausted.
"""
next_ref(it::PyPtr) = PyIter_Next(it)

"""
    hash_of(o) -> Int

`hash(o)`.
"""
hash_of(o::PyPtr) = Int(PyObject_Hash(o))

const COMPARISONS = (lt=Cint(0), le=Cint(1), eq=Cint(2), ne=Cint(3), gt=Cint(4), ge=Cint(5))

"""
    compare_ref(a, b, op) -> PyPtr

The rich comparison `op` (`:lt`, `:le`, `:eq`, `:ne`, `:gt`, `:ge`) of `a` and `b`.
"""
compare_ref(a::PyPtr, b::PyPtr, op::Symbol) = PyObject_RichCompare(a, b, COMPARISONS[op])

"""
    binary_ref(op, a, b) -> PyPtr

Python's binary operator `op` (`:+`, `:-`, `:*`, `:/`, `:÷` (`//`), `:%`, `:&`, `:|`, `:xor`, `:^` (`**`)) on
`a` and `b`.
"""
function binary_ref(op::Symbol, a::PyPtr, b::PyPtr)
    op === :+ && return PyNumber_Add(a, b)
    op === :- && return PyNumber_Subtract(a, b)
    op === :* && return PyNumber_Multiply(a, b)
    op === :/ && return PyNumber_TrueDivide(a, b)
    op === :÷ && return PyNumber_FloorDivide(a, b)
    op === :% && return PyNumber_Remainder(a, b)
    op === :& && return PyNumber_And(a, b)
    op === :| && return PyNumber_Or(a, b)
    op === :xor && return PyNumber_Xor(a, b)
    op === :^ && return PyNumber_Power(a, b, none())
    throw(ArgumentError("no Python binary operator $op"))
end

"""
    unary_ref(op, a) -> PyPtr

Python's unary `-` (`:-`) or `abs` (`:abs`) of `a`.
"""
function unary_ref(op::Symbol, a::PyPtr)
    op === :- && return PyNumber_Negative(a)
    op === :abs && return PyNumber_Absolute(a)
    throw(ArgumentError("no Python unary operator $op"))
end

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
    with_buffer(f, o) -> Any

`f(buffer::PyBuffer)` with the buffer `o` exports (strides and format, read-only allowed), released after;
`nothing` if `o` exports none.
"""
function with_buffer(f, o::PyPtr)
    buffer = Ref{PyBuffer}()
    try
        PyObject_GetBuffer(o, buffer, PyBUF_RECORDS_RO)
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

"""
    raise_interrupt()

Set `KeyboardInterrupt` as the exception Python is raising.
"""
raise_interrupt() = PyErr_SetNone(PyExc_KeyboardInterrupt())

"""
    raise_error(type, message)

Set an exception of the exception class `type` (borrowed) with `message` as the one Python is raising.
"""
raise_error(type::PyPtr, message::AbstractString) = PyErr_SetString(type, message)

"""
    method_function(name, fptr, flags) -> PyPtr

A new Python builtin function named `name` (a string that must outlive it) over the C function `fptr`
(a `@cfunction`) with calling convention `flags` (`METH_FASTCALL`...).
"""
function method_function(name::String, fptr::Ptr{Cvoid}, flags::Cint)
    # PyMethodDef {ml_name, ml_meth, ml_flags, ml_doc}: Python keeps the pointer, so it is never freed.
    def = Ptr{Ptr{Cvoid}}(Libc.malloc(4 * sizeof(Ptr{Cvoid})))
    unsafe_store!(def, pointer(name), 1)
    unsafe_store!(def, fptr, 2)
    unsafe_store!(Ptr{Cint}(def + 2 * sizeof(Ptr{Cvoid})), flags)
    unsafe_store!(def, C_NULL, 4)
    return PyCFunction_NewEx(def, C_NULL, C_NULL)
end
