# Julia's own functions on a `Py`, meaning what PythonCall makes them mean: attributes, calls, items and
# iteration, comparisons and arithmetic go to Python and return `Py`s; `length`, `hash`, `isequal`,
# `isless`, `Bool` and `in` give Julia values.

for K in (Symbol, String)
    @eval begin
        Base.getproperty(x::Py, k::$K) = pygetattr(x, String(k))
        Base.hasproperty(x::Py, k::$K) = pyhasattr(x, String(k))
        Base.setproperty!(x::Py, k::$K, v) = (pysetattr(x, String(k), v); v)
    end
end

# As Python's completer lists them (rlcompleter): `dir(x)` and the members of its class and bases, private
# ones too (as PythonCall lists them).
function Base.propertynames(x::Py, private::Bool=false)
    words = pyset(pydir(x))
    pyhasattr(x, "__class__") && for cls in pygetattr(x, "__class__").__mro__
        words.update(pydir(cls))
    end
    return Symbol[Symbol(pystr(String, w)) for w in words]
end

(f::Py)(args...; kwargs...) = with_py(() -> pynew(call_ref(getptr(f), args...; kwargs...)))

Base.Bool(x::Py) = pytruth(x)
Base.length(x::Py) = pylen(x)
Base.getindex(x::Py, i) = pygetitem(x, i)
Base.getindex(x::Py, i...) = pygetitem(x, i)
Base.setindex!(x::Py, v, i) = (pysetitem(x, i, v); x)
Base.setindex!(x::Py, v, i...) = (pysetitem(x, i, v); x)
Base.delete!(x::Py, i) = (pydelitem(x, i); x)
Base.haskey(x::Py, i) = pyhasitem(x, i)
Base.get(x::Py, i, d) = pygetitem(x, i, d)
Base.get(f::Base.Callable, x::Py, i) = (v = pygetitem(x, i, nothing); v === nothing ? f() : v)
Base.get!(x::Py, i, d) = get(() -> (pysetitem(x, i, d); pygetitem(x, i)), x, i)
Base.get!(f::Base.Callable, x::Py, i) = get(() -> (pysetitem(x, i, f()); pygetitem(x, i)), x, i)
Base.in(v, x::Py) = pycontains(x, v)
Base.hash(x::Py, h::UInt) = reinterpret(UInt, pyhash(x)) - 3h
Base.broadcastable(x::Py) = Ref(x)
Base.zero(::Type{Py}) = pyint(0)
Base.one(::Type{Py}) = pyint(1)

Base.eltype(::Type{Py}) = Py
Base.IteratorSize(::Type{Py}) = Base.SizeUnknown()

function Base.iterate(x::Py, it::Py=pyiter(x))
    v = unsafe_pynext(it)
    pyisnull(v) && return nothing
    return v, it
end

# Comparisons are Python's and give a `Py` (which may not be a bool: numpy's arrays); `isequal` and
# `isless` give `Bool`s. Numbers compare and compute with `Py`s too.
for (f, op) in ((:(==), :pyeq), (:(!=), :pyne), (:(<=), :pyle), (:(<), :pylt), (:(>=), :pyge), (:(>), :pygt))
    @eval begin
        Base.$f(x::Py, y::Py) = $op(x, y)
        Base.$f(x::Py, y::Number) = $op(x, y)
        Base.$f(x::Number, y::Py) = $op(x, y)
    end
end
for T in (Py, Number)
    @eval begin
        Base.isless(x::Py, y::$T) = pylt(Bool, x, y)
        Base.isequal(x::Py, y::$T) = pyeq(Bool, x, y)
    end
    T === Py && continue
    @eval begin
        Base.isless(x::$T, y::Py) = pylt(Bool, x, y)
        Base.isequal(x::$T, y::Py) = pyeq(Bool, x, y)
    end
end

Base.:(+)(x::Py) = pypos(x)
Base.:(-)(x::Py) = pyneg(x)
Base.abs(x::Py) = pyabs(x)
Base.:(~)(x::Py) = pyinv(x)

for (f, op) in ((:+, :pyadd), (:-, :pysub), (:*, :pymul), (:div, :pyfloordiv), (:/, :pytruediv),
                (:rem, :pymod), (:<<, :pylshift), (:>>, :pyrshift), (:&, :pyand), (:xor, :pyxor), (:|, :pyor),
                (:^, :pypow))
    @eval begin
        Base.$f(x::Py, y::Py) = $op(x, y)
        Base.$f(x::Number, y::Py) = $op(x, y)
        Base.$f(x::Py, y::Number) = $op(x, y)
    end
end

for (X, Y, Z) in ((Py, Py, Py), (Number, Py, Py), (Py, Number, Py), (Py, Py, Number), (Number, Number, Py),
                  (Number, Py, Number), (Py, Number, Number))
    @eval Base.powermod(x::$X, y::$Y, z::$Z) = pypow(x, y, z)
end

# Julia's help on a Python object: what it is, and its docstring.
function Base.Docs.getdoc(x::Py, sig=Union{})
    pyisnull(x) && return nothing
    inspect = pyimport("inspect")
    kind, name = pytruth(inspect.ismodule(x)) ?
        (pyhasattr(x, "__path__") ? "package" : "module", x.__name__) :
        pytruth(inspect.isclass(x)) ? ("class", x.__name__) :
        pytruth(inspect.isroutine(x)) ? ("function", x.__name__) : ("object of type", pytype(x).__name__)
    parts = Any[Markdown.Paragraph(["Python $kind ", Markdown.Code(pystr(String, name)), "."])]
    doc = inspect.getdoc(x)
    pyisnone(doc) || push!(parts, Markdown.Code("text", pystr(String, doc)))
    return Markdown.MD(parts)
end

# `print` and `string` give `str(x)`; `show` gives `<py repr>`, or `Python: repr` as text/plain.
Base.string(x::Py) = pyisnull(x) ? "<py NULL>" : pystr(String, x)
Base.print(io::IO, x::Py) = print(io, string(x))

function Base.show(io::IO, x::Py)
    text = pyisnull(x) ? "NULL" : pyrepr(String, x)
    get(io, :typeinfo, Any) == Py && return print(io, text)
    startswith(text, "<") && endswith(text, ">") ? print(io, "<py ", SubString(text, 2)) :
        print(io, "<py ", text, ">")
end

Base.showable(::MIME"text/plain", ::Py) = true

function Base.show(io::IO, ::MIME"text/plain", x::Py)
    text = pyisnull(x) ? "NULL" : pyrepr(String, x)
    get(io, :compact, false) && (text = replace(text, "\n" => " "))
    prefix = get(io, :typeinfo, Any) == Py ? "" : get(io, :compact, false) ? "Py: " :
        occursin('\n', text) ? "Python:\n" : "Python: "
    print(io, prefix, get(io, :limit, true) ? fit_display(text, displaysize(io), prefix) : text)
end

# `text` cut to fit a display of (height, width) as PythonCall cuts it: a long line keeps its ends around
# " ... "; lines of several are each cut to the width ("…"), and the middle ones left out ("⋮") past the
# height (less three lines for the prompt).
function fit_display(text::AbstractString, (height, width)::Tuple{Int,Int}, prefix::AbstractString)
    if !occursin('\n', text)
        room = width - length(prefix)
        length(text) <= room || room < 6 || return string(first(text, cld(room - 5, 2)), " ... ",
                                                           last(text, fld(room - 5, 2)))
        return text
    end
    cut(line) = length(line) > width ? string(first(line, width - 1), '…') : line
    lines, room = cut.(split(text, '\n')), max(height - 3, 5) - 1
    length(lines) > room && (lines = [lines[1:cld(room - 1, 2)]; "⋮"; lines[end-fld(room - 1, 2)+1:end]])
    return join(lines, '\n')
end
