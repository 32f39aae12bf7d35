"""
The worker's only door to CPython's C API: libpython loaded and initialised, the GIL, a table of every C
function the worker calls (with what each does with references and how it reports a Python exception)
and the thin wrappers generated from it (used only here), the layouts of the C structs it reads, and the
operations the layers above use, in Julia's words and at the level of raw pointers. No other file names a
libpython symbol, so that a layer backed by PythonCall.jl could replace this one where that package is
installed.

Raw pointers (`PyPtr`) are owned by whoever got them as a new reference; the layers above wrap them in
`Py` objects (Objects/py.jl). References change only on the main thread with the GIL held.
"""
module C

using Libdl
using ..Utils: without_finalizers, enable_finalizers, collection_count

export PyPtr, PyException, PythonError, PyBuffer, python_initialize, python_loaded, python_library, with_gil,
       hold_finalizers, release_finalizers, with_finalizers,
       without_gil,
       # references, types, plain values
       incref, decref, enqueue_release, release_queued, release_after_collection, queue_every_release,
       queued_releases, type_of, type_name, is_kind, none, is_true, new_ref, simple_value,
       bytes_ref, blank_bytearray_ref, address_ref, address_of, int_of, plain_value, bytes_of, string_of,
       str_of, text_of,
       # operations
       getattr_ref, try_getattr_ref, setattr, object_setattr, hasattr, import_ref, call_ref, call_method_ref,
       call_string,
       getitem_ref, try_getitem_ref, setitem, delitem, length_of, has_item, iter_ref, next_ref, hash_of,
       truth, callable, isinstance, issubclass, compare_ref, compare, binary_ref, power_ref, unary_ref,
       raise_interrupt, raise_error, check_signals, method_function, METH_FASTCALL,
       # containers
       tuple_ref, list_ref, set_ref, dict_ref, slice_ref, map_tuple, dict_items, dict_get,
       with_buffer,
       # buffers and wrappers (Wrap/)
       type_has_buffer, capsule_pointer, ArrayStruct, array_struct_of, is_dense,
       # types made from C (JlWrap/)
       buffer_type_ref, fill_buffer!, release_buffer!

const PyPtr = Ptr{Cvoid}

include("structs.jl")
include("release_queue.jl")
include("exceptions.jl")
include("functions.jl")
include("context.jl")
include("libpython.jl")
include("objects.jl")
include("containers.jl")
include("operations.jl")
include("buffers.jl")
include("buffer_type.jl")

end
