# The Julia types of array elements as Python describes them: a buffer's format (`"<d"`, `"?"`, `"3w"`),
# an array interface's type string (`"<f8"`, `"|O"`, `"<U3"`) and `descr`, an array struct's kind and size.
# Each is the element type in memory (`R` of `PyArray{T,N,M,L,R}`): bits types as they are, and two
# types of this file for Python objects and numpy's fixed-width strings, and NumpyDates' inline types for
# numpy's datetimes and timedeltas (whose unit only a type string tells). Anything else is unsupported
# (`ArgumentError`): another byte order, sub-arrays in a buffer format.

"""
    ObjectPointer

An element of an array of Python objects (numpy's dtype `object`): a reference the array owns.
"""
struct ObjectPointer
    ptr::PyPtr
end

"""
    UnicodeChars{N}

An element of numpy's fixed-width string type `U<N>`: `N` UTF-32 code points, padded with NULs.
"""
struct UnicodeChars{N}
    codes::NTuple{N,UInt32}
end

unsupported(what) = throw(ArgumentError("not supported: $what"))

const LITTLE_ENDIAN = ENDIAN_BOM == 0x04030201

# A byte-order character: whether it says this machine's order (`|`: bytes have no order).
native_order(c::Char) = c in ('@', '=', '|') || c == (LITTLE_ENDIAN ? '<' : '>') ||
    (c in ('>', '!', '<') ? false : unsupported("byte order '$c'"))

# struct's codes, in native sizes ("@", or no mark) and in standard sizes ("=", "<", ">", "!").
const NATIVE_FORMATS = Dict{String,DataType}(
    "?" => Bool, "c" => UInt8, "b" => Int8, "B" => UInt8, "h" => Cshort, "H" => Cushort, "i" => Cint,
    "I" => Cuint, "l" => Clong, "L" => Culong, "q" => Clonglong, "Q" => Culonglong, "n" => Int,
    "N" => UInt, "e" => Float16, "f" => Float32, "d" => Float64, "Ze" => ComplexF16, "Zf" => ComplexF32,
    "Zd" => ComplexF64, "P" => Ptr{Cvoid}, "O" => ObjectPointer)
const STANDARD_FORMATS = merge(NATIVE_FORMATS, Dict{String,DataType}("l" => Int32, "L" => UInt32))

"""
    buffer_eltype(format, itemsize) -> DataType

The element type of a buffer of this struct-module `format` and `itemsize` bytes.
"""
function buffer_eltype(format::AbstractString, itemsize::Integer)
    marked = !isempty(format) && format[1] in "@=<>!"
    mark, code = marked ? (format[1], format[2:end]) : ('@', format)
    native_order(mark) || unsupported("buffer format $(repr(format)) (the other byte order)")
    count = match(r"^([0-9]+)w$", code)   # numpy's U<N>, as N UCS-4 characters
    T = count !== nothing ? UnicodeChars{parse(Int, count[1])} :
        get(mark == '@' ? NATIVE_FORMATS : STANDARD_FORMATS, code, nothing)
    T === nothing && unsupported("buffer format $(repr(format))")
    sizeof(T) == itemsize || unsupported("buffer format $(repr(format)) of $itemsize bytes")
    return T
end

"""
    kind_eltype(kind, itemsize, descr) -> DataType

The element type of numpy's type `kind` (`'f'`, `'i'`, `'O'`...) of `itemsize` bytes; for a record type
(`'V'`), the tuple (or named tuple) type its `descr` lists.
"""
function kind_eltype(kind::Char, itemsize::Integer, descr)
    sized(types...) = (i = findfirst(T -> sizeof(T) == itemsize, types);
                       i === nothing ? unsupported("numpy kind '$kind' of $itemsize bytes") : types[i])
    kind == 'b' && return sized(Bool)
    kind == 'i' && return sized(Int8, Int16, Int32, Int64, Int128)
    kind == 'u' && return sized(UInt8, UInt16, UInt32, UInt64, UInt128)
    kind == 'f' && return sized(Float16, Float32, Float64)
    kind == 'c' && return sized(ComplexF16, ComplexF32, ComplexF64)
    kind == 'O' && return sized(ObjectPointer)
    kind == 'U' && itemsize % 4 == 0 && return UnicodeChars{itemsize ÷ 4}
    if kind == 'V'
        descr === nothing && unsupported("numpy records without a descr")
        return sized(descr_eltype(descr))
    end
    kind in ('M', 'm') && unsupported("numpy datetimes and timedeltas without their unit")
    unsupported("numpy kind '$kind'")
end

"""
    typestr_eltype(typestr, descr) -> DataType

The element type of an `__array_interface__`'s `typestr` (`"<f8"`: byte order, kind, bytes).
"""
function typestr_eltype(typestr::AbstractString, descr)
    length(typestr) >= 3 || unsupported("type string $(repr(typestr))")
    native_order(typestr[1]) || unsupported("type string $(repr(typestr)) (the other byte order)")
    kind = typestr[2]
    kind in ('M', 'm') && return datetime_eltype(typestr)
    n = tryparse(Int, typestr[3:end])
    n === nothing && unsupported("type string $(repr(typestr))")
    return kind_eltype(kind, kind == 'U' ? 4n : n, descr)   # (U<n> counts characters)
end

# numpy's datetimes and timedeltas: 8 bytes of the unit in brackets ("<M8[s]", "<m8[15m]"), or of numpy's
# generic unit ("<M8"), as the NumpyDates type of that unit.
function datetime_eltype(typestr::AbstractString)
    m = match(r"^8(?:\[([0-9]*)([a-zA-Z]+)\])?$", typestr[3:end])
    m === nothing && unsupported("type string $(repr(typestr))")
    code = m[2] === nothing ? nothing : Symbol(m[2])
    code in (nothing, :Y, :M, :W, :D, :h, :m, :s, :ms, :us, :ns, :ps, :fs, :as) ||
        unsupported("the time unit of $(repr(typestr))")
    unit = code === nothing ? UNBOUND_UNITS : Unit(code)
    n = m[1] === nothing || isempty(m[1]) ? 1 : parse(Int, m[1])
    U = n == 1 ? unit : (unit, n)
    return typestr[2] == 'M' ? InlineDateTime64{U} : InlineTimeDelta64{U}
end

"""
    descr_eltype(descr) -> DataType

The Julia type of a numpy record: a tuple of its fields' types, named if its fields have names other than
numpy's defaults (`f0`, `f1`...). Unnamed void fields are padding; a field with a shape is a tuple. The
fields must lie where Julia lays out such a tuple.
"""
function descr_eltype(descr::Py)
    names, types, offsets, offset = Symbol[], Any[], Int[], 0
    for field in descr
        name, spec = pygetitem(field, 0), pygetitem(field, 1)
        pyistuple(name) && (name = pygetitem(name, 1))   # (title, name)
        shape = pylen(field) > 2 ? pyconvert(Vector{Int}, pygetitem(field, 2)) : Int[]
        if pyisstr(spec)
            typestr = pyconvert(String, spec)
            if isempty(pyconvert(String, name)) && length(typestr) > 2 && typestr[2] == 'V'
                offset += parse(Int, typestr[3:end]) * prod(shape)   # padding
                continue
            end
            T = typestr_eltype(typestr, nothing)
        else
            T = descr_eltype(spec)
        end
        for n in reverse(shape)
            T = NTuple{n,T}
        end
        push!(names, Symbol(pyconvert(String, name)))
        push!(types, T)
        push!(offsets, offset)
        offset += sizeof(T)
    end
    R = Tuple{types...}
    all(i -> fieldoffset(R, i) == offsets[i], eachindex(offsets)) && sizeof(R) == offset ||
        unsupported("numpy records laid out otherwise than Julia's tuples (not aligned, or padded)")
    return names == [Symbol(:f, i - 1) for i in eachindex(names)] ? R : NamedTuple{Tuple(names),R}
end

# -- elements read and written -------------------------------------------------------------------------

"""
    natural_eltype(R) -> Type

What an element stored as `R` is in Julia when no element type is asked for.
"""
natural_eltype(::Type{R}) where {R} = R <: ObjectPointer ? Py : R <: UnicodeChars ? String : R

"""
    eltype_fits(T, R) -> Bool

Whether elements stored as `R` can be read and written as `T`s.
"""
eltype_fits(::Type{T}, ::Type{R}) where {T,R} = R <: T || R <: ObjectPointer || T <: Number && R <: Number ||
    R <: UnicodeChars && String <: T

"""
    load_element(T, p::Ptr{R}) -> T

The element at `p` as a `T`.
"""
load_element(::Type{T}, p::Ptr{T}) where {T} = unsafe_load(p)
load_element(::Type{T}, p::Ptr{R}) where {T,R} = convert(T, unsafe_load(p))
function load_element(::Type{T}, p::Ptr{ObjectPointer}) where {T}
    ptr = unsafe_load(p).ptr
    o = with_py(() -> pynew(ptr == C_NULL ? new_ref(nothing) : incref(ptr)))
    return T === Py ? o : pyconvert(T, o)
end
function load_element(::Type{T}, p::Ptr{UnicodeChars{N}}) where {T,N}
    codes = unsafe_load(p).codes
    n = something(findfirst(iszero, codes), N + 1) - 1
    return convert(T, String(Char[Char(codes[i]) for i in 1:n]))
end

"""
    store_element!(p::Ptr{R}, v)

Store `v` (already converted to the array's element type) at `p` as an `R`.
"""
store_element!(p::Ptr{R}, v) where {R} = unsafe_store!(p, convert(R, v))
function store_element!(p::Ptr{ObjectPointer}, v)
    with_py() do
        new = new_ref(v)
        old = unsafe_load(p).ptr
        unsafe_store!(p, ObjectPointer(new))
        decref(old)
    end
    return nothing
end
function store_element!(p::Ptr{UnicodeChars{N}}, v) where {N}
    chars = collect(String(v))
    length(chars) <= N || throw(ArgumentError("a string of $(length(chars)) characters in a U$N array"))
    unsafe_store!(p, UnicodeChars{N}(ntuple(i -> i <= length(chars) ? UInt32(chars[i]) : UInt32(0), N)))
    return nothing
end
