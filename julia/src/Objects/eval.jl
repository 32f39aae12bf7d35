# Running Python code and importing modules, with PythonCall's names and scoping. A Julia module's Python
# globals are a dict of its own, kept for the session; `Main`'s are the notebook's Python namespace
# (`__main__`), so that what a Python cell defines a Julia cell reads, and the other way round.

"""
    pyconvert(T, x, [d])

`x` converted to a Julia `T` by PythonCall's rules; `d` if it cannot be (else an error).
"""
function pyconvert end

pyconvert(::Type{Py}, x) = Py(x)

const MODULE_GLOBALS = Dict{Module,Py}()

"""
    pyglobals(m::Module) -> Py

The Python globals of the Julia module `m` (a dict): `__main__`'s for `Main`.
"""
pyglobals(m::Module) = get!(MODULE_GLOBALS, m) do
    m === Main ? pyimport("__main__").__dict__ : pydict()
end

function eval_scope(globals, locals)
    globals_ = globals isa Module ? pyglobals(globals) : ispy(globals) ? Py(globals) :
        throw(ArgumentError("globals must be a Julia module or a Python dict"))
    locals_ = locals === nothing ? globals_ : ispy(locals) ? Py(locals) : pydict(locals)
    return globals_, locals_
end

function check_code(code)
    code isa AbstractString || ispy(code) || throw(ArgumentError("code must be a string or Python code"))
    return code
end

"""
    pyeval([T=Py], code, globals, locals=nothing)

The value of the Python expression `code` (a string, or compiled code), as a `T`. `globals` is a Julia
module (its own persistent Python dict; `Main`'s is the notebook's `__main__`) or a Python dict; by default
the code runs at global scope, `locals` may be a `NamedTuple` (or `()`) of variables for a local scope.

```julia
pyeval(Float64, "x + y", Main, (x=1.1, y=2.2))   # 3.3
```
"""
pyeval(::Type{T}, code, globals, locals=nothing) where {T} =
    pyconvert(T, pybuiltins.eval(check_code(code), eval_scope(globals, locals)...))
pyeval(code, globals, locals=nothing) = pyeval(Py, code, globals, locals)

"""
    pyeval([T=Py], code)

`pyeval` in `Main`'s globals: the notebook's Python namespace (metapoly's shorthand).
"""
pyeval(code::AbstractString) = pyeval(Py, code, Main)
pyeval(::Type{T}, code::AbstractString) where {T} = pyeval(T, code, Main)

"""
    pyexec([T=Nothing], code, globals, locals=nothing)

Run the Python statements `code` (see `pyeval` for the scopes). With `T` a `NamedTuple` type, the
variables of those names are taken from the locals afterwards and returned, converted.

```julia
pyexec(@NamedTuple{ans::Float64}, "ans = x + y", Main, (x=1.1, y=2.2))   # (ans = 3.3,)
pyexec("global x; x = 12", Main)
```
"""
function pyexec(::Type{T}, code, globals, locals=nothing) where {T}
    globals_, locals_ = eval_scope(globals, locals)
    pybuiltins.exec(check_code(code), globals_, locals_)
    T === Nothing && return nothing
    T <: NamedTuple || throw(ArgumentError("pyexec returns nothing or a NamedTuple, not a $T"))
    names, types = fieldnames(T), fieldtypes(T)
    return T(Tuple(pyconvert(t, pygetitem(locals_, string(n))) for (n, t) in zip(names, types)))
end
pyexec(code, globals, locals=nothing) = pyexec(Nothing, code, globals, locals)

"""
    pyimport(m), pyimport(m => k), pyimport(m => (k1, k2, ...)), pyimport(m1, m2, ...)

Import module `m` (a `Py`); an attribute `k` of it, or a tuple of them; several modules as a tuple.
"""
pyimport(m) = pyref(import_ref, m)
pyimport((m, k)::Pair) = pygetattr(pyimport(m), k)
pyimport((m, ks)::Pair{<:Any,<:Tuple}) = (mod = pyimport(m); map(k -> pygetattr(mod, k), ks))
pyimport(m1, m2, ms...) = map(pyimport, (m1, m2, ms...))

# The macros' arguments: `[inputs =>] code [=> outputs]`, `code` a literal string or command.
const CMD_MACRO = :(`code`).args[1]
macro_code(arg) = arg isa String ? arg :
    arg isa Expr && arg.head === :macrocall && arg.args[1] == CMD_MACRO ? arg.args[3] : nothing

function macro_parts(arg)
    is_pair(x) = x isa Expr && x.head === :call && x.args[1] === :(=>) && length(x.args) == 3
    if is_pair(arg) && is_pair(arg.args[3])
        inputs, code, outputs = arg.args[2], arg.args[3].args[2], arg.args[3].args[3]
    elseif is_pair(arg) && macro_code(arg.args[2]) !== nothing
        inputs, code, outputs = nothing, arg.args[2], arg.args[3]
    elseif is_pair(arg)
        inputs, code, outputs = arg.args[2], arg.args[3], nothing
    else
        inputs, code, outputs = nothing, arg, nothing
    end
    code = macro_code(code)
    code === nothing && error("the code must be a literal string or command")
    return inputs, code, outputs
end

# The inputs `(x, y=expr)` as a NamedTuple expression of the local scope (an empty one if none).
function macro_locals(inputs)
    inputs === nothing && return :(())
    items = inputs isa Expr && inputs.head === :tuple ? inputs.args : [inputs]
    pairs = map(items) do item
        item isa Symbol && return :($item = $item)
        is_input = item isa Expr && item.head in (:(=), :kw) && item.args[1] isa Symbol
        is_input && return :($(item.args[1]) = $(item.args[2]))
        error("invalid input: $item")
    end
    return :(($(pairs...),))
end

"""
    @pyeval [inputs =>] code [=> T]

Evaluate the literal Python expression `code` in a new local scope holding `inputs` (`(x, y=expr)`), in
the current module's Python globals; the answer as a `T` (default `Py`).

```julia
@pyeval (x=1.1, y=2.2) => `x + y` => Float64   # 3.3
```
"""
macro pyeval(arg)
    inputs, code, outputs = macro_parts(arg)
    T = outputs === nothing ? Py : outputs
    return esc(:($pyeval($T, $code, $__module__, $(macro_locals(inputs)))))
end

"""
    @pyexec [inputs =>] code [=> outputs]

Run the literal Python statements `code` in a new local scope holding `inputs`; `outputs` (`x`,
`x::T`, `x::T=v`, or a tuple of them) are taken from that scope, converted, and assigned.

```julia
@pyexec (x=1.1, y=2.2) => `ans = x + y` => ans::Float64
```
"""
macro pyexec(arg)
    inputs, code, outputs = macro_parts(arg)
    call(T) = :($pyexec($T, $code, $__module__, $(macro_locals(inputs))))
    outputs === nothing && return esc(call(Nothing))
    single = !(outputs isa Expr && outputs.head === :tuple)
    jlvars, pyvars, types = Symbol[], Symbol[], Any[]
    for output in (single ? [outputs] : outputs.args)
        pyvar = nothing
        if output isa Expr && output.head in (:(=), :kw)
            output, pyvar = output.args
        end
        output, T = output isa Expr && output.head === :(::) ? (output.args[1], output.args[2]) : (output, Py)
        output isa Symbol || error("invalid output: $output")
        push!(jlvars, output)
        push!(pyvars, pyvar === nothing ? output : pyvar)
        push!(types, T)
    end
    values = call(:($NamedTuple{($(map(QuoteNode, pyvars)...),),Tuple{$(types...)}}))
    single && return esc(:($(jlvars[1]) = $values[1]))
    # (The value of the assignment is the named tuple of the outputs, under their Julia names.)
    named = :($NamedTuple{($(map(QuoteNode, jlvars)...),)}(Tuple($values)))
    return esc(:(($(jlvars...),) = $named))
end

"""
    @pyconst expr

The Python object `expr` gives, made the first time this line runs and the same object every time after:
for constants in functions (`@pyconst pystr("name")`).
"""
macro pyconst(expr)
    x = pynew()
    return :(pyisnull($x) ? pycopy!($x, $(esc(expr))) : $x)
end
