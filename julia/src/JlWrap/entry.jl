# The one entry of every method of juliacall's values: Python calls the builtin function `julia_op(n,
# handle, args...)`, which runs method number `n` of `METHODS` (by the name Python calls it by; the same
# order as juliacall's `METHODS`, julia/INSIDE.md) on the Julia value pinned under `handle` (0: `Main`) and
# converts its result as juliacall does (`Py(result)`). Errors become Python exceptions; nothing is thrown
# through Python's C frames.

value_bool(x, a) = x isa Number ? !iszero(x) : true
value_hash(x, a) = x isa Number ? hash_of_number(x) : any_hash(x, a)
value_copy(x, a) = copy(x)

const METHODS = [
    :repr => any_repr, :str => any_str, :getattr => any_getattr, :setattr => any_setattr, :dir => any_dir,
    :call => any_call, :call_nogil => any_call, :len => any_len, :bool => value_bool,
    :getitem => any_getitem, :setitem => any_setitem, :delitem => any_delitem, :iter => any_iter,
    :reversed => any_reversed, :contains => any_contains, :unary => any_unary, :binary => any_binary,
    :power => any_power, :hash => value_hash, :name => any_name, :display => any_display, :help => any_help,
    :mimebundle => any_mimebundle, :raw => any_raw, :copy => value_copy, :clear => collection_clear,
    :seval => module_seval, :typeparams => type_params, :convert => type_convert,
    :ndim => array_ndim, :shape => array_shape, :reshape => array_reshape, :array_getitem => array_getitem,
    :array_setitem => array_setitem, :array_delitem => array_delitem, :array_interface => array_interface,
    :array_collect => array_collect,
    :resize => vector_resize, :vector_reversed => vector_reversed, :sort => vector_sort,
    :reverse => vector_reverse, :insert => vector_insert,
    :append => vector_append, :extend => vector_extend, :pop => vector_pop, :remove => vector_remove,
    :index => vector_index, :count => vector_count,
    :dict_getitem => mapping_getitem, :dict_setitem => mapping_setitem, :dict_delitem => mapping_delitem,
    :dict_contains => mapping_contains, :dict_iter => mapping_iter, :keys => mapping_keys,
    :values => mapping_values, :items => mapping_items, :get => mapping_get,
    :setdefault => mapping_setdefault,
    :dict_pop => mapping_pop, :popitem => mapping_popitem, :update => mapping_update,
    :set_contains => set_contains, :add => set_add, :discard => set_discard, :set_pop => set_pop,
    :set_remove => set_remove, :set_op => set_op, :set_compare => set_compare,
    :number_unary => number_unary, :number_binary => number_binary, :number_power => number_power,
    :number_compare => number_compare, :float => number_float, :int => number_int, :complex => number_complex,
    :index_of => number_index, :real => number_real, :imag => number_imag, :conjugate => number_conjugate,
    :numerator => number_numerator, :denominator => number_denominator, :round => number_round,
    :trunc => number_trunc, :floor => number_floor, :ceil => number_ceil,
    :next => iterator_next, :raw_getattr => raw_getattr, :raw_call => raw_call, :raw_getitem => raw_getitem,
    :raw_value => raw_value,
    :io_read => io_read, :io_readline => io_readline, :io_write => io_write, :io_flush => io_flush,
    :io_close => io_close, :io_closed => io_closed, :io_seek => io_seek, :io_tell => io_tell,
    :io_readable => io_readable, :io_writable => io_writable, :io_seekable => io_seekable,
    :io_isatty => io_isatty, :io_fileno => io_fileno, :io_truncate => io_truncate,
    :io_readinto => io_readinto,
    :io_encoding => io_encoding, :callback => callback_call, :pickle => value_pickle,
    :unpickle => value_unpickle, :arrow => value_arrow,
]

const METHOD_FUNCTIONS = Function[f for (_, f) in METHODS]

"""
    julia_op(self, argv, nargs) -> PyPtr

The builtin function behind every method of juliacall's values (METH_FASTCALL): `argv` holds the method's
number, the value's handle, then the method's arguments. It runs with finalizers held off, except in the
user code of calls and `seval` (as in a cell).
"""
function julia_op(::PyPtr, argv::Ptr{PyPtr}, nargs::Cssize_t)
    f, x = nothing, nothing
    hold_finalizers()
    CROSSINGS[] += 1
    try
        if CROSSINGS[] > MAX_CROSSINGS
            raise_error(getptr(pybuiltins.RecursionError), TOO_DEEP)
            return C_NULL
        end
        release_bridged_in_batches()
        n, handle = int_of(unsafe_load(argv, 1)), int_of(unsafe_load(argv, 2))
        x = handle == 0 ? Main : pinned(handle)
        f = METHOD_FUNCTIONS[n+1]
        return new_ref(f(x, Args(argv, Int(nargs) - 2)))
    catch err
        raise_in_python(f, x, err isa LoadError ? err.error : err, catch_backtrace())
        return C_NULL
    finally
        CROSSINGS[] -= 1
        release_finalizers()
    end
end

# Calls from Python into Julia under way, one inside the other (Python calling Julia calling Python...). Each
# takes native stack that neither language counts, and an error thrown from deep down is rethrown at every
# crossing on its way up, each time recording the whole stack: a recursion across the languages stops at
# this depth, with Python's RecursionError, long before the stack overflows inside a call (which no
# language survives) and while its error still travels up in a fraction of a second.
const CROSSINGS = Ref(0)
const MAX_CROSSINGS = 100
# (The worker's Python shell knows the error by how its message begins: it shows the ends of its traceback.)
const TOO_DEEP = "maximum recursion depth exceeded in calls between Python and Julia ($MAX_CROSSINGS calls " *
                 "from Python into Julia, one inside the other)"

const JULIA_OP_NAME = "julia_op"

"""
    julia_op_function() -> PyPtr

A new reference to the builtin function `julia_op`.
"""
julia_op_function() =
    method_function(JULIA_OP_NAME, @cfunction(julia_op, PyPtr, (PyPtr, Ptr{PyPtr}, Cssize_t)), METH_FASTCALL)

"""
    init_jlwrap(pythoncall)

Make juliacall ready (once Python runs): its classes found, its methods' entry point and Julia's modules
(`Main`, `Base`, `Core` and `pythoncall`, the worker's PythonCall) given to it.
"""
function init_jlwrap(pythoncall::Module)
    offer_buffer_base()
    init_values()
    # (A dynamic call: `julia_op`, a C function, compiled now that libpython is loaded, for its `ccall`s to
    # find their symbols.)
    op = with_py(() -> pynew(Base.invokelatest(julia_op_function)))
    release = with_py(() -> pynew(runtime_global("bridge", "release")))
    JULIACALL.connect(op, release, pyjl(Main), pyjl(Base), pyjl(Core), pyjl(pythoncall))
    return nothing
end
