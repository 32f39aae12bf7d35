# The methods of `juliacall.AnyValue`, which every wrapped Julia value has: a value's fields (or a module's
# members) as attributes, calls, Julia's own indexing, iteration, operators with other Julia values, and
# how it shows. Each takes the value and its Python arguments (`Args`) and returns a Julia value, converted
# for Python as results are (`Py(x)`), or a `Py`.

any_repr(x, a) = (text = sprint(show, MIME("text/plain"), x; context=:limit => true);
                  string("Julia:", occursin('\n', text) ? '\n' : ' ', text))
any_str(x, a) = sprint(print, x)

# Julia names that Python cannot write: `f!` is `f_b`, as juliacall spells them.
attr_py2jl(k::String) = endswith(k, "_b") ? k[1:end-2] * "!" : k
attr_jl2py(k::String) = endswith(k, "!") ? k[1:end-1] * "_b" : k

function any_getattr(x, a)
    k = Symbol(attr_py2jl(string_arg(a, 1)))
    return x isa Module ? Base.invokelatest(getfield, x, k) : getproperty(x, k)
end
error_type(::typeof(any_getattr), x, err) = pybuiltins.AttributeError

function any_setattr(x, a)
    k, v = Symbol(attr_py2jl(string_arg(a, 1))), value(a, 2)
    x isa Module ? set_global!(x, k, v) : setproperty!(x, k, v)
    return nothing
end
error_type(::typeof(any_setattr), x, err) = pybuiltins.AttributeError

any_dir(x, a) = pylist(attr_jl2py(string(k)) for k in (x isa Module ? names(x; all=true, imported=true) :
                                                      propertynames(x, true)))

any_call(x, a) = call_user(x, call_args(a, 1), call_kwargs(a, 2))
error_type(::typeof(any_call), x, err) =
    err isa MethodError && err.f === x ? pybuiltins.TypeError : nothing

any_len(x, a) = length(x)
# (A value without a length is not sized, for Python: numpy, say, then takes it as a scalar.)
error_type(::typeof(any_len), x, err) = err isa MethodError ? pybuiltins.TypeError : nothing

# Julia's indices: a tuple key is several indices.
index_args(a::Args, i::Int) = (k = value(a, i); k isa Tuple ? k : (k,))

any_getitem(x, a) = x[index_args(a, 1)...]
any_setitem(x, a) = (x[index_args(a, 1)...] = value(a, 2); nothing)
any_delitem(x, a) = (delete!(x, index_args(a, 1)...); nothing)
for f in (:any_getitem, :any_setitem, :any_delitem)
    @eval error_type(::typeof($f), x, err) = err isa BoundsError ? pybuiltins.IndexError :
        err isa KeyError ? pybuiltins.KeyError : nothing
end

any_iter(x, a) = pyjl(pyjliteratortype, Iterator(x))
any_reversed(x, a) = pyjl(pyjliteratortype, Iterator(reverse(x)))

# (A value that cannot be an element is not in it.)
function any_contains(x, a)
    v = pyconvert(eltype(x), py(a, 1), NOT_CONVERTED)
    return v !== NOT_CONVERTED && v in x
end
const NOT_CONVERTED = Ref(nothing)

# A Julia iterator as Python's: the next value, or StopIteration.
mutable struct Iterator
    source::Any
    state::Any
    started::Bool
end
Iterator(source) = Iterator(source, nothing, false)

function iterator_next(it::Iterator, a)
    r = it.started ? iterate(it.source, it.state) : iterate(it.source)
    it.started = true
    r === nothing && throw(StopIteration())
    it.state = r[2]
    return r[1]
end

struct StopIteration <: Exception end
error_type(::typeof(iterator_next), x, err) =
    err isa StopIteration ? pybuiltins.StopIteration : nothing

# Operators: of the value alone, or with another Julia value (a Python object is not one: NotImplemented,
# so that Python tries the other operand's method).
const OPERATORS = Dict{String,Function}(
    "+" => +, "-" => -, "*" => *, "/" => /, "÷" => ÷, "%" => %, "^" => ^, "<<" => <<, ">>" => >>, "&" => &,
    "|" => |, "⊻" => ⊻, "==" => ==, "!=" => !=, "<" => <, "<=" => <=, ">" => >, ">=" => >=, "abs" => abs,
    "~" => ~)

any_unary(x, a) = OPERATORS[string_arg(a, 1)](x)

function any_binary(x, a)
    isinstance(a[2], getptr(pyjlbasetype)) || return pybuiltins.NotImplemented
    f, other = OPERATORS[string_arg(a, 1)], handle_value(a[2])
    return truth(a[3]) ? f(other, x) : f(x, other)
end

function any_power(x, a)
    isinstance(a[1], getptr(pyjlbasetype)) || return pybuiltins.NotImplemented
    y, reflected = handle_value(a[1]), truth(a[3])
    if is_none(a, 2)
        return reflected ? y^x : x^y
    end
    isinstance(a[2], getptr(pyjlbasetype)) || return pybuiltins.NotImplemented
    z = handle_value(a[2])
    return reflected ? powermod(y, x, z) : powermod(x, y, z)
end

for f in (:any_unary, :any_binary, :any_power)
    @eval error_type(::typeof($f), x, err) = err isa MethodError ? pybuiltins.TypeError : nothing
end

any_hash(x, a) = reinterpret(Int, hash(x)) % typemax(Int32)
any_name(x, a) = string(nameof(x))
error_type(::typeof(any_name), x, err) = err isa MethodError ? pybuiltins.AttributeError : nothing

function any_display(x, a)
    is_none(a, 1) ? display(x) : display(string_arg(a, 1), x)
    return nothing
end

function any_help(x, a)
    doc = Base.Docs.doc(x)
    is_none(a, 1) ? display(doc) : display(string_arg(a, 1), doc)
    return nothing
end

# IPython's bundle: JSON data as Python's own dicts and lists.
any_mimebundle(x, a) = python_bundle(mime_bundle(x))
any_raw(x, a) = pyjlraw(x)
