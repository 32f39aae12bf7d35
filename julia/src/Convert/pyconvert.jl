# `pyconvert(T, x)`: Python objects to Julia values by rules, as PythonCall defines them. A rule belongs to a
# Python type (named "module:name") and a Julia type; converting `x` to `T` tries, in order of priority and
# then of how specific their Python type is, the rules of the types in `x`'s class hierarchy (and of the
# abstract base classes it registers with) whose Julia type meets `T`, until one succeeds.

"""
    PyConvertPriority

The priority of a conversion rule: `PYCONVERT_PRIORITY_CANONICAL` for the one rule that converts a type
of immutable values to its natural Julia type (or a mutable one to the wrapper that keeps it),
`PYCONVERT_PRIORITY_NORMAL` for any other sensible rule; the others are the worker's own.
"""
@enum PyConvertPriority begin
    PYCONVERT_PRIORITY_FALLBACK = -100
    PYCONVERT_PRIORITY_NORMAL = 0
    PYCONVERT_PRIORITY_CANONICAL = 200
    PYCONVERT_PRIORITY_ARRAY = 300
    PYCONVERT_PRIORITY_WRAP = 400
end

struct Rule
    type::Type
    func::Function
    priority::PyConvertPriority
end

const RULES = Dict{String,Vector{Rule}}()
# The rules for (target type, Python type); each Python type is kept alive by `CACHED_TYPES`.
const RULE_CACHE = Dict{Tuple{Type,PyPtr},Vector{Function}}()
const CACHED_TYPES = Py[]
# Abstract base classes whose rules apply to the classes registered with them.
const ABSTRACT_TYPES = Py[]

struct Unconverted end

"""
    pyconvert_return(x)

What a conversion rule returns when it converted to `x`.
"""
pyconvert_return(x) = x

"""
    pyconvert_unconverted()

What a conversion rule returns when it cannot convert its object (to try the next rule).
"""
pyconvert_unconverted() = Unconverted()

"""
    pyconvert_isunconverted(r)

Whether `r`, what a rule returned, says it did not convert.
"""
pyconvert_isunconverted(r) = r === Unconverted()

"""
    pyconvert_add_rule(tname, T, func, priority=PYCONVERT_PRIORITY_NORMAL)

Add a rule converting Python objects of the type named `tname` (`"module:name"`, such as
`"builtins:dict"`) to Julia values of type `T`: `func(S, x::Py)` for a concrete `S <: T` returns
`pyconvert_return(value)` or `pyconvert_unconverted()`.
"""
function pyconvert_add_rule(tname::String, T::Type, func::Function,
                            priority::PyConvertPriority=PYCONVERT_PRIORITY_NORMAL)
    push!(get!(Vector{Rule}, RULES, tname), Rule(T, func, priority))
    empty!(RULE_CACHE)
    return nothing
end

"""
    pytryconvert(T, x)

`x` (any value, made a `Py`) converted to a `T`, or `pyconvert_unconverted()`.
"""
function pytryconvert(::Type{T}, x_) where {T}
    x = Py(x_)
    fast = convert_plain(T, x)
    pyconvert_isunconverted(fast) || return fast
    for rule in rules_for(T, x)
        r = rule(x)
        pyconvert_isunconverted(r) || return r
    end
    return Unconverted()
end

"""
    @pyconvert(T, x, [onfail])

`x` converted to a `T`; on failure `onfail`, by default `return pyconvert_unconverted()` (for rules).
"""
macro pyconvert(T, x, onfail=:(return $pyconvert_unconverted()))
    quote
        local r = $pytryconvert($(esc(T)), $(esc(x)))
        $pyconvert_isunconverted(r) ? $(esc(onfail)) : r
    end
end

pyconvert(::Type{T}, x) where {T} =
    (r = pytryconvert(T, x); pyconvert_isunconverted(r) ? throw(conversion_error(T, x)) : r::T)
pyconvert(::Type{T}, x, d) where {T} = (r = pytryconvert(T, x); pyconvert_isunconverted(r) ? d : r::T)

conversion_error(T, x) =
    ArgumentError("cannot convert this Python '$(pystr(String, pytype(x).__name__))' to a Julia '$T'")

"""
    pyconvert_tryconvert(T, x)

`convert(T, x)`, or `pyconvert_unconverted()` if that fails: for rules.
"""
pyconvert_tryconvert(::Type{T}, x::T) where {T} = x
pyconvert_tryconvert(::Type{T}, x) where {T} =
    try
        convert(T, x)::T
    catch
        Unconverted()
    end

# The conversions of the commonest types, without looking rules up: what the rules give, faster.
function convert_plain(::Type{T}, x::Py) where {T}
    T === Py && return x
    if T === Nothing || T === Missing
        pyisnone(x) && return T()
    elseif T === Bool
        pyisTrue(x) && return true
        pyisFalse(x) && return false
    elseif T === Int || T === Float64 || T === String
        plain = with_py(() -> plain_value(getptr(x)))
        plain === nothing && return Unconverted()
        value = something(plain)
        value isa Bool && return Unconverted()  # (a bool is an int in Python, but not by this path)
        return pyconvert_tryconvert(T, value)
    end
    return Unconverted()
end

# "module:name" of a Python type.
type_key(t::Py) = string(pystr(String, pygetattr(t, "__module__", "<unknown>")), ":",
                         pystr(String, pygetattr(t, "__name__", "<name>")))

function rules_for(::Type{T}, x::Py) where {T}
    t = pytype(x)
    key = (T, getptr(t))
    cached = get(RULE_CACHE, key, nothing)
    cached === nothing || return cached
    push!(CACHED_TYPES, t)
    rules = Function[]
    for rule in ordered_rules(t), S in union_members(typeintersect(rule.type, T))
        # (A rule already there for a wider type does all this one would.)
        any(r -> r.func === rule.func && S <: r.type, rules) && continue
        push!(rules, ConvertTo(S, rule.func))
    end
    RULE_CACHE[key] = rules
    return rules
end

# A rule applied for one target type.
struct ConvertTo <: Function
    type::Type
    func::Function
end
(c::ConvertTo)(x::Py) = c.func(c.type, x)

# Interfaces a type may satisfy without a class of their own, as PythonCall names them in rules
# (`"<buffer>"`...): each goes just after the most general class of the MRO that satisfies it, so that its
# rules rank as that class's would.
const INTERFACES = ("<arraystruct>" => c -> pyhasattr(c, "__array_struct__"),
                    "<arrayinterface>" => c -> pyhasattr(c, "__array_interface__"),
                    "<array>" => c -> pyhasattr(c, "__array__"),
                    "<buffer>" => c -> pyop(type_has_buffer, c))

# The rules of Python type `t`, most specific type first, then by priority (stable).
function ordered_rules(t::Py)
    mro = collect(t.__mro__)
    names = [String[type_key(c)] for c in mro]
    for (interface, satisfied) in INTERFACES
        i = findlast(satisfied, mro)
        i === nothing || push!(names[i], interface)
    end
    # Abstract base classes come before `object` (the last), most specific first.
    abcs = [type_key(a) for a in ABSTRACT_TYPES if pyissubclass(t, a)]
    keys = [reduce(vcat, names[1:end-1]; init=String[]); reverse(abcs); names[end]]
    rules = Rule[rule for k in keys for rule in get(RULES, k, Rule[])]
    return rules[sortperm([-Int(r.priority) for r in rules]; alg=MergeSort)]
end

# The concrete members of a (possibly UnionAll) union type: `Union{A,B} where T` gives `A where T` and
# `B where T`; `Union{}` none.
function union_members(T)
    T === Union{} && return Any[]
    vars, body = [], T
    while body isa UnionAll
        push!(vars, body.var)
        body = body.body
    end
    body isa Union || return Any[T]
    members = Any[union_members(body.a)...; union_members(body.b)...]
    return Any[foldr((v, m) -> UnionAll(v, m), vars; init=m) for m in members]
end
