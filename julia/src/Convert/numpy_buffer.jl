# numpy arrays passed to Julia calls, read straight from Python's buffer protocol: a pointer, a shape and
# strides, no description made or parsed. This is what keeps a call with an array argument as cheap as
# one with a number. Anything unusual (a subclass, a read-only or non-contiguous array, a view of a Julia
# array, an unsupported element type) takes the description path of `%py2jl`, which has every rule.

"""
    BUFFER_CODES

The struct module's format code of each element type whose memory both languages share.
"""
const BUFFER_CODES = Dict{DataType,String}(
    Bool => "?", Int8 => "b", UInt8 => "B", Int16 => "h", UInt16 => "H", Int32 => "i", UInt32 => "I",
    Int64 => "q", UInt64 => "Q", Float16 => "e", Float32 => "f", Float64 => "d", ComplexF32 => "Zf",
    ComplexF64 => "Zd")
# The element type of each code (numpy gives C's `long` as "l").
const BUFFER_FORMATS = merge(Dict{String,DataType}(code => T for (T, code) in BUFFER_CODES),
                             Dict{String,DataType}("l" => Clong, "L" => Culong))
const NDARRAY_TYPE = Ref{PyPtr}(C_NULL)
const JULIA_VIEWS = Ref{PyPtr}(C_NULL)  # bridge.py's `julia_handles`: numpy arrays over Julia memory

"""
    numpy_value(o) -> Union{Array,PermutedDimsArray,Nothing}

The Julia array sharing the memory of `o` (borrowed, GIL held) if it is a plain `numpy.ndarray` the fast
path covers, as `%py2jl` would share it (a numpy view of a Julia array: that very array); `nothing`
otherwise.
"""
function numpy_value(o::PyPtr)
    is_ndarray(type_of(o)) || return nothing
    key = address_ref(o)
    julias = dict_get(julia_views(), key)
    decref(key)
    julias == C_NULL || return pinned(int_of(julias))
    return with_buffer(o) do b
        T = get(BUFFER_FORMATS, native_format(unsafe_string(b.format)), nothing)
        (T === nothing || b.readonly != 0 || b.ndim == 0 || sizeof(T) != b.itemsize) && return nothing
        shape = ntuple(i -> Int(unsafe_load(b.shape, i)), b.ndim)
        strides = ntuple(i -> Int(unsafe_load(b.strides, i)), b.ndim)
        c_order = is_dense(shape, strides, b.itemsize, b.ndim:-1:1)
        c_order || b.ndim > 1 && is_dense(shape, strides, b.itemsize, 1:b.ndim) || return nothing
        return first(share_numpy(o, Ptr{T}(b.buf), shape, c_order))
    end
end

# The format without a byte-order mark that means this machine's order; "" for the other order.
function native_format(format::String)
    mark = isempty(format) ? ' ' : format[1]
    mark in ('@', '=') && return format[2:end]
    mark == '<' && return ENDIAN_BOM == 0x04030201 ? format[2:end] : ""
    mark in ('>', '!') && return ENDIAN_BOM == 0x01020304 ? format[2:end] : ""
    return format
end

function is_ndarray(t::PyPtr)
    t == NDARRAY_TYPE[] && return true
    NDARRAY_TYPE[] == C_NULL || return false
    # (The type is kept alive once recognised.)
    type_name(t) == "numpy.ndarray" || return false
    NDARRAY_TYPE[] = incref(t)
    return true
end

function julia_views()
    if JULIA_VIEWS[] == C_NULL
        JULIA_VIEWS[] = runtime_global("bridge", "julia_handles")
    end
    return JULIA_VIEWS[]
end
