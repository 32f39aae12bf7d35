# What can be done with Python objects at the level of raw pointers: attributes, calls, items, iteration,
# comparisons and arithmetic, type checks, imports, raising exceptions, builtin functions over Julia code.
# Called with the GIL held; `*_ref` functions return new references; failures throw `PyException`.
# A key, an attribute name or an operand is a borrowed `PyPtr`, or a string where the C API takes one.

"""
    getattr_ref(o, k) -> PyPtr

`o.k`, `k` a string or a Python `str`.
"""
getattr_ref(o::PyPtr, k::Union{AbstractString,Symbol}) = PyObject_GetAttrString(o, k)
getattr_ref(o::PyPtr, k::PyPtr) = PyObject_GetAttr(o, k)

"""
    try_getattr_ref(o, k) -> PyPtr

`o.k`, or NULL if it raises `AttributeError` (any other exception is thrown).
"""
try_getattr_ref(o::PyPtr, k::PyPtr) = null_if_raised(PyObject_GetAttr_unchecked(o, k), PyExc_AttributeError())

"""
    setattr(o, k, v)

`o.k = v`; with `v` NULL, `del o.k`.
"""
setattr(o::PyPtr, k::Union{AbstractString,Symbol}, v::PyPtr) = (PyObject_SetAttrString(o, k, v); nothing)
setattr(o::PyPtr, k::PyPtr, v::PyPtr) = (PyObject_SetAttr(o, k, v); nothing)

"""
    object_setattr(o, k, v)

`object.__setattr__(o, k, v)`: past a `__setattr__` of `o`'s class, to its slots and its `__dict__`.
"""
object_setattr(o::PyPtr, k::PyPtr, v::PyPtr) = (PyObject_GenericSetAttr(o, k, v); nothing)

"""
    hasattr(o, name) -> Bool

`hasattr(o, name)` (never raises).
"""
hasattr(o::PyPtr, name::Union{AbstractString,Symbol}) = PyObject_HasAttrString(o, name) == 1

"""
    import_ref(name) -> PyPtr

Import module `name` (a string or a Python `str`).
"""
import_ref(name::AbstractString) = PyImport_ImportModule(name)
import_ref(name::PyPtr) = PyImport_Import(name)

"""
    call_ref(f, args...; kwargs...) -> PyPtr

Call `f` with the Python objects of Julia values (`new_ref`).
"""
function call_ref(f::PyPtr, args...; kwargs...)
    tuple = tuple_ref(args)
    dict = C_NULL
    try
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

`o[key]`.
"""
getitem_ref(o::PyPtr, key::PyPtr) = PyObject_GetItem(o, key)

"""
    try_getitem_ref(o, key) -> PyPtr

`o[key]`, or NULL if it raises `KeyError` or `IndexError` (any other exception is thrown).
"""
try_getitem_ref(o::PyPtr, key::PyPtr) =
    null_if_raised(PyObject_GetItem_unchecked(o, key), PyExc_KeyError(), PyExc_IndexError())

"""
    setitem(o, key, v)

`o[key] = v`.
"""
setitem(o::PyPtr, key::PyPtr, v::PyPtr) = (PyObject_SetItem(o, key, v); nothing)

"""
    delitem(o, key)

`del o[key]`.
"""
delitem(o::PyPtr, key::PyPtr) = (PyObject_DelItem(o, key); nothing)

"""
    length_of(o) -> Int

`len(o)`.
"""
length_of(o::PyPtr) = Int(PyObject_Size(o))

"""
    has_item(o, x) -> Bool

`x in o`.
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

"""
    truth(o) -> Bool

`bool(o)`.
"""
truth(o::PyPtr) = PyObject_IsTrue(o) == 1

"""
    callable(o) -> Bool

`callable(o)`.
"""
callable(o::PyPtr) = PyCallable_Check(o) == 1

"""
    isinstance(o, t) -> Bool

`isinstance(o, t)`.
"""
isinstance(o::PyPtr, t::PyPtr) = PyObject_IsInstance(o, t) == 1

"""
    issubclass(s, t) -> Bool

`issubclass(s, t)`.
"""
issubclass(s::PyPtr, t::PyPtr) = PyObject_IsSubclass(s, t) == 1

const COMPARISONS = (lt=Cint(0), le=Cint(1), eq=Cint(2), ne=Cint(3), gt=Cint(4), ge=Cint(5))

"""
    compare_ref(a, b, op) -> PyPtr

The rich comparison `op` (`:lt`, `:le`, `:eq`, `:ne`, `:gt`, `:ge`) of `a` and `b`.
"""
compare_ref(a::PyPtr, b::PyPtr, op::Symbol) = PyObject_RichCompare(a, b, COMPARISONS[op])

"""
    compare(a, b, op) -> Bool

The rich comparison `op` of `a` and `b`, as Python's `bool()` of it.
"""
compare(a::PyPtr, b::PyPtr, op::Symbol) = PyObject_RichCompareBool(a, b, COMPARISONS[op]) == 1

# Python's operators by Julia name; in place, with `!` (`:+!` is `+=`).
const BINARY = Dict{Symbol,Function}(
    :+ => PyNumber_Add, :- => PyNumber_Subtract, :* => PyNumber_Multiply, :matmul => PyNumber_MatrixMultiply,
    :/ => PyNumber_TrueDivide, :÷ => PyNumber_FloorDivide, :% => PyNumber_Remainder,
    :divmod => PyNumber_Divmod, :<< => PyNumber_Lshift, :>> => PyNumber_Rshift, :& => PyNumber_And,
    :| => PyNumber_Or, :xor => PyNumber_Xor,
    Symbol("+!") => PyNumber_InPlaceAdd, Symbol("-!") => PyNumber_InPlaceSubtract,
    Symbol("*!") => PyNumber_InPlaceMultiply, Symbol("matmul!") => PyNumber_InPlaceMatrixMultiply,
    Symbol("/!") => PyNumber_InPlaceTrueDivide, Symbol("÷!") => PyNumber_InPlaceFloorDivide,
    Symbol("%!") => PyNumber_InPlaceRemainder, Symbol("<<!") => PyNumber_InPlaceLshift,
    Symbol(">>!") => PyNumber_InPlaceRshift, Symbol("&!") => PyNumber_InPlaceAnd,
    Symbol("|!") => PyNumber_InPlaceOr, Symbol("xor!") => PyNumber_InPlaceXor)
const UNARY = Dict{Symbol,Function}(
    :- => PyNumber_Negative, :+ => PyNumber_Positive, :abs => PyNumber_Absolute, :~ => PyNumber_Invert,
    :index => PyNumber_Index, :int => PyNumber_Long, :float => PyNumber_Float, :type => PyObject_Type,
    :str => PyObject_Str, :repr => PyObject_Repr, :ascii => PyObject_ASCII, :bytes => PyObject_Bytes,
    :dir => PyObject_Dir, :iter => PyObject_GetIter)

"""
    binary_ref(op, a, b) -> PyPtr

Python's binary operator `op` on `a` and `b`: `:+`, `:-`, `:*`, `:matmul` (`@`), `:/`, `:÷` (`//`), `:%`,
`:divmod`, `:<<`, `:>>`, `:&`, `:|`, `:xor`, and each of them in place with a `!` (`Symbol("+!")` is `+=`).
"""
binary_ref(op::Symbol, a::PyPtr, b::PyPtr) = BINARY[op](a, b)

"""
    power_ref(a, b, c=None; inplace=false) -> PyPtr

`a ** b` (`pow(a, b, c)`), or `a **= b`.
"""
power_ref(a::PyPtr, b::PyPtr, c::PyPtr=none(); inplace::Bool=false) =
    inplace ? PyNumber_InPlacePower(a, b, c) : PyNumber_Power(a, b, c)

"""
    unary_ref(op, a) -> PyPtr

Python's unary operation `op` on `a`: `:-`, `:+`, `:abs`, `:~`, `:index`, `:int`, `:float`, and `:type`,
`:str`, `:repr`, `:ascii`, `:bytes`, `:dir`, `:iter` (the builtins of those names).
"""
unary_ref(op::Symbol, a::PyPtr) = UNARY[op](a)

"""
    raise_interrupt()

Set `KeyboardInterrupt` as the exception Python is raising.
"""
raise_interrupt() = PyErr_SetNone(PyExc_KeyboardInterrupt())

"""
    raise_error(type, message)

Set an exception of the exception class `type` with `message` (a string, or the exception's value as
a Python object) as the one Python is raising.
"""
raise_error(type::PyPtr, message::AbstractString) = PyErr_SetString(type, message)
raise_error(type::PyPtr, value::PyPtr) = PyErr_SetObject(type, value)

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

# The result `r` of a call: itself, or NULL if the call raised one of `expected` (then cleared); any other
# exception is thrown.
function null_if_raised(r::PyPtr, expected::PyPtr...)
    r == C_NULL || return r
    any(t -> PyErr_ExceptionMatches(t) == 1, expected) || throw_pending()
    PyErr_Clear()
    return C_NULL
end
