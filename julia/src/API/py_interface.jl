# What Julia code can do with a `Py`: attributes, calls, indexing, iteration, comparisons, arithmetic,
# printing; `pyimport`, `pybuiltins`, `Py(x)` and `pyconvert`. Plain results come back as Julia values
# (`take_result`); Julia arguments become Python objects by the bridge's rules (numeric arrays shared).

"""
    Py(x) -> Py

The Python object of the Julia value `x`, as a `Py` (no conversion back): `Py(1:3)`, `Py([1.0, 2.0])` (a numpy
array over the Julia array's memory), `Py("text")`.
"""
Objects.Py(x) = with_py(() -> pynew(new_ref(x)))
Objects.Py(x::Py) = x

"""
    pyconvert(T, x::Py)

`x` converted to a Julia value of type `T` by the rules of `%py2jl` (numeric arrays shared):
`pyconvert(Vector{Float64}, np.ones(3))`, `pyconvert(Dict, pydict)`. `pyconvert(Any, x)` converts what
has a Julia equivalent and leaves the rest a `Py`.
"""
pyconvert(::Type{Any}, x::Py) = with_py(() -> take_value(incref(getptr(x))))
pyconvert(::Type{T}, x::Py) where {T} = convert(T, pyconvert(Any, x))

"""
    pyimport(name) -> Py

Import the Python module `name`: `np = pyimport("numpy")`.
"""
pyimport(name::AbstractString) = with_py(() -> pynew(import_ref(name)))

"""
    pybuiltins

Python's `builtins` module: `pybuiltins.len`, `pybuiltins.range(3)`.
"""
const pybuiltins = pynew()

"""
    init_pybuiltins()

Make `pybuiltins` Python's `builtins` module (once Python runs).
"""
init_pybuiltins() = (pycopy!(pybuiltins, pyimport("builtins")); nothing)

# -- attributes and calls ---------------------------------------------------------------------------------

Base.getproperty(o::Py, name::Symbol) = with_py(() -> take_result(getattr_ref(getptr(o), name)))

function Base.setproperty!(o::Py, name::Symbol, value)
    with_py() do
        v = new_ref(value)
        try
            setattr(getptr(o), name, v)
        finally
            decref(v)
        end
    end
    return value
end

Base.hasproperty(o::Py, name::Symbol) = with_py(() -> hasattr(getptr(o), name))

Base.propertynames(o::Py, private::Bool=false) =
    [Symbol(n) for n in pybuiltins.dir(o) if private || !startswith(n, "_")]

(f::Py)(args...; kwargs...) = with_py(() -> take_result(call_ref(getptr(f), args...; kwargs...)))

# -- items, iteration, size ---------------------------------------------------------------------------------

key_ref(keys::Tuple) = length(keys) == 1 ? new_ref(keys[1]) : new_ref(keys)

function Base.getindex(o::Py, keys...)
    with_py() do
        k = key_ref(keys)
        try
            take_result(getitem_ref(getptr(o), k))
        finally
            decref(k)
        end
    end
end

function Base.setindex!(o::Py, value, keys...)
    with_py() do
        k, v = key_ref(keys), new_ref(value)
        try
            setitem(getptr(o), k, v)
        finally
            decref(k)
            decref(v)
        end
    end
    return o
end

Base.length(o::Py) = with_py(() -> length_of(getptr(o)))

Base.IteratorSize(::Type{Py}) = Base.SizeUnknown()
Base.eltype(::Type{Py}) = Any

function Base.iterate(o::Py, it::Py=with_py(() -> pynew(iter_ref(getptr(o)))))
    with_py() do
        item = next_ref(getptr(it))
        item == C_NULL ? nothing : (take_result(item), it)
    end
end

function Base.in(x, o::Py)
    with_py() do
        v = new_ref(x)
        try
            has_item(getptr(o), v)
        finally
            decref(v)
        end
    end
end

# -- comparisons, hashing, arithmetic --------------------------------------------------------------------

# `f(x, y)` of new references to the Python objects of `a` and `b`, which are released after.
function with_refs(f, a, b)
    x, y = new_ref(a), new_ref(b)
    try
        return f(x, y)
    finally
        decref(x)
        decref(y)
    end
end

py_compare(a, b, op::Symbol) = with_py(() -> take_result(with_refs((x, y) -> compare_ref(x, y, op), a, b)))

Base.:(==)(a::Py, b::Py) = py_compare(a, b, :eq)
Base.:(==)(a::Py, b) = py_compare(a, b, :eq)
Base.:(==)(a, b::Py) = py_compare(a, b, :eq)
Base.isless(a::Py, b::Py) = py_compare(a, b, :lt) === true
Base.isequal(a::Py, b::Py) = py_compare(a, b, :eq) === true

Base.hash(o::Py, h::UInt) = hash(with_py(() -> hash_of(getptr(o))), h)

for op in (:+, :-, :*, :/, :÷, :%, :&, :|, :xor, :^)
    @eval begin
        Base.$op(a::Py, b::Py) = py_binary($(QuoteNode(op)), a, b)
        Base.$op(a::Py, b::Number) = py_binary($(QuoteNode(op)), a, b)
        $(op === :^ ? nothing : :(Base.$op(a::Number, b::Py) = py_binary($(QuoteNode(op)), a, b)))
    end
end
Base.:-(a::Py) = with_py(() -> take_result(unary_ref(:-, getptr(a))))
Base.abs(a::Py) = with_py(() -> take_result(unary_ref(:abs, getptr(a))))

py_binary(op::Symbol, a, b) = with_py(() -> take_result(with_refs((x, y) -> binary_ref(op, x, y), a, b)))

# -- text ---------------------------------------------------------------------------------------------------

Base.print(io::IO, o::Py) = print(io, with_py(() -> text_of(getptr(o), false)))
Base.show(io::IO, o::Py) = print(io, with_py(() -> text_of(getptr(o), true)))
