# The conversion rules of Python's builtin and standard types (PythonCall's "Conversion to Julia" table):
# each `rule_*(S, x)` converts the Python object `x` to the concrete Julia type `S` or says it cannot.

rule_object(::Type{Py}, x::Py) = x

rule_exception(::Type{S}, x::Py) where {S<:PyException} = PyException(x)

rule_none(::Type{Nothing}, x::Py) = nothing
rule_none(::Type{Missing}, x::Py) = missing

rule_bool(::Type{S}, x::Py) where {S<:Number} = pyconvert_tryconvert(S, pyisTrue(x))

function rule_str(::Type{S}, x::Py) where {S}
    s = pystr(String, x)
    S === String && return s
    S === Symbol && return Symbol(s)
    return length(s) == 1 ? first(s) : Unconverted()   # (Char)
end

rule_bytes(::Type{Vector{UInt8}}, x::Py) = pybytes(Vector{UInt8}, x)
rule_bytes(::Type{Base.CodeUnits{UInt8,String}}, x::Py) = pybytes(Base.CodeUnits, x)

function rule_int(::Type{S}, x::Py) where {S<:Number}
    value = with_py() do
        i = unary_ref(:int, getptr(x))   # (an exact int of any Integral: a numpy integer, a bool)
        try
            something(plain_value(i))
        finally
            decref(i)
        end
    end
    return pyconvert_tryconvert(S, value)
end

function rule_float(::Type{S}, x::Py) where {S<:Number}
    value = pyconvert(Float64, pyfloat(x))
    return S in (Float16, Float32, Float64, BigFloat) ? S(value) : pyconvert_tryconvert(S, value)
end
# (NaN stands for missing data in many a Python table.)
rule_float(::Type{S}, x::Py) where {S<:Union{Nothing,Missing}} =
    isnan(pyconvert(Float64, pyfloat(x))) ? S() : Unconverted()

function rule_complex(::Type{S}, x::Py) where {S<:Number}
    value = complex(pyconvert(Float64, x.real), pyconvert(Float64, x.imag))
    return pyconvert_tryconvert(S, value)
end

# A range's parts, bounded by the target type's parameters.
function rule_range(::Type{S}, x::Py) where {S<:StepRange}
    lo, hi = lower_bound(S), upper_bound(S)
    T = typeintersect(Integer, hi.parameters[1])
    start, stop = @pyconvert(T, x.start), @pyconvert(T, x.stop)
    step = @pyconvert(typeintersect(Integer, hi.parameters[2]), x.step)
    first_, last_ = promote(start, stop - oftype(stop, sign(step)))
    E = bounded_promote(lo.parameters[1], typeof(first_), typeof(last_), hi.parameters[1])
    D = bounded_promote(lo.parameters[2], typeof(step), hi.parameters[2])
    return StepRange{E,D}(first_, step, last_)
end

function rule_range(::Type{S}, x::Py) where {S<:UnitRange}
    lo, hi = lower_bound(S), upper_bound(S)
    @pyconvert(Int, x.step) == 1 || return Unconverted()
    T = typeintersect(Integer, hi.parameters[1])
    first_, last_ = promote(@pyconvert(T, x.start), @pyconvert(T, x.stop) - 1)
    E = bounded_promote(lo.parameters[1], typeof(first_), typeof(last_), hi.parameters[1])
    return UnitRange{E}(first_, last_)
end

function rule_fraction(::Type{S}, x::Py) where {S<:Rational}
    lo, hi = lower_bound(S), upper_bound(S)
    T = typeintersect(Integer, hi.parameters[1])
    num, den = promote(@pyconvert(T, x.numerator), @pyconvert(T, x.denominator))
    return Rational{bounded_promote(lo.parameters[1], typeof(num), typeof(den), hi.parameters[1])}(num, den)
end
rule_fraction(::Type{S}, x::Py) where {S<:Number} =
    pyconvert_tryconvert(S, @pyconvert(Rational{<:Integer}, x))

# Vectors and sets: the element type grows, within the target's bounds, to hold each item converted.
function rule_iterable(::Type{S}, x::Py) where {S<:Union{Vector,Set}}
    lo, hi = eltype(lower_bound(S)), eltype(upper_bound(S))
    kind = S <: Vector ? Vector : Set
    container = kind{lo}()
    for item in x
        value = @pyconvert(hi, item)
        value isa eltype(container) ||
            (container = kind{bounded_promote(eltype(container), typeof(value), hi)}(container))
        push!(container, value)
    end
    return container
end

function rule_iterable(::Type{S}, x::Py) where {S<:Tuple}
    S isa DataType || return Unconverted()
    params = collect(S.parameters)
    vararg = !isempty(params) && Base.isvarargtype(params[end]) ? Base.unwrapva(pop!(params)) : nothing
    values = Any[]
    for item in x
        T = length(values) < length(params) ? params[length(values)+1] : vararg
        T === nothing && return Unconverted()
        push!(values, @pyconvert(T, item))
    end
    length(values) < length(params) && return Unconverted()
    return S(Tuple(values))
end

function rule_iterable(::Type{S}, x::Py) where {S<:Pair}
    lo, hi = lower_bound(S), upper_bound(S)
    items = collect(x)
    length(items) == 2 || return Unconverted()
    k, v = @pyconvert(hi.parameters[1], items[1]), @pyconvert(hi.parameters[2], items[2])
    K = bounded_promote(lo.parameters[1], typeof(k), hi.parameters[1])
    V = bounded_promote(lo.parameters[2], typeof(v), hi.parameters[2])
    return Pair{K,V}(k, v)
end

# Only Python's named tuples (with `_fields`), whose names match the target's if it has names.
function rule_iterable(::Type{S}, x::Py) where {S<:NamedTuple}
    names, types = named_tuple_parts(S)
    names === false && return Unconverted()
    pyistuple(x) || return Unconverted()
    fields = pygetattr(x, "_fields", nothing)
    fields === nothing && return Unconverted()
    names_ = @pyconvert(Tuple{Vararg{Symbol}}, fields)
    names === nothing || names == names_ || return Unconverted()
    values = @pyconvert(types === nothing ? NTuple{length(names_),Any} : types, x)
    length(values) == length(names_) || return Unconverted()
    return NamedTuple{names_,types === nothing ? typeof(values) : types}(values)
end

named_tuple_parts(::Type) = (false, false)
named_tuple_parts(::Type{NamedTuple}) = (nothing, nothing)
named_tuple_parts(::Type{NamedTuple{names}}) where {names} = (names, nothing)
named_tuple_parts(::Type{NamedTuple{names,types} where {names}}) where {types} = (nothing, types)
named_tuple_parts(::Type{NamedTuple{names,types}}) where {names,types} = (names, types)

function rule_mapping(::Type{S}, x::Py) where {S<:Dict}
    lo, hi = lower_bound(S), upper_bound(S)
    K1, V1 = hi.parameters
    d = Dict{lo.parameters[1],lo.parameters[2]}()
    for key in x
        k, v = @pyconvert(K1, key), @pyconvert(V1, pygetitem(x, key))
        if !(k isa keytype(d) && v isa valtype(d))
            K, V = bounded_promote(keytype(d), typeof(k), K1), bounded_promote(valtype(d), typeof(v), V1)
            d = Dict{K,V}(d)
        end
        d[k] = v
    end
    return d
end

function rule_date(::Type{Date}, x::Py)
    pyisinstance(x, PY_TYPES.datetime) && return Unconverted()   # (lossy)
    return Date(pyconvert(Int, x.year), pyconvert(Int, x.month), pyconvert(Int, x.day))
end

function rule_time(::Type{Time}, x::Py)
    aware(x, nothing) && return Unconverted()
    μs = pyconvert(Int, x.microsecond)
    return Time(pyconvert(Int, x.hour), pyconvert(Int, x.minute), pyconvert(Int, x.second), div(μs, 1000),
                mod(μs, 1000))
end

function rule_datetime(::Type{DateTime}, x::Py)
    aware(x, x) && return Unconverted()
    μs = pyconvert(Int, x.microsecond)
    mod(μs, 1000) == 0 || return Unconverted()
    return DateTime(pyconvert(Int, x.year), pyconvert(Int, x.month), pyconvert(Int, x.day),
                    pyconvert(Int, x.hour), pyconvert(Int, x.minute), pyconvert(Int, x.second), div(μs, 1000))
end

# Whether a time or datetime has a time zone that gives an offset.
aware(x::Py, arg) = (tz = x.tzinfo; !pyisnone(tz) && !pyisnone(tz.utcoffset(arg)))

function rule_timedelta(::Type{S}, x::Py) where {S<:Dates.Period}
    days, seconds, μs = pyconvert(Int, x.days), pyconvert(Int, x.seconds), pyconvert(Int, x.microseconds)
    total = big(days * 86400 + seconds) * 1_000_000 + μs   # microseconds
    per = S === Nanosecond ? big(1) // 1000 : S === Microsecond ? big(1) : S === Millisecond ? big(1000) :
        big(1_000_000)
    n = total // per
    isinteger(n) && typemin(Int) <= n <= typemax(Int) || return Unconverted()
    return S(Int(n))
end

"""
    init_rules()

Register the rules of Python's builtin and standard types, and of numpy's, ctypes' and pandas' values
(once Python runs).
"""
function init_rules()
    push!(ABSTRACT_TYPES, pyimport("io" => "IOBase"))
    append!(ABSTRACT_TYPES, pyimport("numbers" => ("Number", "Complex", "Real", "Rational", "Integral")))
    append!(ABSTRACT_TYPES, pyimport("collections.abc" => ("Iterable", "Sequence", "Set", "Mapping")))
    for (tname, T, f) in (("builtins:NoneType", Nothing, rule_none), ("builtins:bool", Bool, rule_bool),
                          ("builtins:float", Float64, rule_float),
                          ("builtins:complex", ComplexF64, rule_complex),
                          ("numbers:Integral", Integer, rule_int), ("builtins:str", String, rule_str),
                          ("builtins:bytes", Base.CodeUnits{UInt8,String}, rule_bytes),
                          ("builtins:range", StepRange{<:Integer,<:Integer}, rule_range),
                          ("numbers:Rational", Rational{<:Integer}, rule_fraction),
                          ("builtins:tuple", NamedTuple, rule_iterable),
                          ("builtins:tuple", Tuple, rule_iterable),
                          ("datetime:datetime", DateTime, rule_datetime), ("datetime:date", Date, rule_date),
                          ("datetime:time", Time, rule_time),
                          ("datetime:timedelta", Microsecond, rule_timedelta),
                          ("builtins:BaseException", PyException, rule_exception))
        pyconvert_add_rule(tname, T, f, PYCONVERT_PRIORITY_CANONICAL)
    end
    for (tname, T, f) in (("builtins:NoneType", Missing, rule_none), ("builtins:bool", Number, rule_bool),
                          ("numbers:Real", Number, rule_float), ("builtins:float", Nothing, rule_float),
                          ("builtins:float", Missing, rule_float), ("numbers:Complex", Number, rule_complex),
                          ("numbers:Integral", Number, rule_int), ("builtins:str", Symbol, rule_str),
                          ("builtins:str", Char, rule_str), ("builtins:bytes", Vector{UInt8}, rule_bytes),
                          ("builtins:range", UnitRange{<:Integer}, rule_range),
                          ("numbers:Rational", Number, rule_fraction),
                          ("collections.abc:Iterable", Vector, rule_iterable),
                          ("collections.abc:Iterable", Tuple, rule_iterable),
                          ("collections.abc:Iterable", Pair, rule_iterable),
                          ("collections.abc:Iterable", Set, rule_iterable),
                          ("collections.abc:Sequence", Vector, rule_iterable),
                          ("collections.abc:Sequence", Tuple, rule_iterable),
                          ("collections.abc:Set", Set, rule_iterable),
                          ("collections.abc:Mapping", Dict, rule_mapping),
                          ("datetime:timedelta", Millisecond, rule_timedelta),
                          ("datetime:timedelta", Second, rule_timedelta),
                          ("datetime:timedelta", Nanosecond, rule_timedelta))
        pyconvert_add_rule(tname, T, f, PYCONVERT_PRIORITY_NORMAL)
    end
    pyconvert_add_rule("builtins:object", Py, rule_object, PYCONVERT_PRIORITY_FALLBACK)
    init_numpy()
    init_ctypes()
    init_pandas()
    init_arrow()
    return nothing
end

# The bounds of a (possibly UnionAll) type: each free parameter at its upper bound, or at its lower bound
# where it is a parameter of the type itself (`Vector` -> `Vector{Union{}}` ... `Vector{Any}`).
function upper_bound(T)
    while T isa UnionAll
        T = T{T.var.ub}
    end
    return T
end

function lower_bound(T)
    body = Base.unwrap_unionall(T)
    body isa DataType || return upper_bound(T)
    while T isa UnionAll
        T = T{T.var in body.parameters ? T.var.lb : T.var.ub}
    end
    return T
end

# The narrowest sensible type holding values of types `S...`, within the bound `B` (of which each is a
# subtype): their promotion if it fits, else their join, else `B`; a union bound member by member.
bounded_promote(S1, S2, S3, B) = bounded_promote(bounded_promote(S1, S2, B), S3, B)
function bounded_promote(S, T, B)
    B isa Union && return Union{bounded_promote(typeintersect(S, B.a), typeintersect(T, B.a), B.a),
                                bounded_promote(typeintersect(S, B.b), typeintersect(T, B.b), B.b)}
    R = promote_type(S, T)
    R <: B && return R
    R = typeintersect(typejoin(S, T), B)
    return R <: B ? R : B
end
