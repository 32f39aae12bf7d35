"""
    julia --startup-file=no tests/julia/layers.jl [SRC_DIR]

Checks that the include order of the worker (SRC_DIR, default julia/src) is true: each file included by
MetapolyWorker.jl only uses what the files included above it define. Reads the include list from the hub
file every time, so it follows any restructuring. Syntactic (no loading), standard library only; written
for the syntax trees of both Julia 1.5 and the JuliaSyntax parser of 1.10+.

A name is owned by the FIRST file that defines it at top level (function, short-form `f(x) = ...`,
`const`, global, `struct`, `abstract type`, `macro`, `import`/`using` of a module): later methods do not
move ownership, and `Base.show(...)` defines nothing of ours. A use is any symbol a file reads, except
field and qualified names (`a.b`, `Base.x`), keyword names (`f(x; k=1)`), struct field names, assignment
targets and locals (parameters, and anything assigned inside the same function, loop, `let`, comprehension
or `catch`). Prints `file.jl uses NAME, defined later in other.jl` per violation and exits 1 if any.
"""

const SRC = abspath(get(ARGS, 1, joinpath(@__DIR__, "..", "..", "julia", "src")))
const HUB = "MetapolyWorker.jl"

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

# `include("x.jl")` calls of the hub, in order (inside `module ... end`).
includes(ex, out=String[]) = ex isa Expr ?
    (ex.head == :call && ex.args[1] == :include && length(ex.args) == 2 && ex.args[2] isa String ?
     push!(out, ex.args[2]) : foreach(a -> includes(a, out), ex.args); out) : out

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
        if h in (:import, :using, :export, :public)
            # names, not reads
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
            tvars = head isa Expr && head.head == :curly ? params!(Symbol[], Expr(:tuple, head.args[2:end]...)) : []
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

files = includes(Expr(:block, toplevel(joinpath(SRC, HUB))...))
isempty(files) && error("no include(...) found in $(joinpath(SRC, HUB))")
missing_files = filter(f -> !isfile(joinpath(SRC, f)), files)
isempty(missing_files) || error("$HUB includes files that do not exist: $(join(missing_files, ", "))")
exprs = [toplevel(joinpath(SRC, f)) for f in files]
owner = Dict{Symbol,Int}()
for (i, file_exprs) in enumerate(exprs), ex in file_exprs, name in defs!(Symbol[], ex)
    name === :_ || get!(owner, name, i)
end

violations, nuses = String[], 0
for (i, file_exprs) in enumerate(exprs)
    used = unique!(foldl((out, ex) -> uses!(out, ex, Symbol[]), file_exprs; init=Symbol[]))
    global nuses += length(used)
    for name in used
        j = get(owner, name, 0)
        j > i && push!(violations, "$(files[i]) uses $name, defined later in $(files[j])")
    end
end

foreach(println, violations)
isempty(violations) || exit(1)
println("OK: $(length(files)) files, $(length(owner)) top-level names, $nuses (file, name) uses checked: ",
        "each file only uses what the files above it define")
