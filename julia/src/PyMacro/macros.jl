# The macros `@py` reads itself, inside its code: `@jl` (Julia code), `@del`, `@compile`, `@exec`, `@eval`,
# a nested `@py`; and the literals Julia's parser gives as macro calls (big integers).

const BIG_LITERALS = Dict(Symbol("@int128_str") => Int128, Symbol("@uint128_str") => UInt128,
                          Symbol("@big_str") => BigInt)

function lower_macro(st::Lowering, ex::Expr)
    name = ex.args[1] isa GlobalRef ? ex.args[1].name : ex.args[1]
    args = ex.args[3:end]
    if haskey(BIG_LITERALS, name) && length(args) == 1 && args[1] isa String
        x = tryparse(BIG_LITERALS[name], args[1])
        x === nothing && syntax_error(st, ex, "no integer literal")
        return literal(x)
    end
    if name === Symbol("@py") && !isempty(args)
        code = import_with_as(args[1], args[2:end])
        code === nothing || return lower(st, code)
    end
    name === Symbol("@jl") && length(args) == 1 && return Lowered(julia_code(st, args[1]), false)
    name === Symbol("@del") && return lower_del(st, ex, args)
    name === Symbol("@compile") && return lower_compile(st, ex, args)
    if name in (Symbol("@exec"), Symbol("@eval")) && !isempty(args) && args[1] isa String
        mode = name === Symbol("@exec") ? "exec" : "eval"
        compiled = Expr(:macrocall, Symbol("@compile"), st.source, args[1], Expr(:(=), :mode, mode))
        value = lower(st, Expr(:call, Symbol(mode), compiled, map(as_keyword, args[2:end])...))
        return mode == "eval" ? value : Lowered(Expr(:block, discard(value), nothing), false)
    end
    syntax_error(st, ex, "Julia's macros are called in `@jl` (`@jl @show x`)")
end

# `k = v` among a macro's arguments is the keyword argument `k=v` of the call it makes.
as_keyword(a) = a isa Expr && a.head === :(=) ? Expr(:kw, a.args...) : a

"""
    julia_code(st, ex)

The Julia expression `ex` of `@jl ex`, in which each `@py` is lowered here, where it is.
"""
function julia_code(st::Lowering, ex)
    ex isa Expr || return ex
    ex.head === :quote && return ex
    code = is_macro(ex, "@py") && length(ex.args) >= 3 ? import_with_as(ex.args[3], ex.args[4:end]) : nothing
    code === nothing || return lower(Lowering(something(ex.args[2], st.source)), code).ex
    return Expr(ex.head, map(a -> julia_code(st, a), ex.args)...)
end

# `@del x.name, x[key]`: Python's `del`.
function lower_del(st::Lowering, ex::Expr, args)
    targets = length(args) == 1 && args[1] isa Expr && args[1].head === :tuple ? args[1].args : args
    isempty(targets) && syntax_error(st, ex, "`@del x.name` or `@del x[key]`")
    statements = map(targets) do target
        target isa Expr && target.head in (:., :ref) ||
            syntax_error(st, target, "@del deletes an attribute `x.name` or an item `x[key]`")
        object = lower(st, target.args[1])
        target.head === :. && return apply(pydelattr, object, attribute_name(st, target); owned=false).ex
        return apply(pydelitem, object, lower_key(st, target); owned=false).ex
    end
    return Lowered(Expr(:block, statements..., nothing), false)
end

# `@compile "code" mode="exec" flags=...`: Python's `compile`, run once; its filename is `file:line`.
function lower_compile(st::Lowering, ex::Expr, args)
    is_mode(a) = a isa Expr && a.head === :(=) && a.args[1] === :mode && a.args[2] isa String
    length(args) >= 2 && args[1] isa String && is_mode(args[2]) ||
        syntax_error(st, ex, "`@compile \"code\" mode=\"exec\"` (or \"eval\", \"single\")")
    options = map(args[3:end]) do a
        a isa Expr && a.head === :(=) || syntax_error(st, a, "@compile's options are `name=value`")
        return as_keyword(a)
    end
    filename = "$(something(st.source.file, :none)):$(st.source.line)"
    call = Expr(:call, :compile, args[1], Expr(:kw, :filename, filename), as_keyword(args[2]), options...)
    cell = pynew()
    once = :($pyisnull($cell) ? $consume($pycopy!, $cell, $(arg(lower(st, call)))) : $cell)
    return Lowered(once, false)
end
