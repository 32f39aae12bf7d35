# An Arrow array (with its schema) as a Julia column, by its format string: what each layout's buffers are,
# checked to be there and consistent before anything is read through them.

const VALUE_FORMATS = Dict{String,DataType}(
    "c" => Int8, "C" => UInt8, "s" => Int16, "S" => UInt16, "i" => Int32, "I" => UInt32, "l" => Int64,
    "L" => UInt64, "e" => Float16, "f" => Float32, "g" => Float64)
const TIME_UNITS = Dict('s' => SECONDS, 'm' => MILLISECONDS, 'u' => MICROSECONDS, 'n' => NANOSECONDS)
const NANOSECONDS_PER = Dict('s' => 10^9, 'm' => 10^6, 'u' => 10^3, 'n' => 1)
const EPOCH_DAY = Dates.value(Dates.Date(1970))
const EPOCH_MS = Dates.value(Dates.DateTime(1970))

date_of_days(d) = Dates.Date(Dates.UTD(EPOCH_DAY + Int64(d)))
datetime_of_ms(ms) = Dates.DateTime(Dates.UTM(EPOCH_MS + ms))
struct TimeOfDay
    nanoseconds_per::Int64
end
(t::TimeOfDay)(x) = Dates.Time(Dates.Nanosecond(Int64(x) * t.nanoseconds_per))

malformed(what) = throw(ArrowMemoryError("malformed Arrow array: $what"))

# A zero-length array of a field's format (every buffer null), for the columns of a stream of no batches
# and an empty dictionary.
const NO_BUFFERS = fill(C_NULL, 3)
function empty_array(field::ArrowSchema)
    format = unsafe_string(field.format)
    count = format == "n" ? 0 : format in ("u", "U", "z", "Z", "vu", "vz") ? 3 : 2
    return ArrowArray(0, 0, 0, count, 0, pointer(NO_BUFFERS), C_NULL, C_NULL, C_NULL, C_NULL)
end

"""
    column(schema, array, owner) -> AbstractVector

The Arrow `array` (laid out as `schema` says) as a Julia vector over its buffers, which `owner` (the
imported struct they belong to) owns: the vector keeps it alive.
"""
function column(schema::ArrowSchema, array::ArrowArray, owner)
    format = unsafe_string(schema.format)
    schema.dictionary == C_NULL || return dictionary_column(schema, array, owner)
    n, offset = Int(array.length), Int(array.offset)
    n >= 0 && offset >= 0 || malformed("a negative length or offset")
    format == "n" && return fill(missing, n)
    source = Source(format, array, owner)
    array.n_buffers >= 2 && array.buffers != C_NULL || malformed("$(array.n_buffers) buffers for '$format'")
    buffer(k) = Ptr{UInt8}(unsafe_load(array.buffers, k + 1))
    present(k) = (n == 0 || buffer(k) != C_NULL) ? buffer(k) : malformed("buffer $k of a '$format' is null")
    nulls = array.null_count != 0 && buffer(0) != C_NULL
    validity = nulls ? Validity(buffer(0), offset) : Validity(C_NULL, 0)
    M(S) = nulls ? Union{S,Missing} : S
    counted(k) = array.n_buffers == k || malformed("$(array.n_buffers) buffers for '$format', not $k")
    function fixed(S, f=identity, T=typeof(f(zero(S))))
        counted(2)
        return ValuesColumn{M(T),S,typeof(f)}(Ptr{S}(present(1)) + offset * sizeof(S), validity, n, f, source)
    end
    S = get(VALUE_FORMATS, format, nothing)
    S === nothing || return fixed(S)
    if format == "b"
        counted(2)
        return BoolColumn{M(Bool)}(Validity(present(1), offset), validity, n, source)
    end
    format in ("u", "z") && return bytes_column(M, Int32, format, present, validity, n, offset, source)
    format in ("U", "Z") && return bytes_column(M, Int64, format, present, validity, n, offset, source)
    format in ("vu", "vz") && return views_column(M, format, array, present, validity, n, offset, source)
    format == "tdD" && return fixed(Int32, date_of_days)
    format == "tdm" && return fixed(Int64, datetime_of_ms)
    if length(format) >= 4 && format[1:2] == "ts" && format[4] == ':' && haskey(TIME_UNITS, format[3])
        U = TIME_UNITS[format[3]]
        return fixed(InlineDateTime64{U}, identity, InlineDateTime64{U})
    end
    if length(format) == 3 && format[1:2] == "tD" && haskey(TIME_UNITS, format[3])
        U = TIME_UNITS[format[3]]
        return fixed(InlineTimeDelta64{U}, identity, InlineTimeDelta64{U})
    end
    format in ("tts", "ttm") && return fixed(Int32, TimeOfDay(NANOSECONDS_PER[format[3]]))
    format in ("ttu", "ttn") && return fixed(Int64, TimeOfDay(NANOSECONDS_PER[format[3]]))
    throw(ArgumentError("Arrow columns of format '$format' are not read yet"))
end

# Categorical data: an array of indices (the schema's format) into a dictionary of values (its own array).
function dictionary_column(schema::ArrowSchema, array::ArrowArray, owner)
    values_schema = unsafe_load(schema.dictionary)
    if array.dictionary == C_NULL
        array.length == 0 || malformed("a dictionary-encoded array without its dictionary")
        return column(values_schema, empty_array(values_schema), owner)
    end
    indices_schema = ArrowSchema(schema.format, schema.name, schema.metadata, schema.flags, schema.n_children,
                                 schema.children, C_NULL, schema.release, schema.private_data)
    indices = column(indices_schema, array, owner)
    eltype(indices) <: Union{Integer,Missing} ||
        malformed("dictionary indices of format '$(unsafe_string(schema.format))'")
    return DictionaryColumn(indices, column(values_schema, unsafe_load(array.dictionary), owner))
end

function bytes_column(M, ::Type{O}, format, present, validity, n, offset, source) where {O}
    E = format in ("u", "U") ? String : Vector{UInt8}
    offsets = Ptr{O}(present(1)) + offset * sizeof(O)
    first_offset, last_offset = n == 0 ? (O(0), O(0)) : (unsafe_load(offsets, 1), unsafe_load(offsets, n + 1))
    0 <= first_offset <= last_offset || malformed("string offsets $first_offset to $last_offset")
    data = last_offset > first_offset ? present(2) : Ptr{UInt8}(C_NULL)
    return BytesColumn{M(E),O,E}(offsets, data, validity, n, source)
end

# The views of a view layout are read once here: each must lie inside its data buffer, whose sizes the
# interface gives in the last buffer.
function views_column(M, format, array, present, validity, n, offset, source)
    E = format == "vu" ? String : Vector{UInt8}
    count = Int(array.n_buffers) - 3
    count >= 0 || malformed("$(array.n_buffers) buffers for '$format'")
    views = present(1) + 16 * offset
    buffers = Ptr{UInt8}[present(2 + k) for k in 0:count-1]
    sizes = Ptr{Int64}(present(2 + count))
    for i in 1:n
        isvalid_at(validity, i) || continue
        view = views + 16 * (i - 1)
        len = unsafe_load(Ptr{Int32}(view))
        len >= 0 || malformed("a view of length $len")
        len <= 12 && continue
        k, start = unsafe_load(Ptr{Int32}(view + 8)), unsafe_load(Ptr{Int32}(view + 12))
        0 <= k < count && start >= 0 && Int64(start) + len <= unsafe_load(sizes, k + 1) ||
            malformed("a view past its data (buffer $k, bytes $start to $(Int64(start) + len))")
    end
    return ViewsColumn{M(E),E}(views, buffers, validity, n, source)
end
