# Memory both languages see, and how long it lives:
# - a numpy array seen from Julia is a Julia Array over its memory; Julia holds a reference to the numpy
#   owner, released on the main thread (with the GIL) after Julia's view is garbage;
# - a Julia Array seen from Python is a numpy array over Julia's memory; Julia keeps the array pinned under a
#   handle until Python reports that its last view died. Julia objects Python has juliacall wrappers of
#   are pinned the same way.

# A reference Julia holds on a Python object. The finalizer of Julia's view only sets `released`
# (finalizers may run at any allocation, so they must not touch Python or shared containers). `direct`:
# the Julia Array itself is what the user got (not the parent of a row-major PermutedDimsArray).
mutable struct PyOwnerRef
    ptr::PyPtr
    array::WeakRef
    direct::Bool
    released::Bool
end

# Julia Arrays over Python memory, by identity (a WeakKeyDict would hash the arrays' contents), and the
# latest one made for each Python owner.
const OWNER_REFS = Dict{UInt,PyOwnerRef}()
const LATEST_VIEW = Dict{PyPtr,PyOwnerRef}()
const PINNED = Dict{Int,Any}()                       # handle => Julia array or object Python has
const PINNED_MEMORY = Dict{Int,Any}()                # handle => the memory under a pinned array (1.11+)
const NEXT_HANDLE = Ref(0)
const WRAPPED_BYTES = Ref(0)
const GC_EVERY_BYTES = 1 << 28

"""
    share_numpy(owner, ptr, shape, c_order; copy=false) -> (array, shared::Bool)

The Julia array over the memory of the numpy array `owner` (GIL held) at `ptr`, of numpy's `shape`, in C
(row-major) or Fortran order; it holds a reference to `owner` until it is garbage. `copy`: an independent
copy instead.
"""
function share_numpy(owner::PyPtr, ptr::Ptr{T}, shape::Tuple, c_order::Bool; copy::Bool=false) where {T}
    dims = c_order ? reverse(shape) : shape
    A = existing_view(owner, ptr, dims)
    if A === nothing
        A = unsafe_wrap(Array, ptr, dims; own=false)
    end
    view = c_order && length(dims) >= 2 ? PermutedDimsArray(A, Tuple(length(dims):-1:1)) : A
    # --copy, or a copy Python had to make (non-contiguous): an independent Julia array.
    copy && return Base.copy(view), false
    haskey(OWNER_REFS, objectid(A)) && return view, true
    ref = PyOwnerRef(owner, WeakRef(A), view === A, false)
    # Only memory not already held through another view counts towards the next collection.
    haskey(LATEST_VIEW, owner) || (WRAPPED_BYTES[] += sizeof(A))
    incref(owner)
    OWNER_REFS[objectid(A)] = ref
    LATEST_VIEW[owner] = ref
    finalizer(_ -> (ref.released = true), memory_owner(A))
    return view, true
end

# The Julia array already made over this memory, if it is still alive: sending the same numpy array
# again gives the same Julia object, and costs nothing.
function existing_view(owner::PyPtr, ptr::Ptr{T}, dims) where {T}
    ref = get(LATEST_VIEW, owner, nothing)
    ref === nothing && return nothing
    A = ref.array.value
    return A isa Array{T} && !ref.released && pointer(A) == ptr && size(A) == dims ? A : nothing
end

"""
    python_owner(A) -> Union{PyPtr,Nothing}

The Python object whose memory the Julia array `A` wraps, if any.
"""
function python_owner(A)
    ref = owner_ref(A)
    return ref === nothing ? nothing : ref.ptr
end

"""
    python_object_of(x) -> Union{PyPtr,Nothing}

The numpy array whose memory `x` views, if `x` is that view exactly as the user received it (the Array
over a Fortran-ordered array, the row-major view of a C-ordered one): sent back to Python, `x` is that
array again.
"""
function python_object_of(x::AbstractArray)
    direct = !(x isa PermutedDimsArray)
    direct || permutation(x) == Tuple(ndims(x):-1:1) || return nothing
    ref = owner_ref(direct ? x : parent(x))
    return ref !== nothing && ref.direct == direct ? ref.ptr : nothing
end

permutation(::PermutedDimsArray{T,N,perm}) where {T,N,perm} = perm

function owner_ref(A)
    ref = get(OWNER_REFS, objectid(A), nothing)
    return ref !== nothing && ref.array.value === A && !ref.released ? ref : nothing
end

"""
    python_owners() -> Set{UInt}

The addresses of the Python objects whose memory Julia arrays view now.
"""
python_owners() = Set(UInt(ref.ptr) for ref in values(LATEST_VIEW) if !ref.released)

"""
    pin!(x, [pinned]) -> handle

Keep `x` alive under a new handle until Python reports its last view or wrapper of it gone. The handle is
appended to `pinned` too, if given (so that a failed call can unpin it: `unpin_all!`).
"""
function pin!(x)
    handle = NEXT_HANDLE[] += 1
    PINNED[handle] = x
    return handle
end

pin!(x, pinned::Vector{Any}) = push!(pinned, pin!(x))[end]

"""
    fix_pinned_memory!(handle, [A]) -> handle

The memory of the array pinned under `handle` (or of `A`, an array inside what is pinned there) stays
where Python's view of it points (`fix_memory`) for as long as it is pinned. (A wrapped array stays
resizable until Python views its memory.)
"""
function fix_pinned_memory!(handle::Int, A=PINNED[handle])
    if A isa Array && !haskey(PINNED_MEMORY, handle)
        keeper = fix_memory(A)
        PINNED_MEMORY[handle] = something(keeper, A)
    end
    return handle
end

"""
    unpin_all!(pinned)

Let go of the handles a failed call pinned.
"""
unpin_all!(pinned::Vector{Any}) = foreach(unpin!, pinned)

"""
    unpin!(handle)

Let go of what Julia kept alive for Python under `handle`.
"""
function unpin!(handle::Int)
    delete!(PINNED, handle)
    delete!(PINNED_MEMORY, handle)
    return nothing
end

"""
    pinned(handle)

The Julia object pinned for Python under `handle`.
"""
pinned(handle::Integer) = PINNED[handle]

"""
    pinned_for_python(x) -> Bool

Whether Python holds a view or a wrapper of `x` itself.
"""
pinned_for_python(x) = any(p -> p === x, values(PINNED))

# Python objects made for a description, alive until Python has built its value from it: let go at the next
# `release_bridged`, not whenever Julia's GC collects them (each wrapper holds a pinned Julia object).
const HANDED_OVER = Py[]

# Proxies and views made and dropped by a loop inside one cell are let go before the cell ends, in
# batches (a release walks every shared array).
const RELEASE_BATCH = 1000
const PY_RELEASED = Ref{PyPtr}(C_NULL)  # bridge.py's `released`

"""
    release_bridged_in_batches()

`release_bridged()` once Python has queued a batch of handles to let go (GIL held); costs nothing otherwise.
"""
function release_bridged_in_batches()
    if PY_RELEASED[] == C_NULL
        PY_RELEASED[] = runtime_global("bridge", "released")
    end
    length_of(PY_RELEASED[]) >= RELEASE_BATCH && release_bridged()
    return nothing
end

"""
    release_bridged()

Drop what the other side no longer uses: references on numpy owners whose Julia views are garbage, and
pins on Julia arrays whose last numpy view died. Runs on the main thread between requests.
"""
function release_bridged()
    python_ready() || return
    with_gil() do
        release_queued()
        foreach(pydel!, HANDED_OVER)
        empty!(HANDED_OVER)
        handles = runtime_ref(:take_released)
        try
            foreach(unpin!, map_tuple(int_of, handles))
        finally
            decref(handles)
        end
        filter!(OWNER_REFS) do (_, ref)
            ref.released && decref(ref.ptr)
            !ref.released
        end
        filter!(((_, ref),) -> !ref.released, LATEST_VIEW)
    end
    # Views over Python memory look tiny to Julia's GC: once they cover a lot of memory, a quick
    # collection of young objects (where views just replaced are) lets their owners go.
    if WRAPPED_BYTES[] > GC_EVERY_BYTES
        WRAPPED_BYTES[] = 0
        GC.gc(false)
    end
end
