# Where a `PyArray`'s memory comes from: numpy's `__array_struct__` (a C struct in a capsule, the cheapest
# to read), the `__array_interface__` dict, or the buffer protocol (through a `memoryview`). Each source
# gives a `Layout`: the address, element type, shape and byte strides, whether it may be written, and the
# Python object that keeps the memory valid while it lives.

"""
    Layout

An array's memory as a source describes it: `ptr`, element type in memory `eltype`, `size` and byte
`strides` (numpy's order of dimensions), `writable`, the `handle` that keeps `ptr` valid, and `py`, the
object it is the memory of.
"""
struct Layout
    ptr::Ptr{Cvoid}
    eltype::DataType
    size::Vector{Int}
    strides::Vector{Int}
    writable::Bool
    handle::Any
    py::Py
end

# Byte strides of a C-ordered (row-major) array.
c_strides(itemsize::Int, size::Vector{Int}) = Int[itemsize * prod(size[k+1:end]) for k in eachindex(size)]

"""
    array_struct_layout(x) -> Union{Layout,Nothing}

`x`'s memory by its `__array_struct__`; nothing if it has none. The capsule keeps the array alive.
"""
function array_struct_layout(x::Py)
    capsule = pygetattr(x, "__array_struct__", nothing)
    capsule === nothing && return nothing
    s = pyop(array_struct_of, capsule)
    s.native || unsupported("arrays in the other byte order")
    descr = s.descr == C_NULL ? nothing : with_py(() -> pynew(incref(s.descr)))
    R = kind_eltype(s.kind, s.itemsize, descr)
    return Layout(s.data, R, s.shape, s.strides, s.writable, capsule, x)
end

"""
    array_interface_layout(x) -> Union{Layout,Nothing}

`x`'s memory by its `__array_interface__` (version 3); nothing if it has none. Its `data` is an address
(kept valid by `x`) or an object exporting a buffer (by default `x` itself).
"""
function array_interface_layout(x::Py)
    d = pygetattr(x, "__array_interface__", nothing)
    d === nothing && return nothing
    entry(key) = (v = pygetitem(d, key, nothing); v === nothing || pyisnone(v) ? nothing : v)
    entry("mask") === nothing || unsupported("masked arrays")
    R = typestr_eltype(pyconvert(String, pygetitem(d, "typestr")), entry("descr"))
    size = pyconvert(Vector{Int}, pygetitem(d, "shape"))
    strides = entry("strides")
    strides = strides === nothing ? c_strides(sizeof(R), size) : pyconvert(Vector{Int}, strides)
    data = entry("data")
    if data !== nothing && pyistuple(data)
        ptr = Ptr{Cvoid}(pyconvert(UInt, pygetitem(data, 0)))
        return Layout(ptr, R, size, strides, !pytruth(pygetitem(data, 1)), (x, d), x)
    end
    memory = buffer_memory(data === nothing ? x : data)
    offset = something(entry("offset"), 0)
    return Layout(memory.ptr + pyconvert(Int, offset), R, size, strides, memory.writable, memory.handle, x)
end

"""
    buffer_layout(x) -> Union{Layout,Nothing}

`x`'s memory by the buffer protocol; nothing if its type exports no buffers. The memoryview keeps the
buffer exported (and so, for a `bytearray`, unresizable) while it lives.
"""
function buffer_layout(x::Py)
    pyop(o -> type_has_buffer(type_of(o)), x) || return nothing
    view = pybuiltins.memoryview(x)
    layout = with_py() do
        with_buffer(getptr(view)) do b
            b.suboffsets == C_NULL || unsupported("indirect (PIL-style) buffers")
            R = buffer_eltype(b.format == C_NULL ? "B" : unsafe_string(b.format), b.itemsize)
            read_dims(p, otherwise) = p == C_NULL ? otherwise : Int[unsafe_load(p, i) for i in 1:b.ndim]
            size = read_dims(b.shape, b.ndim == 0 ? Int[] : [b.len ÷ b.itemsize])
            strides = read_dims(b.strides, c_strides(Int(b.itemsize), size))
            Layout(b.buf, R, size, strides, b.readonly == 0, view, x)
        end
    end
    # (A memoryview exports again only what it can describe by strides: not an indirect buffer.)
    layout === nothing && unsupported("a buffer that is not strided memory (an indirect, PIL-style one?)")
    return layout
end

# The memory of an object exporting a buffer, as one block: its address, whether it may be written, and
# the memoryview that keeps it exported.
function buffer_memory(o::Py)
    view = pybuiltins.memoryview(o)
    memory = with_py(() -> with_buffer(b -> (ptr=b.buf, writable=b.readonly == 0), getptr(view)))
    memory === nothing && unsupported("a buffer that is not strided memory (an indirect, PIL-style one?)")
    return (ptr=memory.ptr, writable=memory.writable, handle=(o, view))
end

"""
    array_layout(x; array=true, buffer=true, copy=true) -> Union{Layout,Vector{String}}

The memory of the Python object `x` from the first source that gives it: with `array`, its
`__array_struct__`, then its `__array_interface__`; with `buffer`, the buffer protocol; with `copy` and
`array` too, the array `x.__array__()` returns (which may be a copy). If none does, why each failed.
"""
function array_layout(x::Py; array::Bool=true, buffer::Bool=true, copy::Bool=true)
    reasons = String[]
    function attempt(source, y)
        try
            return source(y)
        catch err
            err isa InterruptException && rethrow()
            push!(reasons, "$(nameof(source)): $(err isa PyException ? "Python error " : "")" *
                           sprint(showerror, err))
            return nothing
        end
    end
    sources = [array ? [array_struct_layout, array_interface_layout] : []; buffer ? [buffer_layout] : []]
    for source in sources
        layout = attempt(source, x)
        layout === nothing || return layout
    end
    if copy && array && pyhasattr(x, "__array__")
        y = attempt(o -> pygetattr(o, "__array__")(), x)
        # (A numpy array gives itself, already tried.)
        (y === nothing || pyis(y, x)) && return reasons
        for source in (array_struct_layout, array_interface_layout)
            layout = attempt(source, y)
            layout === nothing || return layout
        end
    end
    return reasons
end
