# The methods of `juliacall.ArrayValue` and `VectorValue`: Julia arrays seen as Python sequences, indexed
# from 0 (negative indices from the end, slices), numpy's view of their memory (`__array_interface__`), and
# a vector's list methods.

# The Julia index of Python's index `k` (an int or a slice) along axis `ax`.
function axis_index(ax::AbstractUnitRange, k::Py)
    if pyisslice(k)
        # (Python's own reading of the slice for this length: start, stop (exclusive), step.)
        start, stop, step = pyconvert(Tuple{Int,Int,Int}, k.indices(length(ax)))
        return (first(ax) + start):step:(first(ax) + stop - sign(step))
    end
    i = pyconvert(Int, k)
    j = i < 0 ? last(ax) + i + 1 : first(ax) + i
    checkindex(Bool, ax, j) || throw(BoundsError(ax, i))
    return j
end

function array_indices(x::AbstractArray{T,N}, k::Py) where {T,N}
    keys = pyistuple(k) ? collect(k) : [k]
    length(keys) == N || throw(ArgumentError("expecting $N indices, got $(length(keys))"))
    return ntuple(i -> axis_index(axes(x, i), keys[i]), N)
end

function array_getitem(x::AbstractArray, a)
    k = array_indices(x, py(a, 1))
    return all(i -> i isa Int, k) ? x[k...] : view(x, k...)
end

function array_setitem(x::AbstractArray{T}, a) where {T}
    k = array_indices(x, py(a, 1))
    if all(i -> i isa Int, k)
        x[k...] = pyconvert(T, py(a, 2))
    else
        x[k...] .= value(a, 2)
    end
    return nothing
end

function array_delitem(x::AbstractArray, a)
    ndims(x) == 1 || throw(ArgumentError("can only delete from one-dimensional arrays"))
    deleteat!(x, array_indices(x, py(a, 1))...)
    return nothing
end

for f in (:array_getitem, :array_setitem, :array_delitem)
    @eval error_type(::typeof($f), x, err) = err isa BoundsError ? pybuiltins.IndexError :
        err isa ArgumentError || err isa MethodError ? pybuiltins.TypeError : nothing
end

array_ndim(x, a) = ndims(x)
array_shape(x, a) = size(x)
array_reshape(x, a) = (shape = pyconvert(Union{Int,Vector{Int}}, py(a, 1)); reshape(x, shape...))

# numpy's type strings of the element types whose memory it reads as it is.
const TYPESTRS = Dict{DataType,String}(
    Bool => "|b1", Int8 => "|i1", UInt8 => "|u1", Int16 => "<i2", UInt16 => "<u2", Int32 => "<i4",
    UInt32 => "<u4", Int64 => "<i8", UInt64 => "<u8", Float16 => "<f2", Float32 => "<f4", Float64 => "<f8",
    ComplexF32 => "<c8", ComplexF64 => "<c16")

# numpy's `__array_interface__` of an array whose elements are numbers in strided memory: a view without
# a copy (the ArrayValue numpy keeps as its base holds the Julia array).
function array_interface(x::AbstractArray{T}, a) where {T}
    typestr = get(TYPESTRS, T, nothing)
    (typestr === nothing || !strided(x)) && throw(ArgumentError("not an array of numbers in strided memory"))
    fix_pinned_memory!(handle(a))
    ENDIAN_BOM == 0x04030201 || (typestr = replace(typestr, '<' => '>'))
    return pydict("shape" => size(x), "typestr" => typestr, "version" => 3,
                  "data" => (Int(UInt(pointer(x))), !writable(x)), "strides" => strides(x) .* sizeof(T))
end
error_type(::typeof(array_interface), x, err) = pybuiltins.AttributeError

strided(x::AbstractArray) = (try; strides(x); pointer(x); true; catch; false; end)
writable(x::Array) = true
writable(x::AbstractArray) = parent(x) !== x && writable(parent(x))

# The elements of any collection as nested Python lists, in numpy's order (what numpy makes an array of
# when it cannot view the memory).
array_collect(x, a) = pyrowlist(collect(x))

# -- vectors: Python's list methods --------------------------------------------------------------------

vector_resize(x, a) = (resize!(x, pyconvert(Int, py(a, 1))); nothing)
vector_reversed(x, a) = reverse(x)

function vector_sort(x, a)
    key = py(a, 2)
    sort!(x; rev=truth(a[1]), by=pyisnone(key) ? identity : (v -> key(v)))
    return nothing
end

vector_reverse(x, a) = (reverse!(x); nothing)

# Python's index for inserting or popping: negative from the end.
# (As juliacall: a position past either end is an IndexError, where Python's lists would clamp it.)
function vector_insert(x::AbstractVector{T}, a) where {T}
    i = pyconvert(Int, py(a, 1))
    k = i < 0 ? length(x) + i : i
    0 <= k <= length(x) || throw(BoundsError(x, i))
    insert!(x, firstindex(x) + k, pyconvert(T, py(a, 2)))
    return nothing
end
error_type(::typeof(vector_insert), x, err) = err isa BoundsError ? pybuiltins.IndexError : nothing
vector_append(x::AbstractVector{T}, a) where {T} = (push!(x, pyconvert(T, py(a, 1))); nothing)
vector_extend(x::AbstractVector{T}, a) where {T} = (append!(x, [pyconvert(T, v) for v in py(a, 1)]); nothing)

function vector_pop(x, a)
    isempty(x) && throw(BoundsError(x, 0))
    i = pyconvert(Int, py(a, 1))
    j = i < 0 ? lastindex(x) + i + 1 : firstindex(x) + i
    checkindex(Bool, axes(x, 1), j) || throw(BoundsError(x, i))
    v = x[j]
    deleteat!(x, j)
    return v
end
error_type(::typeof(vector_pop), x, err) = err isa BoundsError ? pybuiltins.IndexError : nothing

function vector_position(x::AbstractVector{T}, a) where {T}
    v = pyconvert(T, py(a, 1), NOT_CONVERTED)
    i = v === NOT_CONVERTED ? nothing : findfirst(==(v), x)
    i === nothing && throw(ArgumentError("value not in vector"))
    return i
end

vector_remove(x, a) = (deleteat!(x, vector_position(x, a)); nothing)
vector_index(x, a) = vector_position(x, a) - firstindex(x)
for f in (:vector_remove, :vector_index)
    @eval error_type(::typeof($f), x, err) = err isa ArgumentError ? pybuiltins.ValueError : nothing
end

function vector_count(x::AbstractVector{T}, a) where {T}
    v = pyconvert(T, py(a, 1), NOT_CONVERTED)
    return v === NOT_CONVERTED ? 0 : count(==(v), x)
end
