# Every function of libpython the worker calls, and the wrappers generated from this table: `C.f(args...)`
# is `ccall(:f, ...)` with the signature given here, followed by the check the table names. A wrapper's
# docstring says what it does with references (`@doc C.PyTuple_SetItem`).
#
# What a function does with references:
#   NEW        returns a new reference, which the caller owns and must release
#   BORROWED   returns a borrowed reference, valid while its owner keeps it
#   STEALS(i)  takes over the reference passed as argument i, even when it fails
#   NOREF      returns no object
# How it reports a Python exception (the wrapper then throws it as a `PyException`, having fetched and
# cleared it; every C API failure is checked this way):
#   NULL         a NULL result
#   MINUS_ONE    a result of -1
#   IF_SET       the failure value (NULL, -1 or -1.0) with the error indicator set, since it is also a value
#   NEVER        it cannot fail

struct Steals
    argument::Int
end

const NEW, BORROWED, NOREF = :new, :borrowed, :noref
STEALS(i::Int) = Steals(i)
const NULL, MINUS_ONE, IF_SET, NEVER = :null, :minus_one, :if_set, :never

# name, return type, argument types, references, failure
const FUNCTIONS = [
    # -- the interpreter and the GIL
    (:Py_SetProgramName, Cvoid, (Ptr{Cwchar_t},), NOREF, NEVER),
    (:Py_SetPythonHome, Cvoid, (Ptr{Cwchar_t},), NOREF, NEVER),
    (:Py_InitializeEx, Cvoid, (Cint,), NOREF, NEVER),
    (:Py_GetVersion, Cstring, (), NOREF, NEVER),
    (:PyEval_SaveThread, Ptr{Cvoid}, (), NOREF, NEVER),
    (:PyEval_RestoreThread, Cvoid, (Ptr{Cvoid},), NOREF, NEVER),
    (:PyGILState_Ensure, Cint, (), NOREF, NEVER),
    (:PyGILState_Release, Cvoid, (Cint,), NOREF, NEVER),
    # -- references and errors
    (:Py_IncRef, Cvoid, (PyPtr,), NOREF, NEVER),
    (:Py_DecRef, Cvoid, (PyPtr,), NOREF, NEVER),
    (:PyErr_Occurred, PyPtr, (), BORROWED, NEVER),
    (:PyErr_Fetch, Cvoid, (Ref{PyPtr}, Ref{PyPtr}, Ref{PyPtr}), NEW, NEVER),
    (:PyErr_NormalizeException, Cvoid, (Ref{PyPtr}, Ref{PyPtr}, Ref{PyPtr}), NEW, NEVER),
    (:PyErr_Clear, Cvoid, (), NOREF, NEVER),
    (:PyErr_CheckSignals, Cint, (), NOREF, MINUS_ONE),
    (:PyErr_SetString, Cvoid, (PyPtr, Cstring), NOREF, NEVER),
    (:PyErr_SetNone, Cvoid, (PyPtr,), NOREF, NEVER),
    (:PyErr_SetObject, Cvoid, (PyPtr, PyPtr), NOREF, NEVER),
    (:PyErr_ExceptionMatches, Cint, (PyPtr,), NOREF, NEVER),
    (:PyException_SetTraceback, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    # -- objects
    (:PyObject_GetAttr, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyObject_GetAttrString, PyPtr, (PyPtr, Cstring), NEW, NULL),
    (:PyObject_SetAttr, Cint, (PyPtr, PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_SetAttrString, Cint, (PyPtr, Cstring, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_GenericSetAttr, Cint, (PyPtr, PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_HasAttrString, Cint, (PyPtr, Cstring), NOREF, NEVER),
    (:PyObject_Str, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_Repr, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_ASCII, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_Bytes, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_Dir, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_Type, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_IsInstance, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_IsSubclass, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_IsTrue, Cint, (PyPtr,), NOREF, MINUS_ONE),
    (:PyObject_Call, PyPtr, (PyPtr, PyPtr, PyPtr), NEW, NULL),
    (:PyObject_GetItem, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyObject_SetItem, Cint, (PyPtr, PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_DelItem, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyObject_Size, Cssize_t, (PyPtr,), NOREF, MINUS_ONE),
    (:PyObject_GetIter, PyPtr, (PyPtr,), NEW, NULL),
    (:PyObject_RichCompare, PyPtr, (PyPtr, PyPtr, Cint), NEW, NULL),
    (:PyObject_RichCompareBool, Cint, (PyPtr, PyPtr, Cint), NOREF, MINUS_ONE),
    (:PyObject_Hash, Cssize_t, (PyPtr,), NOREF, MINUS_ONE),
    (:PyObject_GetBuffer, Cint, (PyPtr, Ref{PyBuffer}, Cint), NOREF, MINUS_ONE),
    (:PyBuffer_Release, Cvoid, (Ref{PyBuffer},), NOREF, NEVER),
    (:PyIter_Next, PyPtr, (PyPtr,), NEW, IF_SET),
    (:PySequence_Contains, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyCallable_Check, Cint, (PyPtr,), NOREF, NEVER),
    (:PyType_GetFlags, Culong, (PyPtr,), NOREF, NEVER),
    (:PyImport_ImportModule, PyPtr, (Cstring,), NEW, NULL),
    (:PyImport_Import, PyPtr, (PyPtr,), NEW, NULL),
    (:PyCFunction_NewEx, PyPtr, (Ptr{Cvoid}, PyPtr, PyPtr), NEW, NULL),
    # -- numbers (operators)
    (:PyNumber_Add, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Subtract, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Multiply, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_MatrixMultiply, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_TrueDivide, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_FloorDivide, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Remainder, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Divmod, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Lshift, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Rshift, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_And, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Or, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Xor, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Power, PyPtr, (PyPtr, PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceAdd, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceSubtract, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceMultiply, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceMatrixMultiply, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceTrueDivide, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceFloorDivide, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceRemainder, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceLshift, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceRshift, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceAnd, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceOr, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlaceXor, PyPtr, (PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_InPlacePower, PyPtr, (PyPtr, PyPtr, PyPtr), NEW, NULL),
    (:PyNumber_Negative, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Positive, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Absolute, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Invert, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Index, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Long, PyPtr, (PyPtr,), NEW, NULL),
    (:PyNumber_Float, PyPtr, (PyPtr,), NEW, NULL),
    # -- tuples, lists, dicts, sets, slices
    (:PyTuple_New, PyPtr, (Cssize_t,), NEW, NULL),
    (:PyTuple_SetItem, Cint, (PyPtr, Cssize_t, PyPtr), STEALS(3), MINUS_ONE),
    (:PyTuple_GetItem, PyPtr, (PyPtr, Cssize_t), BORROWED, NULL),
    (:PyTuple_Size, Cssize_t, (PyPtr,), NOREF, MINUS_ONE),
    (:PyList_New, PyPtr, (Cssize_t,), NEW, NULL),
    (:PyList_Append, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyDict_New, PyPtr, (), NEW, NULL),
    (:PyDict_SetItem, Cint, (PyPtr, PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PyDict_SetItemString, Cint, (PyPtr, Cstring, PyPtr), NOREF, MINUS_ONE),
    (:PyDict_GetItem, PyPtr, (PyPtr, PyPtr), BORROWED, NEVER),
    (:PyDict_Next, Cint, (PyPtr, Ref{Cssize_t}, Ref{PyPtr}, Ref{PyPtr}), BORROWED, NEVER),
    (:PySet_New, PyPtr, (PyPtr,), NEW, NULL),
    (:PyFrozenSet_New, PyPtr, (PyPtr,), NEW, NULL),
    (:PySet_Add, Cint, (PyPtr, PyPtr), NOREF, MINUS_ONE),
    (:PySlice_New, PyPtr, (PyPtr, PyPtr, PyPtr), NEW, NULL),
    # -- plain values
    (:PyUnicode_FromStringAndSize, PyPtr, (Ptr{UInt8}, Cssize_t), NEW, NULL),
    (:PyUnicode_AsUTF8AndSize, Ptr{UInt8}, (PyPtr, Ref{Cssize_t}), NOREF, NULL),
    (:PyBytes_FromStringAndSize, PyPtr, (Ptr{UInt8}, Cssize_t), NEW, NULL),
    (:PyByteArray_FromStringAndSize, PyPtr, (Ptr{UInt8}, Cssize_t), NEW, NULL),
    (:PyByteArray_AsString, Ptr{UInt8}, (PyPtr,), NOREF, NULL),
    (:PyBytes_AsStringAndSize, Cint, (PyPtr, Ref{Ptr{UInt8}}, Ref{Cssize_t}), NOREF, MINUS_ONE),
    (:PyBool_FromLong, PyPtr, (Clong,), NEW, NULL),
    (:PyLong_FromLongLong, PyPtr, (Clonglong,), NEW, NULL),
    (:PyLong_FromUnsignedLongLong, PyPtr, (Culonglong,), NEW, NULL),
    (:PyLong_FromString, PyPtr, (Cstring, Ptr{Cvoid}, Cint), NEW, NULL),
    (:PyLong_FromVoidPtr, PyPtr, (Ptr{Cvoid},), NEW, NULL),
    (:PyLong_AsLongLong, Clonglong, (PyPtr,), NOREF, IF_SET),
    (:PyLong_AsLongLongAndOverflow, Clonglong, (PyPtr, Ref{Cint}), NOREF, IF_SET),
    (:PyLong_AsVoidPtr, Ptr{Cvoid}, (PyPtr,), NOREF, IF_SET),
    (:PyFloat_FromDouble, PyPtr, (Cdouble,), NEW, NULL),
    (:PyFloat_AsDouble, Cdouble, (PyPtr,), NOREF, IF_SET),
    (:PyComplex_FromDoubles, PyPtr, (Cdouble, Cdouble), NEW, NULL),
    (:PyComplex_RealAsDouble, Cdouble, (PyPtr,), NOREF, IF_SET),
    (:PyComplex_ImagAsDouble, Cdouble, (PyPtr,), NOREF, IF_SET),
    # -- buffers and wrappers (Wrap/)
    (:PyCapsule_GetName, Ptr{UInt8}, (PyPtr,), NOREF, IF_SET),
    (:PyCapsule_GetPointer, Ptr{Cvoid}, (PyPtr, Ptr{UInt8}), NOREF, NULL),
    # -- types made from C (JlWrap/)
    (:PyType_FromSpecWithBases, PyPtr, (Ptr{PyTypeSpec}, PyPtr), NEW, NULL),
]

# Objects of libpython's own, by address: `C.PyBool_Type()` is the address of the type `bool`.
const OBJECTS = [:PyBool_Type, :PyFloat_Type, :PyUnicode_Type, :PyLong_Type, :PyComplex_Type, :_Py_NoneStruct,
                 :_Py_TrueStruct]
# Variables of libpython that hold an object: `C.PyExc_KeyboardInterrupt()` is the object they hold.
const VARIABLES = [:PyExc_KeyboardInterrupt, :PyExc_AttributeError, :PyExc_KeyError, :PyExc_IndexError]

failure_value(T::Type) = T <: Ptr ? :(C_NULL) : T <: AbstractFloat ? :(-1.0) : :(-1)

# The check a wrapper makes on its result `r`, by the table's failure column.
function failure_check(failure::Symbol, T::Type)
    failure === NEVER && return :(r)
    failure === NULL && return :(r == C_NULL ? throw_pending() : r)
    failure === MINUS_ONE && return :(r == -1 ? throw_pending() : r)
    failure === IF_SET &&
        return :(r == $(failure_value(T)) && PyErr_Occurred() != C_NULL ? throw_pending() : r)
    error("no failure convention $failure")
end

describe_references(r::Steals) = "steals the reference passed as argument $(r.argument), even when it fails"
describe_references(r::Symbol) = r === NEW ? "returns a new reference" :
    r === BORROWED ? "returns borrowed references" : "returns no object"
describe_failure(failure::Symbol) = failure === NEVER ? "cannot fail" :
    "throws the Python exception as a `PyException` when it returns " *
    (failure === NULL ? "NULL" : failure === MINUS_ONE ? "-1" : "its failure value with the error set")

for (name, ret, args, refs, failure) in FUNCTIONS
    params = [Symbol(:a, i) for i in eachindex(args)]
    call = :(ccall($(QuoteNode(name)), $ret, ($(args...),), $(params...)))
    signature = "$name($(join(args, ", "))) -> $ret"
    @eval begin
        @doc $("    $signature\n\n$(describe_references(refs)); $(describe_failure(failure)).")
        @inline function $name($(params...))
            r = $call
            return $(failure_check(failure, ret))
        end
    end
    # (For the few callers that handle one kind of failure themselves: operations.jl's `try_*`.)
    failure === NEVER || @eval @inline $(Symbol(name, :_unchecked))($(params...)) = $call
end

for name in OBJECTS
    @eval $name() = cglobal($(QuoteNode(name)))
end

for name in VARIABLES
    @eval $name() = unsafe_load(Ptr{PyPtr}(cglobal($(QuoteNode(name)))))
end

"""
    throw_pending()

Throw the Python exception that is set as a `PyException`, clearing it (GIL held). What every wrapper
above does when its function failed.
"""
@noinline function throw_pending()
    ptype, pvalue, ptb = Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL), Ref{PyPtr}(C_NULL)
    PyErr_Fetch(ptype, pvalue, ptb)
    ptype[] == C_NULL && throw(PythonError("a Python call failed without an exception"))
    PyErr_NormalizeException(ptype, pvalue, ptb)
    if ptb[] != C_NULL
        PyException_SetTraceback(pvalue[], ptb[])
        Py_DecRef(ptb[])
    end
    throw(PyException(ptype[], pvalue[]))
end
