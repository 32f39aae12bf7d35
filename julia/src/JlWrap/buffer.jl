# juliacall's ArrayValue exports its array's memory through Python's buffer protocol (`memoryview(v)`,
# `bytes(v)`, `file.write(v)`), as juliacall's does: its base class `juliacall.ArrayBuffer` is made here
# from C (C/buffer_type.jl) and offered to the juliacall package as `juliacall._buffer` before Python
# imports it (python/juliacall/array.py).

# `bf_getbuffer` of ArrayBuffer: the view of the array pinned under `o._jl_handle`, or a BufferError.
function get_buffer(o::PyPtr, view::Ptr{PyBuffer}, flags::Cint)::Cint
    try
        h = getattr_ref(o, getptr(HANDLE_NAME))
        handle = try int_of(h) finally decref(h) end
        export_buffer!(view, o, pinned(handle), flags)
        fix_pinned_memory!(handle)
        return 0
    catch err
        err isa PyException || raise_error(getptr(pybuiltins.BufferError), sprint(showerror, err))
        return -1
    end
end

function export_buffer!(view::Ptr{PyBuffer}, o::PyPtr, x::AbstractArray{T}, flags::Cint) where {T}
    format = get(BUFFER_CODES, T, nothing)
    (format === nothing || !strided(x)) && throw(ArgumentError(
        "a Julia $(typeof(x)) has no buffer: its elements are not numbers in strided memory"))
    fill_buffer!(view, o, pointer(x), sizeof(T), pointer(format), size(x), strides(x) .* sizeof(T),
                 !writable(x), flags)
    return nothing
end

release_buffer(o::PyPtr, view::Ptr{PyBuffer}) = release_buffer!(view)

buffer_base_ref() = buffer_type_ref("juliacall.ArrayBuffer",
                                    @cfunction(get_buffer, Cint, (PyPtr, Ptr{PyBuffer}, Cint)),
                                    @cfunction(release_buffer, Cvoid, (PyPtr, Ptr{PyBuffer})))

"""
    offer_buffer_base()

Make `juliacall.ArrayBuffer` and offer it as the module `juliacall._buffer`, for juliacall's ArrayValue to
derive from when Python imports it.
"""
function offer_buffer_base()
    # (A dynamic call: the C functions, compiled now that libpython is loaded, for their `ccall`s.)
    base = with_py(() -> pynew(Base.invokelatest(buffer_base_ref)))
    m = pyimport("types").ModuleType("juliacall._buffer")
    m.ArrayBuffer = base
    pysetitem(pyimport("sys").modules, "juliacall._buffer", m)
    return nothing
end
