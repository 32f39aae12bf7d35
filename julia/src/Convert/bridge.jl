# Julia's half of moving values between the languages (see python/_metapoly_worker/bridge.py).
#
# Values travel as tagged descriptions (julia/INSIDE.md lists the tags). Numeric arrays are shared, never
# copied (shared.jl): a numpy array becomes a Julia Array over its memory (C order seen through a
# PermutedDimsArray, so that `a[i,j]` means the same on both sides), a Julia Array a numpy array over
# Julia's memory. Python objects with no Julia equivalent travel, where asked for (the `Py` interface), as
# "object" descriptions: Julia takes a reference and gets a `Py`; a `Py` sent back is the same Python object.

const NUMPY_TYPES = Dict{String,DataType}(
    "bool" => Bool, "int8" => Int8, "int16" => Int16, "int32" => Int32, "int64" => Int64,
    "uint8" => UInt8, "uint16" => UInt16, "uint32" => UInt32, "uint64" => UInt64,
    "float16" => Float16, "float32" => Float32, "float64" => Float64,
    "complex64" => ComplexF32, "complex128" => ComplexF64)
const JULIA_DTYPES = Dict{DataType,String}(T => name for (name, T) in NUMPY_TYPES)
const BridgeElement = Union{values(NUMPY_TYPES)...}

"""
    BridgeError(message)

A value that cannot cross, or a bad name; the message names the variable and the reason.
"""
struct BridgeError <: Exception
    message::String
end
Base.showerror(io::IO, e::BridgeError) = print(io, e.message)

"""
    valid_julia_name(name) -> Bool

Whether `name` can be assigned as a global variable in Julia.
"""
function valid_julia_name(name::AbstractString)
    get!(VALID_NAMES, name) do  # remembered: parsing costs more than a whole shared transfer
        Base.isidentifier(name) || return false
        ex = Meta.parse("$name = 1"; raise=false)
        ex isa Expr && ex.head == :(=) && ex.args[1] === Symbol(name)
    end
end

const VALID_NAMES = Dict{String,Bool}()

# -- Python -> Julia ------------------------------------------------------------------------------------

"""
    from_description(d) -> (value, shared::Bool)

Build the Julia value of a description made by the Python side (GIL held: shared arrays take a
reference to their Python owner).
"""
function from_description(d::Dict)
    t = d["t"]
    t == "none" && return nothing, false
    t == "bool" && return d["v"]::Bool, false
    t == "int" && return something(tryparse(Int64, d["v"]), parse(BigInt, d["v"])), false
    t == "float" && return parse(Float64, d["v"]), false
    t == "complex" && return complex(parse(Float64, d["re"]), parse(Float64, d["im"])), false
    t == "str" && return String(d["v"]), false
    t == "strs" && return convert(Vector{String}, d["v"]), false
    t == "plain" && return narrow(d["v"]), false
    t == "bytes" && return base64decode(d["v"]), false
    t == "julia" && return pinned(d["handle"]), true
    t == "object" && return pynew(incref(PyPtr(UInt(d["ptr"])))), false
    t == "array" && return wrap_numpy(d)
    if t in ("list", "tuple", "set")
        items = [(conversion_step(); first(from_description(x))) for x in d["v"]]
        t == "tuple" && return Tuple(items), false
        return t == "list" ? narrow(items) : Set{element_type(items)}(items), false
    end
    if t == "dict"
        keys, vals = first(from_description(d["k"])), first(from_description(d["v"]))
        return Dict{element_type(keys),element_type(vals)}(zip(keys, vals)), false
    end
    t == "table" && return column_table(d)
    t == "arrow" && return arrow_value(d)
    throw(BridgeError("unknown description $(repr(t))"))
end

# A long conversion yields now and then, so that an interrupt can stop it (it runs as user code).
const CONVERSION_STEPS = Ref(0)
conversion_step() = (CONVERSION_STEPS[] += 1) % 10_000 == 0 && yield()

element_type(items) = isempty(items) ? Any :
    isconcretetype(eltype(items)) ? eltype(items) : mapreduce(typeof, typejoin, items)

# A pandas DataFrame as a column table (a NamedTuple of column vectors, as Tables.jl reads them), and which
# of its columns share the DataFrame's memory: `(table, "columns a, b shared; s copied")`.
function column_table(d::Dict)
    names = Tuple(Symbol.(d["names"]))
    built = [from_description(c) for c in d["columns"]]
    columns = Tuple(v isa AbstractVector ? v : narrow(collect(v)) for (v, _) in built)
    shared = [string(n) for (n, (_, s)) in zip(names, built) if s === true]
    copied = [string(n) for (n, (_, s)) in zip(names, built) if s !== true]
    how = join(filter(!isempty, [isempty(shared) ? "" : join(shared, ", ") * " shared",
                                 isempty(copied) ? "" : join(copied, ", ") * " copied"]), "; ")
    return NamedTuple{names}(columns), "columns " * how
end

# An Arrow stream (pyarrow, polars...) as a column table or a column over its buffers, or copies of them.
function arrow_value(d::Dict)
    x = arrow_stream(Ptr{Cvoid}(UInt(d["ptr"])))
    copied = d["copy"] === true
    x isa NamedTuple || return (copied ? collect(x) : x), !copied
    copied && return map(collect, x), "columns copied"
    return x, "columns $(join(keys(x), ", ")) shared (Arrow)"
end

"""
    is_column_table(x) -> Bool

Whether `x` is a column table: a NamedTuple of vectors of one length, or a vector of NamedTuples.
"""
is_column_table(x::NamedTuple) =
    !isempty(x) && all(v -> v isa AbstractVector, values(x)) && allequal_length(values(x))
is_column_table(x::AbstractVector{<:NamedTuple}) = !isempty(x)
is_column_table(x) = false
allequal_length(vectors) = all(v -> length(v) == length(first(vectors)), vectors)

columns_of(x::NamedTuple) = x
columns_of(rows::AbstractVector{<:NamedTuple}) =
    NamedTuple{keys(first(rows))}(Tuple(narrow([row[k] for row in rows]) for k in keys(first(rows))))
narrow(items::Vector) = convert(Vector{element_type(items)}, items)

# (A "fresh" array is one Python made from a list for Julia: shared, but a copy of what the user has.)
function wrap_numpy(d::Dict)
    value, shared = share_numpy(PyPtr(UInt(d["owner"])), Ptr{NUMPY_TYPES[d["dtype"]]}(UInt(d["ptr"])),
                                Tuple(Int.(d["shape"])), d["order"] == "C"; copy=d["copy"] || d["copied"])
    return value, shared && !get(d, "fresh", false)
end

# -- Julia -> Python ------------------------------------------------------------------------------------

"""
    to_description(x, copy, pinned; objects=false) -> Dict

A description of `x` for the Python side; throws `BridgeError` if `x` has no Python equivalent, unless
`objects`: then such a value (a function, a struct...) is described as the Python object of it
(`Py(x)`: a juliacall value), kept alive until Python has it (`HANDED_OVER`). Handles pinned for the call
are appended to `pinned` (so that a failed call can unpin them: `unpin_all!`).
"""
function to_description(x, copy::Bool, pinned::Vector{Any}; objects::Bool=false)
    part(v) = (conversion_step(); to_description(v, copy, pinned; objects=objects))
    (x === nothing || x === missing) && return Dict("t" => "none")
    ispy(x) && return Dict("t" => "python", "ptr" => Int(UInt(getptr(x))), "shared" => true)
    x isa Bool && return Dict("t" => "bool", "v" => x)
    x isa Integer && return Dict("t" => "int", "v" => string(x))
    x isa Union{AbstractFloat,AbstractIrrational} && return Dict("t" => "float", "v" => string(Float64(x)))
    x isa Complex &&
        return Dict("t" => "complex", "re" => string(Float64(real(x))), "im" => string(Float64(imag(x))))
    x isa Union{AbstractString,Symbol,AbstractChar} && return Dict("t" => "str", "v" => string(x))
    if x isa AbstractArray && !copy  # (Julia's view of a numpy array is that array again)
        owner = python_object_of(x)
        owner === nothing || return Dict("t" => "python", "ptr" => Int(UInt(owner)), "shared" => true)
    end
    x isa Array{<:BridgeElement} && return array_description(x, copy, pinned)
    if x isa Union{UnitRange{<:Integer},StepRange{<:Integer}}
        return Dict("t" => "range", "start" => first(x), "stop" => last(x) + step(x), "step" => step(x))
    end
    # A view, a transpose, a float range...: Python gets a view of a fresh copy, pinned like any array.
    x isa AbstractArray{<:BridgeElement} && return array_description(collect(x), false, pinned; shared=false)
    x isa Tuple && return Dict("t" => "tuple", "v" => [part(v) for v in x])
    if is_column_table(x)
        table = columns_of(x)
        return Dict("t" => "table", "names" => [string(k) for k in keys(table)],
                    "columns" => [part(v) for v in values(table)])
    end
    if x isa NamedTuple
        return Dict("t" => "dict", "k" => Dict("t" => "strs", "v" => [string(k) for k in keys(x)]),
                    "v" => part(collect(Any, values(x))))
    end
    # (Keys and values as two vectors: numeric ones cross as arrays, not item by item.)
    if x isa AbstractDict
        return Dict("t" => "dict", "k" => part(collect(keys(x))), "v" => part(collect(values(x))))
    end
    x isa AbstractVector{<:AbstractString} && return Dict("t" => "strs", "v" => collect(String, x))
    x isa AbstractSet && return Dict("t" => "set", "v" => [part(v) for v in x])
    # (Mixed plain values cross as one JSON array: describing each costs 10x more.)
    x isa AbstractVector && all(is_plain, x) && return Dict("t" => "plain", "v" => x)
    x isa AbstractVector && return Dict("t" => "list", "v" => [part(v) for v in x])
    if objects
        o = Py(x)
        push!(HANDED_OVER, o)
        return Dict("t" => "python", "ptr" => Int(UInt(getptr(o))), "proxy" => true)
    end
    throw(BridgeError("a Julia $(typeof(x)) has no Python equivalent"))
end

# What JSON carries exactly, as it is.
is_plain(v) = v === nothing || v isa Union{Bool,Int64,String} || v isa Float64 && isfinite(v)

function array_description(A::Array, copy::Bool, pinned::Vector{Any}; shared::Bool=!copy)
    d = Dict{String,Any}("t" => "array", "ptr" => Int(UInt(pointer(A))), "dtype" => JULIA_DTYPES[eltype(A)],
                         "shape" => collect(size(A)), "handle" => nothing, "shared" => shared)
    copy || (d["handle"] = fix_pinned_memory!(pin!(A, pinned)))
    return d
end

"""
    julia_summary(v) -> String

`Matrix{Float64} (3x4)`, `Dict{String,Int64} (2 keys)`...: what a value became, for the magic's report.
"""
function julia_summary(v)
    dims = v isa AbstractArray ? join(size(v), "x") : ""
    v isa Array{<:Any,1} && return "Vector{$(eltype(v))} ($(length(v)) elements)"
    v isa Array{<:Any,2} && return "Matrix{$(eltype(v))} ($dims)"
    v isa Array && return "Array{$(eltype(v)),$(ndims(v))} ($(ndims(v) == 0 ? "0-dimensional" : dims))"
    v isa ArrowColumn && return "Arrow column of $(eltype(v)) ($(length(v)) elements)"
    v isa PermutedDimsArray && return "PermutedDimsArray{$(eltype(v)),$(ndims(v))} ($dims, row-major)"
    v isa AbstractDict && return "$(typeof(v)) ($(length(v)) keys)"
    v isa AbstractString && return "String ($(length(v)) chars)"
    v isa Union{Tuple,AbstractSet} && return "$(typeof(v)) ($(length(v)) elements)"
    ispy(v) && return "$(v isa Py ? Py : typeof(v)) ($(replace(type_key(pytype(v)), ':' => '.')))"
    is_column_table(v) && return "column table ($(length(first(v))) rows x $(length(v)) columns)"
    return string(typeof(v))
end

