"""
    julia --startup-file=no tests/julia/layers.jl [SRC_DIR]

Checks that the worker's layers (SRC_DIR, default julia/src) are what MetapolyWorker.jl says they are. The
hub includes one submodule per folder (`include("C/C.jl")`, whose file is `module C ... end` including the
folder's files), then its own files. Each module:

- uses only modules included before it (`using ..X`, `import ..X: f`): layers depend downward;
- reads another of our modules only through what that module exports: a plain name must be defined in
  the module itself or exported by a module it uses, and a qualified one (`X.name`, `X.f(...) = ...`)
  must be exported by `X`;
- defines each name before the files that use it (include order is true within the module);
- names no libpython symbol (`Py_IncRef`, `PyObject_GetAttr`, `_Py_NoneStruct`...) unless it is `C`, the
  one door to libpython.

Syntactic (no loading), standard library only; written for the syntax trees of both Julia 1.5 and the
JuliaSyntax parser of 1.10+. A name is owned by the FIRST file of its module that defines it at top level
(function, short-form `f(x) = ...`, `const`, global, `struct`, `abstract type`, `macro`); later methods do
not move ownership, and `Base.show(...)` defines nothing of ours. A use is any symbol a file reads, except
field and qualified names (`a.b`, `Base.x`), keyword names (`f(x; k=1)`), struct field names, assignment
targets and locals (parameters, and anything assigned inside the same function, loop, `let`, comprehension
or `catch`). Prints one line per violation and exits 1 if any.
"""

const SRC = abspath(get(ARGS, 1, joinpath(@__DIR__, "..", "..", "julia", "src")))
const HUB = "MetapolyWorker.jl"
const C_LAYER = :C
# libpython's names: Py_*, _Py*, and PyXxx_* (PyObject_GetAttr, PyExc_KeyboardInterrupt, PyBUF_RECORDS_RO).
const LIBPYTHON_SYMBOL = r"\b_?Py[A-Za-z]*_[A-Za-z]\w*"

# A file's top-level expressions. Julia 1.5 has no Meta.parseall, so parse them one by one.
function toplevel(path)
    text, exprs, pos = read(path, String), Any[], 1
    while pos <= ncodeunits(text)
        ex, next = Meta.parse(text, pos; greedy=true, raise=false)
        next > pos || break
        pos = next
        ex isa Expr && ex.head in (:error, :incomplete) && error("$path does not parse: $(ex.args[1])")
        ex === nothing || push!(exprs, ex)   # nothing: only comments or blank lines were left
    end
    return exprs
end

# `include("x.jl")` calls in `ex`, in order.
includes(ex, out=String[]) = ex isa Expr ?
    (ex.head == :call && ex.args[1] == :include && length(ex.args) == 2 && ex.args[2] isa String ?
     push!(out, ex.args[2]) : foreach(a -> includes(a, out), ex.args); out) : out

# The `module M ... end` expression in `ex` (looking through a docstring's `@doc`), or nothing.
function module_expr(ex)
    ex isa Expr || return nothing
    ex.head == :module && return ex
    ex.head in (:macrocall, :block, :toplevel) || return nothing
    for a in ex.args
        m = module_expr(a)
        m === nothing || return m
    end
    return nothing
end

# The name a signature or type head defines: `f` of `f(x)::T where T`, `S` of `S{T} <: A`; nothing for a
# qualified `Base.show(...)` or a functor `(::T)(x)`.
function signame(x)
    while x isa Expr && x.head in (:where, :(::), :call, :curly, :<:)
        x.head == :(::) && length(x.args) == 1 && return nothing
        x = x.args[1]
    end
    return x isa Symbol ? x : nothing
end
isfunsig(x) = x isa Expr && (x.head in (:call, :where) || x.head == :(::) && isfunsig(x.args[1]))

# Names bound by a parameter list or an assignment target: `x`, `x::T`, `(a, b)`, `x=1`, `xs...`, `T<:S`
# of a `where`. `a.b` and `a[i]` bind nothing.
function params!(out, x)
    if x isa Symbol
        push!(out, x)
    elseif x isa Expr
        h, a = x.head, x.args
        h == :call && foreach(p -> params!(out, p), a[2:end])   # a[1] is the function, not a parameter
        h in (:tuple, :parameters, :..., :block, :where) && foreach(p -> params!(out, p), a)
        h in (:kw, :(=), :<:) && params!(out, a[1])
        h == :(::) && length(a) == 2 && params!(out, a[1])
    end
    return out
end

# Names local to a scope (over-approximated, which can only hide a use, never invent one): whatever is
# assigned, declared `local`, looped over, caught, or defined as a local function anywhere inside `ex`.
function locals!(out, ex)
    ex isa Expr || return out
    h, a = ex.head, ex.args
    h == :global && return out
    h == :(=) && (isfunsig(a[1]) ? push!(out, something(signame(a[1]), :_)) : params!(out, a[1]))
    h == :local && foreach(p -> params!(out, p), a)
    h == :function && push!(out, something(signame(a[1]), :_))
    h == :try && a[2] isa Symbol && push!(out, a[2])
    h == :let && a[1] isa Symbol && push!(out, a[1])
    foreach(x -> locals!(out, x), a)
    return out
end

# What a file defines at top level. `@doc` and other macros wrapping a definition are looked through.
function defs!(out, ex)
    ex isa Expr || return out
    h, a = ex.head, ex.args
    if h in (:block, :toplevel, :const, :global, :if, :elseif, :macrocall)
        foreach(x -> defs!(out, x), a)
    elseif h == :(=)   # `a = b = 1` defines both; other right-hand sides define nothing
        isfunsig(a[1]) ? push!(out, something(signame(a[1]), :_)) : params!(out, a[1])
        a[2] isa Expr && a[2].head == :(=) && defs!(out, a[2])
    elseif h in (:function, :abstract, :primitive, :struct)
        push!(out, something(signame(a[h == :struct ? 2 : 1]), :_))
    elseif h == :macro
        push!(out, Symbol("@", signame(a[1])))
    elseif h in (:import, :using)   # the binding of module M in `import M` / `using M` (`M: x` not tracked)
        foreach(p -> p isa Expr && p.head == :. && push!(out, p.args[end]), a)
    end
    return out
end

# Symbols `ex` reads that are not in `locals`.
function uses!(out, ex, locals)
    if ex isa Symbol
        ex in locals || push!(out, ex)
    elseif ex isa Expr
        h, a = ex.head, ex.args
        if h in (:import, :using, :export, :public, :module)
            # names, not reads (a nested module is a unit of its own)
        elseif h == :. && length(a) == 2 && a[2] isa QuoteNode
            uses!(out, a[1], locals)    # field or qualified name: only the object/module is read
        elseif h == :kw
            uses!(out, a[2], locals)    # keyword name (or parameter name) is not a read; its value is
        elseif h in (:function, :macro, :->) || h == :(=) && isfunsig(a[1])
            # a new scope: parameters, `where` variables, the function itself, and its locals
            inner = union(locals, params!(Symbol[], a[1]), locals!(Symbol[], get(a, 2, nothing)))
            signame(a[1]) === nothing || push!(inner, signame(a[1]))
            foreach(x -> uses!(out, x, inner), a)
        elseif h == :(=)
            uses!(out, a[1], union(locals, params!(Symbol[], a[1])))   # the target is written, not read
            uses!(out, a[2], locals)
        elseif h in (:let, :for, :while, :try, :generator, :comprehension)
            inner = union(locals, locals!(Symbol[], ex))
            foreach(x -> uses!(out, x, inner), a)
        elseif h == :struct   # type parameters `S{T, U<:X}` are local to the struct
            head = a[2] isa Expr && a[2].head == :<: ? a[2].args[1] : a[2]
            tvars = head isa Expr && head.head == :curly ?
                params!(Symbol[], Expr(:tuple, head.args[2:end]...)) : []
            inner = union(locals, tvars)
            uses!(out, a[2], inner)
            for f in a[3].args   # fields `x`, `x::T`, `x::T = default` (@kwdef): only T and default are read
                if f isa Expr && f.head == :(=) && !isfunsig(f.args[1])
                    uses!(out, f.args[2], inner)
                    f = f.args[1]
                end
                f isa Expr && f.head == :(::) && length(f.args) == 2 ? uses!(out, f.args[2], inner) :
                    f isa Symbol || uses!(out, f, inner)
            end
        else
            foreach(x -> uses!(out, x, locals), a)   # calls, macro calls (`@foo` reads `@foo`), quotes, ...
        end
    end
    return out
end

# Qualified names `X.name` in `ex` whose `X` is one of `modules`: `(X, name)` pairs.
function qualified!(out, ex, modules)
    ex isa Expr || return out
    if ex.head == :. && length(ex.args) == 2 && ex.args[1] in modules && ex.args[2] isa QuoteNode
        push!(out, (ex.args[1], ex.args[2].value))
    end
    foreach(a -> qualified!(out, a, modules), ex.args)
    return out
end

# One of the worker's modules: its name, its files (the module's own file first: its body) and what it says.
struct Layer
    name::Symbol
    files::Vector{String}                 # relative to SRC
    exprs::Vector{Vector{Any}}            # top-level expressions of each file
    uses::Vector{Symbol}                  # our modules it uses or imports from (`..X`, `.X`)
    imported::Vector{Symbol}              # names it imports one by one (`using ..X: a`)
    exports::Set{Symbol}
end

# `using ..X`, `using .X`, `import ..X: a, b`: (module, names) of each of our modules in a using/import.
function relative_imports(ex)
    found = Tuple{Symbol,Vector{Symbol}}[]
    ex isa Expr && ex.head in (:using, :import) || return found
    for p in ex.args
        path, names = p isa Expr && p.head == :(:) ? (p.args[1], Symbol[q.args[end] for q in p.args[2:end]]) :
            (p, Symbol[])
        if path isa Expr && path.head == :. && length(path.args) >= 2 && path.args[1] == :.
            push!(found, (path.args[end], names))
        end
    end
    return found
end

function layer(name::Symbol, own_file::String, body::Vector{Any}, dir::String,
               extra_files::Vector{String}=String[])
    files = [own_file; [joinpath(dir, f) for f in includes(Expr(:block, body...))]; extra_files]
    unique!(files)
    missing_files = filter(f -> !isfile(joinpath(SRC, f)), files)
    isempty(missing_files) || error("$name includes files that do not exist: $(join(missing_files, ", "))")
    exprs = [f == own_file ? body : toplevel(joinpath(SRC, f)) for f in files]
    uses, imported, exports = Symbol[], Symbol[], Set{Symbol}()
    for ex in body
        for (m, names) in relative_imports(ex)
            push!(uses, m)
            append!(imported, names)
        end
        ex isa Expr && ex.head == :export && union!(exports, Symbol.(ex.args))
    end
    return Layer(name, files, exprs, uses, imported, exports)
end

# The hub's layers in include order, then the hub itself (its body and its own files).
function layers()
    hub = toplevel(joinpath(SRC, HUB))
    top = module_expr(Expr(:block, hub...))
    top === nothing && error("$HUB holds no module")
    body = top.args[3].args
    result, own = Layer[], String[]
    for file in includes(Expr(:block, body...))
        isfile(joinpath(SRC, file)) || error("$HUB includes $file, which does not exist")
        m = module_expr(Expr(:block, toplevel(joinpath(SRC, file))...))
        if m === nothing
            push!(own, file)   # a file of the hub module itself
        else
            push!(result, layer(m.args[2], file, m.args[3].args, dirname(file)))
        end
    end
    push!(result, layer(top.args[2], HUB, filter(ex -> !(ex isa Expr && ex.head == :call &&
                                                        ex.args[1] == :include), body), "", own))
    return result
end

function check(all_layers::Vector{Layer})
    violations = String[]
    names = [l.name for l in all_layers]
    owned = Dict(l.name => Dict{Symbol,Int}() for l in all_layers)
    for l in all_layers, (i, exprs) in enumerate(l.exprs), ex in exprs, name in defs!(Symbol[], ex)
        name === :_ || name in names || get!(owned[l.name], name, i)
    end
    nuses = 0
    for (k, l) in enumerate(all_layers)
        for m in l.uses
            j = findfirst(==(m), names)
            j === nothing && push!(violations, "$(l.name) uses $m, which is not one of the worker's modules")
            j !== nothing && j >= k && push!(violations, "$(l.name) uses $m, which is included after it")
        end
        visible = union(Set(l.imported), (all_layers[findfirst(==(m), names)].exports for m in l.uses
                                          if m in names)...)
        for (i, exprs) in enumerate(l.exprs)
            file = l.files[i]
            used = unique!(foldl((out, ex) -> uses!(out, ex, Symbol[]), exprs; init=Symbol[]))
            nuses += length(used)
            for name in used
                j = get(owned[l.name], name, 0)
                if j > i
                    push!(violations, "$file uses $name, defined later in $(l.files[j])")
                elseif j == 0 && !(name in visible)
                    for other in all_layers
                        other.name != l.name && haskey(owned[other.name], name) || continue
                        why = name in other.exports ? "$(l.name) does not use" :
                            "$(other.name) does not export"
                        push!(violations, "$file uses $name of $(other.name), which $why")
                    end
                end
            end
            qualified = foldl((out, ex) -> qualified!(out, ex, names), exprs; init=Tuple{Symbol,Symbol}[])
            for (m, name) in unique!(qualified)
                m == l.name && continue
                name in all_layers[findfirst(==(m), names)].exports ||
                    push!(violations, "$file reads $m.$name, which $m does not export")
            end
            if l.name != C_LAYER
                for (n, line) in enumerate(eachline(joinpath(SRC, file)))
                    hit = match(LIBPYTHON_SYMBOL, line)
                    hit === nothing || push!(violations, "$file:$n names libpython's $(hit.match) outside C/")
                end
            end
        end
    end
    return violations, nuses
end

all_layers = layers()
violations, nuses = check(all_layers)
foreach(println, violations)
isempty(violations) || exit(1)
println("OK: $(length(all_layers)) modules, $(sum(l -> length(l.files), all_layers)) files, ",
        "$nuses (file, name) uses checked: each module uses only the layers below it, through their ",
        "exports, in include order")
