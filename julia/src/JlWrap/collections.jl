# The methods of `juliacall.DictValue` and `SetValue`: Julia dictionaries and sets as Python mutable
# mappings and sets. Keys and elements from Python are converted to the Julia collection's own types.

key_of(x::AbstractDict{K}, a, i) where {K} = pyconvert(K, py(a, i))

mapping_getitem(x::AbstractDict, a) = x[key_of(x, a, 1)]
mapping_setitem(x::AbstractDict{K,V}, a) where {K,V} = (x[key_of(x, a, 1)] = pyconvert(V, py(a, 2)); nothing)
function mapping_delitem(x::AbstractDict, a)
    k = key_of(x, a, 1)
    haskey(x, k) || throw(KeyError(k))
    delete!(x, k)
    return nothing
end
for f in (:mapping_getitem, :mapping_setitem, :mapping_delitem)
    @eval error_type(::typeof($f), x, err) = err isa KeyError || err isa ArgumentError ? pybuiltins.KeyError :
        nothing
end

mapping_contains(x::AbstractDict{K}, a) where {K} =
    (k = pyconvert(K, py(a, 1), NOT_CONVERTED); k !== NOT_CONVERTED && haskey(x, k))
mapping_iter(x::AbstractDict, a) = pyjl(pyjliteratortype, Iterator(keys(x)))
mapping_keys(x::AbstractDict, a) = pyjl(pyjlsettype, keys(x))
mapping_values(x::AbstractDict, a) = pyjl(pyjlanytype, values(x))
mapping_items(x::AbstractDict, a) = pyjl(pyjlanytype, [(k, v) for (k, v) in x])
mapping_get(x::AbstractDict{K}, a) where {K} =
    (k = pyconvert(K, py(a, 1), NOT_CONVERTED); k !== NOT_CONVERTED && haskey(x, k) ? x[k] : py(a, 2))

function mapping_setdefault(x::AbstractDict{K,V}, a) where {K,V}
    k = key_of(x, a, 1)
    haskey(x, k) || (x[k] = pyconvert(V, py(a, 2)))
    return x[k]
end

function mapping_pop(x::AbstractDict{K}, a) where {K}
    k = pyconvert(K, py(a, 1), NOT_CONVERTED)
    if k === NOT_CONVERTED || !haskey(x, k)
        truth(a[3]) && return py(a, 2)
        throw(KeyError(k === NOT_CONVERTED ? pystr(String, pyrepr(py(a, 1))) : k))
    end
    return pop!(x, k)
end
error_type(::typeof(mapping_pop), x, err) = err isa KeyError ? pybuiltins.KeyError : nothing

function mapping_popitem(x::AbstractDict, a)
    isempty(x) && throw(KeyError("popitem(): dictionary is empty"))
    k, v = first(x)
    delete!(x, k)
    return (k, v)
end
error_type(::typeof(mapping_popitem), x, err) = err isa KeyError ? pybuiltins.KeyError : nothing

function mapping_update(x::AbstractDict{K,V}, a) where {K,V}
    other = py(a, 1)
    pairs = pyhasattr(other, "keys") ? ((k, other[k]) for k in other.keys()) : other
    for item in pairs
        k, v = item
        x[pyconvert(K, k)] = pyconvert(V, v)
    end
    return nothing
end

collection_clear(x, a) = (empty!(x); nothing)

# -- sets ---------------------------------------------------------------------------------------------

element_of(x::AbstractSet{T}, a, i) where {T} = pyconvert(T, py(a, i))

set_contains(x::AbstractSet{T}, a) where {T} =
    (v = pyconvert(T, py(a, 1), NOT_CONVERTED); v !== NOT_CONVERTED && v in x)
set_add(x::AbstractSet, a) = (push!(x, element_of(x, a, 1)); nothing)
set_discard(x::AbstractSet{T}, a) where {T} =
    (v = pyconvert(T, py(a, 1), NOT_CONVERTED); v === NOT_CONVERTED || delete!(x, v); nothing)

function set_remove(x::AbstractSet, a)
    v = element_of(x, a, 1)
    v in x || throw(KeyError(v))
    delete!(x, v)
    return nothing
end

function set_pop(x::AbstractSet, a)
    isempty(x) && throw(KeyError("pop from an empty set"))
    return pop!(x)
end
for f in (:set_remove, :set_pop)
    @eval error_type(::typeof($f), x, err) = err isa KeyError || err isa ArgumentError ? pybuiltins.KeyError :
        nothing
end

const SET_OPS = Dict{String,Function}("setdiff" => setdiff, "intersect" => intersect, "union" => union,
                                      "symdiff" => symdiff)
const SET_OPS_INPLACE = Dict{String,Function}("setdiff" => setdiff!, "intersect" => intersect!,
                                              "union" => union!, "symdiff" => symdiff!)

# `difference`, `union`...: with other sets (any iterables), a new set, or this one changed in place.
function set_op(x::AbstractSet{T}, a) where {T}
    others = [Set{T}(pyconvert(T, v) for v in o) for o in py(a, 2)]
    if truth(a[3])
        SET_OPS_INPLACE[string_arg(a, 1)](x, others...)
        return nothing
    end
    return SET_OPS[string_arg(a, 1)](x, others...)
end

function set_compare(x::AbstractSet{T}, a) where {T}
    other = Set{T}(pyconvert(T, v) for v in py(a, 2))
    op = string_arg(a, 1)
    op == "isdisjoint" && return isdisjoint(x, other)
    return op == "issubset" ? issubset(x, other) : issubset(other, x)
end
