# Python's builtin types made from Julia values, with PythonCall's names: `pystr`, `pyint`, `pylist`...;
# `pyisX(x)` says whether `x` is one (of a subclass). A Python object given to a constructor is passed to
# the Python type (`pylist(py_iterable)` is `list(py_iterable)`); a Julia value is made one directly.

"""
    pybool(x=false)

Python's `bool` of `x`: a Julia `Bool`, a number (`!iszero`), or anything Python's `bool()` takes.
"""
pybool(x::Bool=false) = with_py(() -> pynew(new_ref(x)))
pybool(x::Number) = pybool(!iszero(x))
pybool(x) = pybuiltins.bool(x)

"""
    pystr(x), pystr(String, x)

Python's `str` of `x` (`str(x)` in Python); the second form as a Julia `String`.
"""
pystr(x::AbstractString) = with_py(() -> pynew(new_ref(String(x))))
pystr(x::AbstractChar) = pystr(string(x))
pystr(x) = pyref(a -> unary_ref(:str, a), x)
pystr(::Type{String}, x) = pyop(a -> text_of(a, false), x)

"""
    pybytes(x), pybytes(T, x)

Python's `bytes` of `x`: a vector of bytes, or anything Python's `bytes()` takes; the second form as a
`Vector{UInt8}` or `Base.CodeUnits`.
"""
pybytes(x::Union{Vector{UInt8},Base.CodeUnits{UInt8}}) = with_py(() -> pynew(bytes_ref(Vector{UInt8}(x))))
pybytes(x) = pyref(a -> unary_ref(:bytes, a), x)
function pybytes(::Type{T}, x) where {T}
    data = pyop(a -> (b = unary_ref(:bytes, a); try bytes_of(b) finally decref(b) end), x)
    return T <: Base.CodeUnits ? codeunits(String(data)) : convert(T, data)
end

"""
    pyint(x=0)

Python's `int` of `x`: an integer, or anything Python's `int()` takes.
"""
pyint(x::Integer=0) = with_py(() -> pynew(new_ref(x)))
pyint(x) = pyref(a -> unary_ref(:int, a), x)

"""
    pyfloat(x=0.0)

Python's `float` of `x`: a real number, or anything Python's `float()` takes.
"""
pyfloat(x::Real=0.0) = with_py(() -> pynew(new_ref(Float64(x))))
pyfloat(x) = pyref(a -> unary_ref(:float, a), x)

"""
    pycomplex(x=0.0), pycomplex(re, im)

Python's `complex` of `x`, or of a real and an imaginary part.
"""
pycomplex(x::Real=0.0, y::Real=0.0) = with_py(() -> pynew(new_ref(ComplexF64(x, y))))
pycomplex(x::Complex) = pycomplex(real(x), imag(x))
pycomplex(x) = pybuiltins.complex(x)
pycomplex(x, y) = pybuiltins.complex(x, y)

"""
    pytype(name, bases, dict)

A new Python type, as Python's `type(name, bases, dict)`: `bases` a tuple (or any Julia iterable), `dict` a
Python dict or a Julia iterable of `name => value` pairs and of Python objects with a `__name__`.
"""
function pytype(name, bases, dict)
    bases_ = ispy(bases) ? bases : pytuple(bases)
    entry(item) = ispy(item) ? (pygetattr(item, "__name__") => item) : item
    dict_ = ispy(dict) ? dict : pydict(entry(item) for item in dict)
    return pybuiltins.type(name, bases_, dict_)
end

"""
    pyslice([start], stop, [step])

Python's `slice`; what is not given is `None`.
"""
pyslice(start, stop, step=nothing) = pyref(slice_ref, start, stop, step)
pyslice(stop) = pyslice(nothing, stop, nothing)

"""
    pyrange([start], stop, [step])

Python's `range`.
"""
pyrange(args...) = pybuiltins.range(args...)

"""
    pytuple(x=())

Python's `tuple` of `x`: `tuple(x)` of a Python object, or of the items of a Julia iterable.
"""
pytuple() = pytuple(())
pytuple(x) = ispy(x) ? pybuiltins.tuple(x) : with_py(() -> pynew(tuple_ref(collect_items(x))))

# A Julia iterable as something with a length, for a tuple.
collect_items(x::Union{Tuple,AbstractArray}) = x
collect_items(x) = Base.IteratorSize(typeof(x)) isa Union{Base.HasLength,Base.HasShape} ? x : collect(x)

"""
    pylist(x=())

Python's `list` of `x`: `list(x)` of a Python object, or of the items of a Julia iterable.
"""
pylist() = pylist(())
pylist(x) = ispy(x) ? pybuiltins.list(x) : with_py(() -> pynew(list_ref(x)))

"""
    pycollist(x::AbstractArray), pyrowlist(x::AbstractArray)

Nested Python lists of the elements of `x`: for a matrix, a list of columns (of rows).
"""
function pycollist(x::AbstractArray{T,N}) where {T,N}
    N == 0 && return Py(x[])
    return pylist([pycollist(selectdim(x, N, j)) for j in axes(x, N)])
end
function pyrowlist(x::AbstractArray{T,N}) where {T,N}
    N == 0 && return Py(x[])
    return pylist([pyrowlist(selectdim(x, 1, j)) for j in axes(x, 1)])
end

"""
    pyset(x=()), pyfrozenset(x=())

Python's `set` (`frozenset`) of `x`: of a Python object, or of the items of a Julia iterable.
"""
pyset() = pyset(())
pyset(x) = ispy(x) ? pybuiltins.set(x) : with_py(() -> pynew(set_ref(x)))
pyfrozenset() = pyfrozenset(())
pyfrozenset(x) = ispy(x) ? pybuiltins.frozenset(x) : with_py(() -> pynew(set_ref(x; frozen=true)))

"""
    pydict(x), pydict(; kwargs...), pydict(pairs::Pair...)

Python's `dict`: of a Python object (`dict(x)`), of key-value pairs, or with string keys from keyword
arguments.
"""
pydict(; kwargs...) = with_py(() -> pynew(dict_ref((string(k), v) for (k, v) in kwargs)))
pydict(x) = ispy(x) ? pybuiltins.dict(x) : with_py(() -> pynew(dict_ref(x)))
pydict(x::NamedTuple) = pydict(; x...)
pydict(pair::Pair, pairs::Pair...) = pydict((pair, pairs...))

"""
    pydate(y, m, d), pytime(...), pydatetime(...)

Python's `datetime.date`, `datetime.time` and `datetime.datetime`, of their parts or of a Julia `Date`,
`Time` or `DateTime`.
"""
pydate(year, month, day) = PY_TYPES.date(year, month, day)
pydate(x::Date) = pydate(year(x), month(x), day(x))
pytime(hour=0, minute=0, second=0, microsecond=0, tzinfo=nothing; fold=0) =
    PY_TYPES.time(hour, minute, second, microsecond, tzinfo; fold=fold)
function pytime(x::Time)
    iszero(nanosecond(x)) ||
        throw(ArgumentError("cannot make a datetime.time with less than microsecond resolution"))
    return pytime(hour(x), minute(x), second(x), millisecond(x) * 1000 + microsecond(x))
end
pydatetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=nothing; fold=0) =
    PY_TYPES.datetime(year, month, day, hour, minute, second, microsecond, tzinfo; fold=fold)
pydatetime(x::Date) = pydatetime(year(x), month(x), day(x))
pydatetime(x::DateTime) = pydatetime(year(x), month(x), day(x), hour(x), minute(x), second(x),
                                     millisecond(x) * 1000)

"""
    pyfraction(x), pyfraction(num, den)

Python's `fractions.Fraction`.
"""
pyfraction(x::Rational) = pyfraction(numerator(x), denominator(x))
pyfraction(args...) = PY_TYPES.Fraction(args...)

"""
    pyisstr(x), pyisbytes(x), pyistuple(x), pyisslice(x)

Whether `x` is an instance of the builtin type (or of a subclass).
"""
function pyisstr end

for (f, kind) in ((:pyistuple, :tuple), (:pyisbytes, :bytes), (:pyisstr, :str))
    @eval $f(x) = pyop(a -> is_kind(a, $(QuoteNode(kind))), x)
end
pyisslice(x) = pyisinstance(x, pybuiltins.slice)
pyisTrue(x) = pyis(x, true)
pyisFalse(x) = pyis(x, false)

# `Py(x)` of Julia's tuples and pairs, fractions, integer ranges, dates and times and byte vectors:
# Python's own types.
C.new_ref(x::Union{Tuple,Pair}) = tuple_ref(x)
C.new_ref(x::Rational) = new_ref(pyfraction(x))
C.new_ref(x::AbstractRange{<:Integer}) = new_ref(pyrange(first(x), last(x) + sign(step(x)), step(x)))
C.new_ref(x::Date) = new_ref(pydate(x))
C.new_ref(x::Time) = new_ref(pytime(x))
C.new_ref(x::DateTime) = new_ref(pydatetime(x))
C.new_ref(x::Base.CodeUnits{UInt8}) = bytes_ref(Vector{UInt8}(x))
