# `@py`'s expressions made Julia code: literals, names, operators, calls, displays, attributes, items.
# Each is lowered to one Julia expression (no statements hoisted out of it), so that what the user's code
# assigns stays in the user's scope and the code's only variables are those of a few statements.

"""
    Lowering(source)

What lowering `@py`'s code needs to know as it goes: where that code is (`__file__`, `__line__`, error
messages), updated by the line numbers of its blocks.
"""
mutable struct Lowering
    source::LineNumberNode
end

"""
    Lowered(ex, owned)

The Julia expression `ex` for the value of some `@py` code. `owned`: it is a new `Py` only this code
refers to, to release once used (else a Julia value, or a `Py` that something else holds).
"""
struct Lowered
    ex::Any
    owned::Bool
end

# `l` as an argument of `consume`, which releases it after if it is owned.
arg(l::Lowered) = l.owned ? :($Temp($(l.ex))) : l.ex
# `l` as a statement whose value is not used.
discard(l::Lowered) = l.owned ? :($pydel!($(l.ex))) : l.ex
# `l` as a `Py` the code owns (a value not owned is given a new `Py` of its own).
owned(l::Lowered) = l.owned ? l.ex : :($fresh($(l.ex)))

# `f` of the values of `args`, which are released after; `owned`: `f` returns a new `Py`.
apply(f, args::Lowered...; owned::Bool=true) = Lowered(:($consume($f, $(map(arg, args)...))), owned)

function syntax_error(st::Lowering, ex, hint::AbstractString="")
    # The code as it was written, on one line: without the line numbers a parser puts in blocks.
    shown = replace(replace(ex isa String ? repr(ex) : string(ex), r"#=.*?=#\s*" => ""), r"\s*\n\s*" => "; ")
    length(shown) > 200 && (shown = first(shown, 197) * "...")
    file = something(st.source.file, :none)
    error("@py syntax error: `", shown, "`", isempty(hint) ? "" : ": $hint", "\n  at $file:$(st.source.line)")
end

# The literals a Julia parser gives as values.
const Literal = Union{Nothing,String,Char,Bool,Base.BitInteger,BigInt,Float16,Float32,Float64}

literal(x) = Lowered(:($constant($(pynew()), $x)), false)

is_macro(ex, name::String) = ex isa Expr && ex.head === :macrocall &&
    (ex.args[1] === Symbol(name) || ex.args[1] isa GlobalRef && ex.args[1].name === Symbol(name))

# (Statements and `@py`'s own macros, whose parts are lowered by `lower` in turn.)
function lower_statement end
function lower_macro end

# Lowering: by the kind of expression.
function lower(st::Lowering, ex)
    ex isa Literal && return literal(ex)
    ex === :__file__ && return literal(string(something(st.source.file, :none)))
    ex === :__line__ && return literal(st.source.line)
    ex isa Symbol && return lower_name(st, ex)
    ex isa Expr || syntax_error(st, ex)
    head = ex.head
    head === :call && return lower_call(st, ex)
    head === :comparison && return lower_comparison(st, ex.args)
    head === :tuple && return lower_display(st, tuple_of, ex.args)
    head === :vect && return lower_display(st, list_of, ex.args)
    head === :braces && return lower_braces(st, ex)
    head === :string && return lower_string(st, ex)
    head === :. && return apply(pygetattr, lower(st, ex.args[1]), attribute_name(st, ex))
    head === :ref && return apply(pygetitem, lower(st, ex.args[1]), lower_key(st, ex))
    head === :macrocall && return lower_macro(st, ex)
    head === :$ && syntax_error(st, ex, "a Julia value is `@jl expr` (`\$` only interpolates into strings)")
    return lower_statement(st, ex)
end

function lower_name(st::Lowering, name::Symbol)
    name in BUILTINS && return apply(pygetattr, Lowered(pybuiltins, false), literal(String(name)))
    return Lowered(name, false)
end

function attribute_name(st::Lowering, ex::Expr)
    k = length(ex.args) == 2 ? ex.args[2] : nothing
    k isa QuoteNode && k.value isa Symbol || syntax_error(st, ex, "an attribute is `x.name`")
    return literal(String(k.value))
end

# The key of `x[k]`, `x[k1, k2]`: slices `a:b`, `a:b:c` (start:stop:step, `_` for none) and `:` as well.
function lower_key(st::Lowering, ex::Expr)
    keys = ex.args[2:end]
    length(keys) == 1 && return lower_index(st, keys[1])
    return apply(tuple_of, (lower_index(st, k) for k in keys)...)
end

function lower_index(st::Lowering, ex)
    ex === :(:) && return apply(pyslice, literal(nothing), literal(nothing))
    if ex isa Expr && ex.head === :call && ex.args[1] === :(:) && length(ex.args) in (3, 4)
        return apply(pyslice, (lower(st, a === :_ ? nothing : a) for a in ex.args[2:end])...)
    end
    ex isa Expr && ex.head === :tuple && return apply(tuple_of, (lower_index(st, a) for a in ex.args)...)
    return lower(st, ex)
end

function lower_call(st::Lowering, ex::Expr)
    f, args = ex.args[1], ex.args[2:end]
    plain = !any(a -> a isa Expr && a.head in (:parameters, :kw, :...), args)
    if f isa Symbol && plain
        operation = get(OPERATIONS, (f, length(args)), nothing)
        if operation !== nothing
            op, returns_py = operation
            return apply(op, (lower(st, a) for a in args)...; owned=returns_py)
        end
        # `a + b + c` is `+(a, b, c)` to Julia: Python's `(a + b) + c`.
        f in (:+, :*) && length(args) > 2 && return lower(st, foldl((x, y) -> Expr(:call, f, x, y), args))
    end
    # (An operator with another number of arguments, or one Python does not have.)
    f isa Symbol && (f in OPERATORS || !Base.isidentifier(f)) &&
        syntax_error(st, ex, "no Python operator or builtin")
    positional, keywords = Any[], Any[]
    for a in args
        if a isa Expr && a.head === :parameters
            append!(keywords, a.args)
        elseif a isa Expr && a.head === :kw
            push!(keywords, a)
        else
            push!(positional, splat_or_arg(st, a))
        end
    end
    keyword_args = map(k -> keyword_arg(st, k), keywords)
    call = f === :print ? call_discarding : pycall
    ex = Expr(:call, consume, Expr(:parameters, keyword_args...), call, arg(lower(st, f)), positional...)
    return Lowered(ex, f !== :print)
end

# A positional argument of a call or an item of a display: `x`, or `xs...` (Python's `*xs`).
function splat_or_arg(st::Lowering, a)
    a isa Expr && a.head === :... && return Expr(:..., :($splat_items($(arg(lower(st, a.args[1]))))))
    return arg(lower(st, a))
end

function keyword_arg(st::Lowering, k)
    k isa Expr && k.head === :... && return Expr(:..., :($keyword_pairs($(arg(lower(st, k.args[1]))))))
    k isa Expr && k.head in (:kw, :(=)) && k.args[1] isa Symbol ||
        syntax_error(st, k, "a keyword argument is `name=value` or `mapping...`")
    return Expr(:kw, k.args[1], arg(lower(st, k.args[2])))
end

# `a < b < c` is Python's `a < b and b < c`, with `b` evaluated once.
function lower_comparison(st::Lowering, args::Vector{Any})
    left = lower(st, args[1])
    for i in 2:2:length(args)
        args[i] isa Symbol && haskey(OPERATIONS, (args[i], 2)) && !(args[i] in BUILTINS) ||
            syntax_error(st, Expr(:comparison, args...), "no Python comparison: $(args[i])")
    end
    return compare_chain(st, left, args[2:end])
end

function compare_chain(st::Lowering, left::Lowered, rest::Vector{Any})
    op, returns_py = OPERATIONS[(rest[1], 2)]
    right = lower(st, rest[2])
    length(rest) == 2 && return apply(op, left, right; owned=returns_py)
    r, t = gensym(:comparison), gensym(:operand)
    then = compare_chain(st, Lowered(t, right.owned), rest[3:end])
    orelse = Lowered(r, returns_py)
    owns = then.owned || orelse.owned
    # (`nothing` where there is nothing to release.)
    ex = Expr(:block, :($t = $(right.ex)), :($r = $consume($op, $(arg(left)), $t)),
              Expr(:if, :($condition($r)),
                   Expr(:block, returns_py ? :($pydel!($r)) : nothing, owns ? owned(then) : then.ex),
                   Expr(:block, right.owned ? :($pydel!($t)) : nothing, owns ? owned(orelse) : orelse.ex)))
    return Lowered(ex, owns)
end

# `(a, b)`, `[a, b]`, `{a, b}` (items may be splatted: `[a, bs...]`).
function lower_display(st::Lowering, make, items)
    return Lowered(Expr(:call, consume, make, map(a -> splat_or_arg(st, a), items)...), true)
end

# `{}` and `{k: v, name=v}` are dicts, `{a, b}` a set.
function lower_braces(st::Lowering, ex::Expr)
    entries = Any[]
    for a in ex.args
        a isa Expr && a.head === :parameters ? append!(entries, a.args) : push!(entries, a)
    end
    is_entry(a) = a isa Expr && (a.head in (:(=), :kw) || a.head === :call && a.args[1] === :(:) &&
                                 length(a.args) == 3)
    has_parameters = any(a -> a isa Expr && a.head === :parameters, ex.args)
    isempty(entries) || any(is_entry, entries) || has_parameters ||
        return lower_display(st, set_of, ex.args)
    parts = Lowered[]
    for a in entries
        is_entry(a) || syntax_error(st, a, "a dict's entry is `key: value` or `name = value`")
        if a.head === :call
            push!(parts, lower(st, a.args[2]), lower(st, a.args[3]))
        else
            a.args[1] isa Symbol ||
                syntax_error(st, a, "`name = value` needs a name: did you mean `key: value`?")
            push!(parts, literal(String(a.args[1])), lower(st, a.args[2]))
        end
    end
    return apply(dict_of, parts...)
end

# `"a$(x)b"`: the interpolated parts are `@py` code too.
lower_string(st::Lowering, ex::Expr) =
    apply(interpolate, (a isa String ? Lowered(a, false) : lower(st, a) for a in ex.args)...)
