# `@py`'s statements and control flow (blocks, `if`, `&&`, `||`, `while`, `for`, assignments, `import`)
# and its own macros (`@jl`, `@del`, `@compile`, `@exec`, `@eval`). Statements are `nothing`, as in
# PythonCall; a block is the value of its last expression.

function lower_statement(st::Lowering, ex::Expr)
    head = ex.head
    head === :block && return lower_block(st, ex.args)
    head in (:if, :elseif) && return lower_if(st, ex)
    head in (:&&, :||) && return lower_shortcircuit(st, head, ex.args)
    head === :while && return lower_while(st, ex)
    head === :for && return lower_for(st, ex)
    head in (:break, :continue) && return Lowered(ex, false)
    head === :(=) && return assign(st, ex.args[1], lower(st, ex.args[2]))
    haskey(INPLACE, head) && return lower_inplace(st, ex)
    head === :import && return lower_import(st, ex)
    syntax_error(st, ex)
end

function lower_block(st::Lowering, args::Vector{Any})
    statements, last = Any[], nothing
    for a in args
        last === nothing || push!(statements, discard(last))
        last = nothing
        if a isa LineNumberNode
            st.source = a
            push!(statements, a)
        else
            last = lower(st, a)
        end
    end
    last === nothing && return Lowered(Expr(:block, statements..., nothing), false)
    return Lowered(Expr(:block, statements..., last.ex), last.owned)
end

# `if`, `elseif`, and `c ? a : b`; without `else`, `None`.
function lower_if(st::Lowering, ex::Expr)
    test = lower(st, ex.args[1])
    then = lower(st, ex.args[2])
    orelse = length(ex.args) == 3 ? lower(st, ex.args[3]) : literal(nothing)
    owns = then.owned || orelse.owned
    branch(l) = owns ? owned(l) : l.ex
    return Lowered(Expr(:if, :($consume($condition, $(arg(test)))), branch(then), branch(orelse)), owns)
end

# `x && y` is Python's `x and y`: `x` if it is false, else `y` (`||`: `or`).
function lower_shortcircuit(st::Lowering, head::Symbol, args::Vector{Any})
    length(args) > 2 && return lower_shortcircuit(st, head, Any[args[1], Expr(head, args[2:end]...)])
    x, y = lower(st, args[1]), lower(st, args[2])
    t = gensym(head === :&& ? :and : :or)
    owns = x.owned || y.owned
    first = owns ? owned(Lowered(t, x.owned)) : t
    second = Expr(:block, x.owned ? :($pydel!($t)) : nothing, owns ? owned(y) : y.ex)
    test = :($condition($t))
    choice = head === :&& ? Expr(:if, test, second, first) : Expr(:if, test, first, second)
    return Lowered(Expr(:block, :($t = $(x.ex)), choice), owns)
end

function lower_while(st::Lowering, ex::Expr)
    test = lower(st, ex.args[1])
    body = lower(st, ex.args[2])
    return Lowered(Expr(:block, Expr(:while, :($consume($condition, $(arg(test)))), discard(body)), nothing),
                   false)
end

function lower_for(st::Lowering, ex::Expr)
    spec = ex.args[1]
    spec isa Expr && spec.head === :(=) || syntax_error(st, ex, "one `for x in xs` at a time")
    iterator, item = gensym(:iterator), gensym(:item)
    iterable = lower(st, spec.args[2])
    target = assign(st, spec.args[1], Lowered(item, true))
    body = lower(st, ex.args[2])
    loop = Expr(:while, true, Expr(:block, :($item = $unsafe_pynext($iterator)), :($pyisnull($item) && break),
                                   discard(target), discard(body)))
    return Lowered(Expr(:block, :($iterator = $consume($pyiter, $(arg(iterable)))), loop,
                        :($pydel!($iterator)), nothing), false)
end

"""
    assign(st, target, value::Lowered) -> Lowered

`target = value`: a name (bound to a `Py`), `x.name`, `x[key]`, or a tuple of targets (unpacked). Its
value is `value`'s; Python evaluates `value` before the target's parts.
"""
function assign(st::Lowering, target, value::Lowered)
    target isa Symbol && return Lowered(:($(bindable(st, target)) = $(owned(value))), false)
    target isa Expr && target.head in (:., :ref, :tuple) || syntax_error(st, target, "cannot assign to it")
    t = gensym(:value)
    v = Lowered(t, value.owned)
    if target.head === :.
        set = :($consume($assign_attr, $(arg(lower(st, target.args[1]))), $(arg(attribute_name(st, target))),
                         $t))
        return Lowered(Expr(:block, :($t = $(value.ex)), set), value.owned)
    elseif target.head === :ref
        set = :($consume($assign_item, $(arg(lower(st, target.args[1]))), $(arg(lower_key(st, target))), $t))
        return Lowered(Expr(:block, :($t = $(value.ex)), set), value.owned)
    end
    items = gensym(:items)
    statements = Any[:($t = $(value.ex)), :($items = $unpack($t, $(length(target.args))))]
    for (i, item) in enumerate(target.args)
        item isa Expr && item.head === :... && syntax_error(st, target, "starred targets are not supported")
        push!(statements, discard(assign(st, item, Lowered(:($items[$i]), true))))
    end
    # (What the items are bound to holds them; the vector need not.)
    return Lowered(Expr(:block, statements..., :($items = nothing), t), v.owned)
end

function bindable(st::Lowering, name::Symbol)
    name in BUILTINS && syntax_error(st, name, "Python's builtin `$name` is not a variable to assign")
    return name
end

# `x op= y`: Python's in-place operation, its result assigned to `x` (`x.name`, `x[key]`).
function lower_inplace(st::Lowering, ex::Expr)
    op, (target, y) = INPLACE[ex.head], ex.args
    if target isa Symbol
        update = :($(bindable(st, target)) = $consume($op, $target, $(arg(lower(st, y)))))
        return Lowered(Expr(:block, update, nothing), false)
    end
    target isa Expr && target.head in (:., :ref) || syntax_error(st, ex, "cannot assign to it")
    o, k = gensym(:object), gensym(:key)
    object = lower(st, target.args[1])
    key = target.head === :. ? attribute_name(st, target) : lower_key(st, target)
    get, set = target.head === :. ? (pygetattr, pysetattr) : (pygetitem, pysetitem)
    result = :($consume($op, $Temp($consume($get, $o, $k)), $(arg(lower(st, y)))))
    update = :($consume($set, $(arg(Lowered(o, object.owned))), $(arg(Lowered(k, key.owned))),
                        $Temp($result)))
    return Lowered(Expr(:block, :($o = $(object.ex)), :($k = $(key.ex)), update, nothing), false)
end

# `import a.b`, `import a.b as c`, `import a: x, y as z` (Python's `from a import x, y as z`).
function lower_import(st::Lowering, ex::Expr)
    statements = Any[]
    for item in ex.args
        if item isa Expr && item.head === :(:)
            append!(statements, import_names(st, item))
        elseif item isa Expr && item.head === :as
            path, alias = item.args
            alias isa Symbol || syntax_error(st, item)
            push!(statements, :($(bindable(st, alias)) = $pyimport($(module_name(st, path)))))
        else
            name = module_name(st, item)
            occursin('.', name) && push!(statements, :($pydel!($pyimport($name))))
            top = item.args[1]
            push!(statements, :($(bindable(st, top)) = $pyimport($(String(top)))))
        end
    end
    return Lowered(Expr(:block, statements..., nothing), false)
end

function import_names(st::Lowering, ex::Expr)
    from = module_name(st, ex.args[1])
    m = gensym(:module)
    statements = Any[:($m = $pyimport($from))]
    for name in ex.args[2:end]
        path, alias = name isa Expr && name.head === :as ? name.args : (name, nothing)
        parts = split(module_name(st, path), '.')
        alias isa Union{Symbol,Nothing} || syntax_error(st, name)
        target = bindable(st, alias === nothing ? Symbol(parts[end]) : alias)
        attribute = String(parts[end])
        value = if length(parts) == 1
            :($from_import($m, $attribute, $from))
        else
            parent = join([from; parts[1:end-1]], '.')
            :($consume($from_import, $Temp($pyimport($parent)), $attribute, $parent))
        end
        push!(statements, :($target = $value))
    end
    push!(statements, :($pydel!($m)))
    return statements
end

function module_name(st::Lowering, path)
    absolute = path isa Expr && path.head === :. && !isempty(path.args) &&
        all(a -> a isa Symbol && a !== :., path.args)
    absolute || syntax_error(st, path, "a module is named by its absolute name `a.b.c`")
    return join(path.args, '.')
end
