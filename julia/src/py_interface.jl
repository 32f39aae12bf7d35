# What Julia code can do with a `Py`: attributes, calls, indexing, iteration, comparisons, arithmetic,
# printing; `pyimport`, `pybuiltins`, `Py(x)` and `pyconvert`. Plain results come back as Julia values
# (`py_result`); Julia arguments become Python objects by the bridge's rules (numeric arrays shared).

export Py, PyException, pyimport, pybuiltins, pyconvert

"""
    py_new(x) -> PyPtr

A new reference to the Python object for the Julia value `x` (GIL held): a `Py` is itself, plain values
are made directly, anything else as `%jl2py` would make it (numeric arrays shared, containers copied), and
what has no Python equivalent (a function, a struct) a `JuliaObject` proxy.
"""
py_new(x::Py) = py_object(pyptr(x))
py_new(x::Union{Nothing,Bool,Integer,AbstractFloat,Complex,AbstractString,Symbol,AbstractChar}) = py_object(x)
py_new(x::AbstractIrrational) = py_object(Float64(x))
function py_new(x)
    pinned = Int[]
    try
        description = json(to_description(x, false, pinned; objects=true))
        return py_call_object(PY_RUNTIME["build_object"], description)
    catch
        foreach(unpin!, pinned)
        rethrow()
    end
end

"""
    Py(x) -> Py

The Python object of the Julia value `x`, as a `Py` (no conversion back): `Py(1:3)`, `Py([1.0, 2.0])` (a numpy
array over the Julia array's memory), `Py("text")`.
"""
Py(x) = with_py(() -> Py(py_new(x), Val(:steal)))
Py(x::Py) = x

# The Python call of `f` on Julia arguments; a new reference, or PyException.
function py_call_object(f::PyPtr, args...)
    r = py_call_raw(f, args...)
    r == C_NULL && throw(py_exception())
    return r
end

"""
    py_value(ptr) -> Any

The Julia value of a Python object (a new reference, stolen) by the full conversion table of `%py2jl`
(arrays shared, containers copied), or a `Py` where there is none.
"""
function py_value(ptr::PyPtr)
    ptr == C_NULL && throw(py_exception())
    plain = py_plain(ptr)
    if plain !== nothing
        py_decref(ptr)
        return something(plain)
    end
    array = numpy_value(ptr)
    if array !== nothing
        py_decref(ptr)  # the array holds its own reference
        return array
    end
    o = Py(ptr, Val(:steal))
    return first(from_description(parse_json(py_call_string(PY_RUNTIME["describe_object"], pyptr(o)))))
end

"""
    pyconvert(T, x::Py)

`x` converted to a Julia value of type `T` by the rules of `%py2jl` (numeric arrays shared):
`pyconvert(Vector{Float64}, np.ones(3))`, `pyconvert(Dict, pydict)`. `pyconvert(Any, x)` converts what
has a Julia equivalent and leaves the rest a `Py`.
"""
pyconvert(::Type{Any}, x::Py) = with_py(() -> py_value(py_object(pyptr(x))))
pyconvert(::Type{T}, x::Py) where {T} = convert(T, pyconvert(Any, x))

"""
    pyimport(name) -> Py

Import the Python module `name`: `np = pyimport("numpy")`.
"""
pyimport(name::AbstractString) =
    with_py(() -> steal(ccall(:PyImport_ImportModule, PyPtr, (Cstring,), name)))

"""
    pybuiltins

Python's `builtins` module: `pybuiltins.len`, `pybuiltins.range(3)`.
"""
const pybuiltins = Py(C_NULL, Val(:steal))

# Called once Python runs: `pybuiltins` becomes the module (a reference never released).
function init_pybuiltins()
    setfield!(pybuiltins, :ptr, ccall(:PyImport_ImportModule, PyPtr, (Cstring,), "builtins"))
    return nothing
end

# -- attributes and calls ---------------------------------------------------------------------------------

Base.getproperty(o::Py, name::Symbol) =
    with_py(() -> py_result(ccall(:PyObject_GetAttrString, PyPtr, (PyPtr, Cstring), pyptr(o), name)))

function Base.setproperty!(o::Py, name::Symbol, value)
    with_py() do
        v = py_new(value)
        status = ccall(:PyObject_SetAttrString, Cint, (PyPtr, Cstring, PyPtr), pyptr(o), name, v)
        py_decref(v)
        status == 0 || throw(py_exception())
    end
    return value
end

Base.hasproperty(o::Py, name::Symbol) =
    with_py(() -> ccall(:PyObject_HasAttrString, Cint, (PyPtr, Cstring), pyptr(o), name) == 1)

Base.propertynames(o::Py, private::Bool=false) =
    [Symbol(n) for n in pybuiltins.dir(o) if private || !startswith(n, "_")]

function (f::Py)(args...; kwargs...)
    with_py() do
        tuple = steal(ccall(:PyTuple_New, PyPtr, (Cssize_t,), length(args)))
        for (i, a) in enumerate(args)
            # PyTuple_SetItem steals the new reference.
            ccall(:PyTuple_SetItem, Cint, (PyPtr, Cssize_t, PyPtr), pyptr(tuple), i - 1, py_new(a))
        end
        dict = C_NULL
        if !isempty(kwargs)
            dict = ccall(:PyDict_New, PyPtr, ())
            for (k, v) in kwargs
                item = py_new(v)
                ccall(:PyDict_SetItemString, Cint, (PyPtr, Cstring, PyPtr), dict, k, item)
                py_decref(item)
            end
        end
        r = ccall(:PyObject_Call, PyPtr, (PyPtr, PyPtr, PyPtr), pyptr(f), pyptr(tuple), dict)
        py_decref(dict)
        py_result(r)
    end
end

# -- items, iteration, size ---------------------------------------------------------------------------------

py_key(keys::Tuple) = length(keys) == 1 ? py_new(keys[1]) : py_new(keys)

function Base.getindex(o::Py, keys...)
    with_py() do
        k = py_key(keys)
        r = ccall(:PyObject_GetItem, PyPtr, (PyPtr, PyPtr), pyptr(o), k)
        py_decref(k)
        py_result(r)
    end
end

function Base.setindex!(o::Py, value, keys...)
    with_py() do
        k, v = py_key(keys), py_new(value)
        status = ccall(:PyObject_SetItem, Cint, (PyPtr, PyPtr, PyPtr), pyptr(o), k, v)
        py_decref(k)
        py_decref(v)
        status == 0 || throw(py_exception())
    end
    return o
end

function Base.length(o::Py)
    n = with_py(() -> ccall(:PyObject_Size, Cssize_t, (PyPtr,), pyptr(o)))
    n < 0 && with_py(() -> throw(py_exception()))
    return Int(n)
end

Base.IteratorSize(::Type{Py}) = Base.SizeUnknown()
Base.eltype(::Type{Py}) = Any

py_iter(o::Py) = with_py(() -> steal(ccall(:PyObject_GetIter, PyPtr, (PyPtr,), pyptr(o))))

function Base.iterate(o::Py, it::Py=py_iter(o))
    with_py() do
        item = ccall(:PyIter_Next, PyPtr, (PyPtr,), pyptr(it))
        if item == C_NULL
            ccall(:PyErr_Occurred, PyPtr, ()) == C_NULL || throw(py_exception())
            return nothing
        end
        return py_result(item), it
    end
end

function Base.in(x, o::Py)
    r = with_py() do
        v = py_new(x)
        r = ccall(:PySequence_Contains, Cint, (PyPtr, PyPtr), pyptr(o), v)
        py_decref(v)
        r < 0 && throw(py_exception())
        r
    end
    return r == 1
end

# -- comparisons, hashing, arithmetic --------------------------------------------------------------------

const PY_LT, PY_EQ = 0, 2

py_compare(a, b, op::Integer) = with_py() do
    x, y = py_new(a), py_new(b)
    r = ccall(:PyObject_RichCompare, PyPtr, (PyPtr, PyPtr, Cint), x, y, op)
    py_decref(x)
    py_decref(y)
    py_result(r)
end

Base.:(==)(a::Py, b::Py) = py_compare(a, b, PY_EQ)
Base.:(==)(a::Py, b) = py_compare(a, b, PY_EQ)
Base.:(==)(a, b::Py) = py_compare(a, b, PY_EQ)
Base.isless(a::Py, b::Py) = py_compare(a, b, PY_LT) === true
Base.isequal(a::Py, b::Py) = py_compare(a, b, PY_EQ) === true

function Base.hash(o::Py, h::UInt)
    v = with_py(() -> ccall(:PyObject_Hash, Int, (PyPtr,), pyptr(o)))
    v == -1 && with_py(() -> throw(py_exception()))
    return hash(v, h)
end

for (op, name) in ((:+, :PyNumber_Add), (:-, :PyNumber_Subtract), (:*, :PyNumber_Multiply),
                   (:/, :PyNumber_TrueDivide), (:÷, :PyNumber_FloorDivide), (:%, :PyNumber_Remainder),
                   (:&, :PyNumber_And), (:|, :PyNumber_Or), (:xor, :PyNumber_Xor))
    @eval begin
        Base.$op(a::Py, b::Py) = py_binary($(QuoteNode(name)), a, b)
        Base.$op(a::Py, b::Number) = py_binary($(QuoteNode(name)), a, b)
        Base.$op(a::Number, b::Py) = py_binary($(QuoteNode(name)), a, b)
    end
end
Base.:^(a::Py, b::Number) = py_binary(:PyNumber_Power, a, b)
Base.:^(a::Py, b::Py) = py_binary(:PyNumber_Power, a, b)
Base.:-(a::Py) = py_unary(:PyNumber_Negative, a)
Base.abs(a::Py) = py_unary(:PyNumber_Absolute, a)

py_binary(name::Symbol, a, b) = with_py() do
    x, y = py_new(a), py_new(b)
    r = name === :PyNumber_Power ?
        ccall(pyfunc(name), PyPtr, (PyPtr, PyPtr, PyPtr), x, y, py_none()) :
        ccall(pyfunc(name), PyPtr, (PyPtr, PyPtr), x, y)
    py_decref(x)
    py_decref(y)
    py_result(r)
end

py_unary(name::Symbol, a::Py) = with_py(() -> py_result(ccall(pyfunc(name), PyPtr, (PyPtr,), pyptr(a))))

# -- text ---------------------------------------------------------------------------------------------------

py_text(f::Symbol, o::Py) = with_py() do
    s = steal(ccall(pyfunc(f), PyPtr, (PyPtr,), pyptr(o)))
    py_string(pyptr(s))
end

Base.print(io::IO, o::Py) = print(io, py_text(:PyObject_Str, o))
Base.show(io::IO, o::Py) = print(io, py_text(:PyObject_Repr, o))
