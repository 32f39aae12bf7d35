# Differences between Julia 1.5 (Debian's, on the machines we test on) and current Julia (1.10-1.12).
# Every version-dependent call the worker makes goes through this file.

import REPL

"""
    set_stdio!(out, err)

Make `out` and `err` Julia's `stdout` and `stderr` (file descriptors 1 and 2 are left as they are).
"""
set_stdio!(out::IO, err::IO) = Core.eval(Base, :(stdout = $out; stderr = $err))

"""
    accept_redirects!(m, T, restore)

Make `redirect_stdout(x::T)` and `redirect_stderr(x::T)` call `restore(fd, x)` (fd 1 or 2): what ends
`redirect_stdout(f, io)` and the user's own `redirect_stdout(old)`. Before Julia 1.7 these are generic
functions; since, instances of `Base.RedirectStdStream`. The methods are defined by module `m` (the
caller's: a module being precompiled may only define methods from within itself).
"""
function accept_redirects!(m::Module, T::Type, restore::Function)
    if isdefined(Base, :RedirectStdStream)
        Core.eval(m, :((f::Base.RedirectStdStream)(x::$T) = $restore(Int(f.unix_fd), x)))
    else
        Core.eval(m, :(Base.redirect_stdout(x::$T) = $restore(1, x)))
        Core.eval(m, :(Base.redirect_stderr(x::$T) = $restore(2, x)))
    end
    return nothing
end

"""
    soft_scope(ex)

Rewrite a top-level expression the way the REPL does, so that loops at the top of a cell can assign to
global variables without `global` (what notebook users expect).
"""
soft_scope(ex) = isdefined(REPL, :softscope) ? REPL.softscope(ex) : ex

"""
    ends_with_semicolon(code) -> Bool

Whether a cell's last statement ends with `;`, which suppresses its displayed value.
"""
ends_with_semicolon(code::AbstractString) = REPL.ends_with_semicolon(code)

"""
    set_global!(m, name, value)

Bind global `name` of module `m` to `value`, cheaply (`Core.eval` of an assignment costs ~100 µs, more
than sharing an array). Julia 1.9+ has `setglobal!`, which needs the global declared first on 1.12.
"""
function set_global!(m::Module, name::Symbol, value)
    if isdefined(Core, :setglobal!)
        isdefined(m, name) || Core.eval(m, Expr(:global, name))
        # (1.12 partitions bindings by world age: the declaration above is visible only in the latest world.)
        Base.invokelatest(Core.setglobal!, m, name, value)
    else
        ccall(:jl_set_global, Cvoid, (Any, Any, Any), m, name, value)
    end
    return value
end

"""
    completion_string(c) -> String

The text a `REPLCompletions` completion inserts. Newer Julia (where `named_completion` exists) has no
`completion_text` for LaTeX and emoji completions (`\\alpha` → `α`); `named_completion` covers every kind.
"""
completion_string(c) = isdefined(REPL.REPLCompletions, :named_completion) ?
    REPL.REPLCompletions.named_completion(c).completion : REPL.REPLCompletions.completion_text(c)

"""
    fix_memory(A::Array) -> keeper or nothing

Keep the memory of `A`, which Python is given a view of, where it is and alive. Up to Julia 1.10 an Array
owns its buffer: marking it shared (as a reshape does) makes any resize (`push!`, `resize!`, `sizehint!`)
the error Julia raises for arrays with shared data, instead of a reallocation under Python's view. From
1.11 an Array is a view of a `Memory` that a resize replaces: that `Memory` is returned, for the caller to
keep alive as long as Python's view, which then shows the array as it was before the resize.
"""
function fix_memory(A::Array)
    isdefined(A, :ref) && return memory_owner(A)
    A isa Vector && reshape(A, length(A), 1)
    return nothing
end

"""
    memory_owner(A::Array)

What holds the memory of `A`: `A` itself up to Julia 1.10. From 1.11 an Array is a header over a
`Memory`, which arrays made from it (`reshape`, `vec`) share and which outlives `A` while they live: a
finalizer that frees the memory must be the `Memory`'s (julia#54985).
"""
memory_owner(A::Array) = isdefined(A, :ref) ? getfield(A, :ref).mem : A

"""
    register_package!(m, uuid)

Make module `m` the loaded package of its name and `uuid`: `using` and `import` of that package (found in
an environment that names it) give `m` without loading anything. Since Julia 1.0 a loaded package is a
module whose UUID is set, in `Base.loaded_modules` (1.11+ also keeps a list per package, which
`register_root_module` fills).
"""
function register_package!(m::Module, uuid::AbstractString)
    id = Base.UUID(uuid)
    halves = (UInt64(id.value >> 64), UInt64(id.value & typemax(UInt64)))
    ccall(:jl_set_module_uuid, Cvoid, (Any, NTuple{2,UInt64}), m, halves)
    Base.register_root_module(m)
    return nothing
end

"""
    import_with_as(ex, rest) -> Expr or nothing

The `import` expression that Julia 1.6+ parses from `@py import a as b, c as d` (or `import m: x as y`),
from the arguments Julia 1.5 gives the macro: it has no `as` in imports, so it reads `import a`, `as`,
`(b, c)`, `as`, `d`. `ex` alone when `rest` is empty (1.6+, or no `as`); nothing when they make no import.
"""
function import_with_as(ex, rest)
    isempty(rest) && return ex
    ex isa Expr && ex.head === :import && length(ex.args) >= 1 && iseven(length(rest)) || return nothing
    ex = copy(ex)
    # The names after `:` in `import m: x, y` are its items; without `:` the modules are.
    from = ex.args[end] isa Expr && ex.args[end].head === :(:)
    items = from ? ex.args[end].args : ex.args
    for i in 1:2:length(rest)
        rest[i] === :as || return nothing
        alias, more = rest[i+1], Any[]
        if alias isa Expr && alias.head === :tuple && !isempty(alias.args)
            alias, more = alias.args[1], alias.args[2:end]
        end
        alias isa Symbol && length(items) > (from ? 1 : 0) || return nothing
        items[end] = Expr(:as, items[end], alias)
        for m in more
            path = import_path(m)
            path === nothing && return nothing
            push!(items, path)
        end
    end
    return ex
end

# `a.b.c` as an import's path `Expr(:., :a, :b, :c)`; nothing if it is not a dotted name.
function import_path(x)
    x isa Symbol && return Expr(:., x)
    x isa Expr && x.head === :. && length(x.args) == 2 && x.args[2] isa QuoteNode || return nothing
    parent = import_path(x.args[1])
    parent === nothing && return nothing
    return Expr(:., parent.args..., x.args[2].value)
end

# Two conveniences of Julia 1.7 that code written for newer Julias (PythonCall's own tests among it) uses:
# `sprint(f, x; context=(k => v, ...))` with a tuple of pairs (1.7 splats it into an IOContext), and
# `redirect_stdout(f, devnull)`/`redirect_stderr(f, devnull)`. Methods of Base's own functions, defined for
# the older Julias only, as those versions would have had them.
if VERSION < v"1.7"
    Base.IOContext(io::IO, context::Tuple{Vararg{Pair}}) = IOContext(io, context...)
    Base.redirect_stdout(f::Function, ::Base.DevNull) = open(io -> redirect_stdout(f, io), "/dev/null", "w")
    Base.redirect_stderr(f::Function, ::Base.DevNull) = open(io -> redirect_stderr(f, io), "/dev/null", "w")
end

"""
    without_finalizers(f)

`f()` with no finalizer running on this thread until it returns (those that came due meanwhile run then).
Julia 1.5 has only the C function, which takes the thread's state; later versions have it as
`GC.enable_finalizers(on)`, and their C function takes the task instead.
"""
function without_finalizers(f)
    enable_finalizers(false)
    try
        return f()
    finally
        enable_finalizers(true)
    end
end

@static if isdefined(Base.GC, :enable_finalizers)
    enable_finalizers(on::Bool) = Base.GC.enable_finalizers(on)
else
    function enable_finalizers(on::Bool)
        thread_state = ccall(:jl_get_ptls_states, Ptr{Cvoid}, ())
        ccall(:jl_gc_enable_finalizers, Cvoid, (Ptr{Cvoid}, Int32), thread_state, on)
    end
end

"""
    collection_count() -> Int

How many times Julia's garbage collector has run in this process: Julia's own count (`Base.gc_num()`, an
internal of Base's timing macros, with its `pause` field from 1.0 through 1.12).
"""
collection_count() = Int(Base.gc_num().pause)
