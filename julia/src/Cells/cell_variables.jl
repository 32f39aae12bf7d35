# The variables of a `%%julia x <y >z` cell, passed as juliacall's IPython magic passes them: `<y` is bound
# in Main before the cell (converted as juliacall converts the arguments of a call: a dense numpy array
# becomes a Julia array over its memory), `>z` is bound in Python's `__main__` after it (as `pyjl(z)`: a
# juliacall wrapper, an array numpy reads in place), `x` both ways, going back only if the cell rebound it.

"""
    PythonVariableError(name)

`%%julia <name` named a variable Python does not have; the cell did not run.
"""
struct PythonVariableError <: Exception
    name::String
end

Base.showerror(io::IO, e::PythonVariableError) =
    print(io, "Python has no variable `$(e.name)` to bring into Julia (`%%julia <$(e.name)`); ",
          "the cell did not run")

"""
    bring_in(inputs, syncs) -> Dict{String,Any}

Bind the Python variables `inputs` (each must exist) and `syncs` (those that exist) in `Main`. Returns the
Julia value each of `syncs` was given, to tell after the cell whether it was rebound.
"""
function bring_in(inputs::Vector, syncs::Vector)
    given = Dict{String,Any}()
    with_py() do
        user = pyimport("__main__").__dict__
        for name in Iterators.flatten((inputs, syncs))
            value = pygetitem(user, name, nothing)
            value === nothing && name in inputs && throw(PythonVariableError(name))
            value === nothing && continue
            julia = julia_value(getptr(value))
            Core.eval(Main, :($(Symbol(name)) = $(QuoteNode(julia))))
            given[name] = julia
        end
    end
    return given
end

"""
    send_out(outputs, syncs, given)

Bind the Julia variables `outputs`, and those of `syncs` the cell rebound (or defined), in Python's
`__main__`. A name Julia does not have is reported on stderr and left alone in Python.
"""
function send_out(outputs::Vector, syncs::Vector, given::Dict{String,Any})
    with_py() do
        user = pyimport("__main__").__dict__
        for name in Iterators.flatten((outputs, syncs))
            if !isdefined(Main, Symbol(name))
                name in outputs && println(stderr, "Julia has no variable `$name` after the cell ",
                                           "(`%%julia >$name`); Python's `$name` is unchanged")
                continue
            end
            value = getfield(Main, Symbol(name))
            name in syncs && haskey(given, name) && given[name] === value && continue
            pysetitem(user, name, ispy(value) ? Py(value) : pyjl(value))
        end
    end
end
