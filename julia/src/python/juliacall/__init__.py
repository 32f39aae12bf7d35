"""juliacall, as PythonCall gives it to the Python that Julia hosts: Julia, in this very process.

In a metapoly kernel Python already runs inside the Julia worker, so nothing starts here (``init`` does
nothing): ``Main``, ``Base``, ``Core`` and ``PythonCall`` are Julia's own modules, ``seval`` runs Julia code
in ``Main``, and Julia values come back wrapped as juliacall wraps them (``AnyValue``, ``ArrayValue``,
``VectorValue``, ``DictValue``...), sharing the Julia object rather than copying it.

Example::

    from juliacall import Main as jl
    jl.seval("f(x) = 2x")
    jl.f(21)                      # 42
    v = jl.seval("[1.0, 2.0]")    # a VectorValue over Julia's vector
    import numpy as np
    np.asarray(v)                 # a numpy view of the same memory
"""

from __future__ import annotations

import threading
from threading import get_ident as _thread_id

__version__ = "0.9.34"

# Julia's methods of wrapped values, by number (JlWrap/entry.jl's METHODS, in the same order).
METHODS = (
    "repr", "str", "getattr", "setattr", "dir", "call", "call_nogil", "len", "bool", "getitem", "setitem",
    "delitem", "iter", "reversed", "contains", "unary", "binary", "power", "hash", "name", "display",
    "help", "mimebundle", "raw", "copy", "clear", "seval", "typeparams", "convert", "ndim", "shape",
    "reshape", "array_getitem", "array_setitem", "array_delitem", "array_interface", "array_collect",
    "resize", "sort", "reverse", "insert", "append", "extend", "pop", "remove", "index", "count",
    "dict_getitem", "dict_setitem", "dict_delitem", "dict_contains", "dict_iter", "keys", "values",
    "items", "get", "setdefault", "dict_pop", "popitem", "update", "set_contains", "add", "discard",
    "set_pop", "set_remove", "set_op", "set_compare", "number_unary", "number_binary", "number_power",
    "number_compare", "float", "int", "complex", "index_of", "real", "imag", "conjugate", "numerator",
    "denominator", "round", "trunc", "floor", "ceil", "next", "raw_getattr", "raw_call", "raw_getitem",
    "raw_value", "io_read", "io_readline", "io_write", "io_flush", "io_close", "io_closed", "io_seek",
    "io_tell", "io_readable", "io_writable", "io_seekable", "io_isatty", "io_fileno", "io_truncate",
    "io_readinto", "io_encoding", "callback",
)
M = type("Methods", (), {name: i for i, name in enumerate(METHODS)})

_op = None             # the builtin function behind every method: _op(number, handle, *args)
_release = None        # _release(handle): Julia may let go of a value no Python object holds any more
_main_thread = threading.main_thread().ident

CONFIG = {"inited": True, "embedded": True}


def init():
    """Start Julia: already running here (the kernel's worker), so this does nothing."""


def interactive(enable=True):
    """Let Julia's event loop run while Python waits: always so in the kernel's worker."""


def _refuse_thread():
    raise RuntimeError("Julia can only be called from the main thread")


class JuliaError(Exception):
    """An error arising in Julia code: ``exception`` is the Julia exception, ``backtrace`` its backtrace."""

    def __init__(self, exception, backtrace=None):
        super().__init__(exception, backtrace)

    def __str__(self):
        text = getattr(self, "_text", None)
        if text is not None:
            return text
        e, b = self.exception, self.backtrace
        return Base.sprint(Base.showerror, e) if b is None else Base.sprint(Base.showerror, e, b)

    @property
    def exception(self):
        return self.args[0]

    @property
    def backtrace(self):
        return self.args[1]


# Tracebacks name it as juliacall's users know it.
JuliaError.__module__ = "juliacall"


class ValueBase:
    """Any Julia value: a Julia object, kept alive by Julia while this Python object lives."""

    __slots__ = ("_jl_handle", "__weakref__")

    def __del__(self):
        release = _release
        if release is not None:
            release(self._jl_handle)

    def _jl_callmethod(self, n, *args):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, *args)

    def _jl_isnull(self):
        return False


def _method(name):
    n = M.__dict__[name]

    def method(self, *args):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, *args)
    method.__name__ = name
    return method


def _binary(op, reflected=False):
    n = M.binary

    def method(self, other):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, op, other, reflected)
    return method


def _unary(op, n=M.unary):
    def method(self):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, op)
    return method


class AnyValue(ValueBase):
    """A Julia value: its fields or module members as attributes, called with positional and keyword
    arguments, indexed with Julia's own indices, iterated, compared and computed with (with other Julia
    values), shown as Julia shows it."""

    __slots__ = ()

    def __repr__(self):
        return self._jl_callmethod(M.repr)

    def __str__(self):
        return self._jl_callmethod(M.str)

    def __getattr__(self, k):
        if k.startswith("__") and k.endswith("__"):
            raise AttributeError(k)
        return self._jl_callmethod(M.getattr, k)

    def __setattr__(self, k, v):
        if k.startswith("_jl_") or (k.startswith("__") and k.endswith("__")):
            ValueBase.__setattr__(self, k, v)
        else:
            self._jl_callmethod(M.setattr, k, v)

    def __dir__(self):
        return list(ValueBase.__dir__(self)) + self._jl_callmethod(M.dir)

    def __call__(self, *args, **kwargs):
        # (The hot path: the method is called without the generic helpers.)
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(_CALL, self._jl_handle, args, kwargs or None)

    def __bool__(self):
        return self._jl_callmethod(M.bool)

    def __len__(self):
        return self._jl_callmethod(M.len)

    __getitem__ = _method("getitem")
    __setitem__ = _method("setitem")
    __delitem__ = _method("delitem")
    __iter__ = _method("iter")
    __reversed__ = _method("reversed")
    __contains__ = _method("contains")
    __hash__ = _method("hash")
    __pos__, __neg__, __abs__, __invert__ = _unary("+"), _unary("-"), _unary("abs"), _unary("~")
    __add__, __radd__ = _binary("+"), _binary("+", True)
    __sub__, __rsub__ = _binary("-"), _binary("-", True)
    __mul__, __rmul__ = _binary("*"), _binary("*", True)
    __truediv__, __rtruediv__ = _binary("/"), _binary("/", True)
    __floordiv__, __rfloordiv__ = _binary("÷"), _binary("÷", True)
    __mod__, __rmod__ = _binary("%"), _binary("%", True)
    __lshift__, __rlshift__ = _binary("<<"), _binary("<<", True)
    __rshift__, __rrshift__ = _binary(">>"), _binary(">>", True)
    __and__, __rand__ = _binary("&"), _binary("&", True)
    __xor__, __rxor__ = _binary("⊻"), _binary("⊻", True)
    __or__, __ror__ = _binary("|"), _binary("|", True)
    __eq__, __ne__ = _binary("=="), _binary("!=")
    __lt__, __le__, __gt__, __ge__ = _binary("<"), _binary("<="), _binary(">"), _binary(">=")

    def __pow__(self, other, modulo=None):
        return self._jl_callmethod(M.power, other, modulo, False)

    def __rpow__(self, other, modulo=None):
        return self._jl_callmethod(M.power, other, modulo, True)

    @property
    def __name__(self):
        return self._jl_callmethod(M.name)

    def _jl_raw(self):
        """This value as a ``RawValue`` (whose results are never converted)."""
        return self._jl_callmethod(M.raw)

    def _jl_display(self, mime=None):
        """Display this value, in MIME type ``mime`` if given."""
        return self._jl_callmethod(M.display, mime)

    def _jl_help(self, mime=None):
        """Show Julia's documentation of this value."""
        return self._jl_callmethod(M.help, mime)

    def _jl_call_nogil(self, *args, **kwargs):
        """Call this with Python's other threads free to run meanwhile."""
        return self._jl_callmethod(M.call_nogil, args, kwargs or None)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self._jl_callmethod(M.mimebundle, include, exclude)

_CALL = M.call


class ArrayValue(AnyValue):
    """A Julia array: indexed from 0 as Python sequences are (slices too), with ``shape``, ``ndim``,
    ``reshape`` and ``copy``; numpy takes it without a copy (``numpy.asarray``) when its elements are
    numbers."""

    __slots__ = ()

    @property
    def ndim(self):
        return self._jl_callmethod(M.ndim)

    @property
    def shape(self):
        return self._jl_callmethod(M.shape)

    def copy(self):
        return self._jl_callmethod(M.copy)

    def reshape(self, shape):
        return self._jl_callmethod(M.reshape, shape)

    def __bool__(self):
        return bool(len(self))

    __getitem__ = _method("array_getitem")
    __setitem__ = _method("array_setitem")
    __delitem__ = _method("array_delitem")

    @property
    def __array_interface__(self):
        return self._jl_callmethod(M.array_interface)

    def __array__(self, dtype=None, copy=None):
        # (numpy asks for this only when the array has no `__array_interface__`: its elements are not
        # numbers in strided memory, so they are collected.)
        import numpy
        if copy is False:
            raise ValueError("copy=False is not supported when collecting ArrayValue data")
        return numpy.array(self._jl_callmethod(M.array_collect), dtype=dtype)

    def to_numpy(self, dtype=None, copy=True, order="K"):
        """A numpy array of this array's elements (a copy unless ``copy=False``)."""
        import numpy
        return numpy.array(self, dtype=dtype, copy=copy, order=order)


class VectorValue(ArrayValue):
    """A Julia vector, also a Python mutable sequence: ``append``, ``insert``, ``pop``, ``sort``..."""

    __slots__ = ()
    resize = _method("resize")
    reverse = _method("reverse")
    clear = _method("clear")
    __reversed__ = _method("reversed")
    insert = _method("insert")
    append = _method("append")
    extend = _method("extend")
    remove = _method("remove")
    index = _method("index")
    count = _method("count")

    def sort(self, reverse=False, key=None):
        return self._jl_callmethod(M.sort, reverse, key)

    def pop(self, index=-1):
        return self._jl_callmethod(M.pop, index)


class DictValue(AnyValue):
    """A Julia dictionary, also a Python mutable mapping."""

    __slots__ = ()
    __iter__ = _method("dict_iter")
    __getitem__ = _method("dict_getitem")
    __setitem__ = _method("dict_setitem")
    __delitem__ = _method("dict_delitem")
    __contains__ = _method("dict_contains")
    keys = _method("keys")
    values = _method("values")
    items = _method("items")
    clear = _method("clear")
    popitem = _method("popitem")

    def __bool__(self):
        return bool(len(self))

    def get(self, key, default=None):
        return self._jl_callmethod(M.get, key, default)

    def setdefault(self, key, default=None):
        return self._jl_callmethod(M.setdefault, key, default)

    _missing = object()

    def pop(self, key, default=_missing):
        return self._jl_callmethod(M.dict_pop, key, None if default is DictValue._missing else default,
                                   default is not DictValue._missing)

    def update(self, other=(), **kwargs):
        self._jl_callmethod(M.update, other)
        if kwargs:
            self._jl_callmethod(M.update, kwargs)


class SetValue(AnyValue):
    """A Julia set, also a Python mutable set."""

    __slots__ = ()
    __contains__ = _method("set_contains")
    add = _method("add")
    discard = _method("discard")
    clear = _method("clear")
    copy = _method("copy")
    pop = _method("set_pop")
    remove = _method("set_remove")

    def __bool__(self):
        return bool(len(self))

    def _set_op(name, inplace=False):
        def method(self, *others):
            return self._jl_callmethod(M.set_op, name, others, inplace)
        return method

    difference, intersection, union = _set_op("setdiff"), _set_op("intersect"), _set_op("union")
    symmetric_difference = _set_op("symdiff")
    difference_update, intersection_update = _set_op("setdiff", True), _set_op("intersect", True)
    symmetric_difference_update, update = _set_op("symdiff", True), _set_op("union", True)
    del _set_op

    def isdisjoint(self, other):
        return self._jl_callmethod(M.set_compare, "isdisjoint", other)

    def issubset(self, other):
        return self._jl_callmethod(M.set_compare, "issubset", other)

    def issuperset(self, other):
        return self._jl_callmethod(M.set_compare, "issuperset", other)


class ModuleValue(AnyValue):
    """A Julia module: its members as attributes; ``seval`` runs code in it."""

    __slots__ = ()

    def seval(self, expr):
        """Run the Julia code ``expr`` in this module; its value."""
        return self._jl_callmethod(M.seval, expr)


class TypeValue(AnyValue):
    """A Julia type: call it to make values, index it for its parameters (``Vector[int]``)."""

    __slots__ = ()
    __getitem__ = _method("typeparams")


class NumberValue(AnyValue):
    """A Julia number, computing with Python's numbers too."""

    __slots__ = ()

    def __bool__(self):
        return self._jl_callmethod(M.bool)

    def _number_binary(op, reflected=False):
        def method(self, other):
            return self._jl_callmethod(M.number_binary, op, other, reflected)
        return method

    __add__, __radd__ = _number_binary("+"), _number_binary("+", True)
    __sub__, __rsub__ = _number_binary("-"), _number_binary("-", True)
    __mul__, __rmul__ = _number_binary("*"), _number_binary("*", True)
    __truediv__, __rtruediv__ = _number_binary("/"), _number_binary("/", True)
    __floordiv__, __rfloordiv__ = _number_binary("÷"), _number_binary("÷", True)
    __mod__, __rmod__ = _number_binary("%"), _number_binary("%", True)
    __lshift__, __rlshift__ = _number_binary("<<"), _number_binary("<<", True)
    __rshift__, __rrshift__ = _number_binary(">>"), _number_binary(">>", True)
    __and__, __rand__ = _number_binary("&"), _number_binary("&", True)
    __xor__, __rxor__ = _number_binary("⊻"), _number_binary("⊻", True)
    __or__, __ror__ = _number_binary("|"), _number_binary("|", True)

    def __pow__(self, other, modulo=None):
        return self._jl_callmethod(M.number_power, other, modulo, False)

    def __rpow__(self, other, modulo=None):
        return self._jl_callmethod(M.number_power, other, modulo, True)

    def _compare(op):
        def method(self, other):
            return self._jl_callmethod(M.number_compare, op, other)
        return method

    __eq__, __ne__ = _compare("=="), _compare("!=")
    __lt__, __le__, __gt__, __ge__ = _compare("<"), _compare("<="), _compare(">"), _compare(">=")
    __hash__ = _method("hash")
    del _number_binary, _compare
    __pos__, __neg__ = _unary("+", M.number_unary), _unary("-", M.number_unary)
    __abs__, __invert__ = _unary("abs", M.number_unary), _unary("~", M.number_unary)


class ComplexValue(NumberValue):
    """A Julia complex number."""

    __slots__ = ()
    __complex__ = _method("complex")

    @property
    def real(self):
        return self._jl_callmethod(M.real)

    @property
    def imag(self):
        return self._jl_callmethod(M.imag)

    conjugate = _method("conjugate")


class RealValue(ComplexValue):
    """A Julia real number."""

    __slots__ = ()
    __float__ = _method("float")
    __round__ = _method("round")
    __trunc__ = _method("trunc")
    __floor__ = _method("floor")
    __ceil__ = _method("ceil")


class RationalValue(RealValue):
    """A Julia rational number."""

    __slots__ = ()

    @property
    def numerator(self):
        return self._jl_callmethod(M.numerator)

    @property
    def denominator(self):
        return self._jl_callmethod(M.denominator)


class IntegerValue(RationalValue):
    """A Julia integer."""

    __slots__ = ()
    __int__ = _method("int")
    __index__ = _method("index_of")


class IteratorValue(AnyValue):
    """A Julia iterator, as a Python iterator."""

    __slots__ = ()

    def __iter__(self):
        return self

    __next__ = _method("next")


class RawValue(ValueBase):
    """A Julia value whose operations' results stay ``RawValue``s, never converted to Python."""

    __slots__ = ()

    def __repr__(self):
        return self._jl_callmethod(M.repr)

    def __str__(self):
        return self._jl_callmethod(M.str)

    def __getattr__(self, k):
        if k.startswith("__") and k.endswith("__"):
            raise AttributeError(k)
        return self._jl_callmethod(M.raw_getattr, k)

    def __call__(self, *args, **kwargs):
        return self._jl_callmethod(M.raw_call, args, kwargs or None)

    def _jl_call_nogil(self, *args, **kwargs):
        return self._jl_callmethod(M.raw_call, args, kwargs or None)

    def __getitem__(self, k):
        return self._jl_callmethod(M.raw_getitem, k)

    def __len__(self):
        return self._jl_callmethod(M.len)

    def __bool__(self):
        return True

    def _jl_any(self):
        """This value as an ``AnyValue`` (converted as juliacall converts results)."""
        return self._jl_callmethod(M.raw_value)


class IOValueBase(AnyValue):
    """A Julia IO stream, as a Python file object."""

    __slots__ = ()
    close = _method("io_close")
    flush = _method("io_flush")
    isatty = _method("io_isatty")
    fileno = _method("io_fileno")
    readable = _method("io_readable")
    writable = _method("io_writable")
    seekable = _method("io_seekable")
    tell = _method("io_tell")

    @property
    def closed(self):
        return self._jl_callmethod(M.io_closed)

    def seek(self, offset, whence=0):
        return self._jl_callmethod(M.io_seek, offset, whence)

    def truncate(self, size=None):
        return self._jl_callmethod(M.io_truncate, size)

    def readline(self, size=-1):
        return self._jl_callmethod(M.io_readline, size)

    def readlines(self, hint=-1):
        lines = []
        for line in self:
            lines.append(line)
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class BinaryIOValue(IOValueBase):
    """A Julia IO stream as a binary Python file: reads and writes bytes."""

    __slots__ = ()

    def read(self, size=-1):
        return self._jl_callmethod(M.io_read, size, False)

    write = _method("io_write")
    readinto = _method("io_readinto")


class TextIOValue(IOValueBase):
    """A Julia IO stream as a text Python file: reads and writes strings (UTF-8)."""

    __slots__ = ()

    def read(self, size=-1):
        return self._jl_callmethod(M.io_read, size, True)

    write = _method("io_write")

    @property
    def encoding(self):
        return self._jl_callmethod(M.io_encoding)


def _make(cls, handle: int):
    """A new wrapped value of class ``cls`` for the Julia object under ``handle`` (Julia's call)."""
    value = ValueBase.__new__(cls)
    value._jl_handle = handle
    return value


def _register_abcs():
    import collections.abc as abc
    import numbers
    abc.MutableSequence.register(VectorValue)
    abc.MutableMapping.register(DictValue)
    abc.MutableSet.register(SetValue)
    numbers.Complex.register(ComplexValue)
    numbers.Real.register(RealValue)
    numbers.Rational.register(RationalValue)
    numbers.Integral.register(IntegerValue)


_register_abcs()

Main = Base = Core = PythonCall = None  # Julia's modules, set by the worker (connect)


def connect(op, release, main, base, core, pythoncall) -> None:
    """Bind the builtin function behind every method, the release of handles, and Julia's modules (the
    worker's call, once)."""
    global _op, _release, Main, Base, Core, PythonCall
    _op, _release, Main, Base, Core, PythonCall = op, release, main, base, core, pythoncall


def _function(callback, name, qualname, doc, signature):
    """A Python function over ``callback`` (a Julia function given its arguments as Python objects: the
    worker's call, for PythonCall's ``pyfunc``)."""
    n = M.callback

    def function(*args, **kwargs):
        return callback._jl_callmethod(n, args, kwargs or None)
    function.__name__, function.__qualname__ = name, qualname
    if doc is not None:
        function.__doc__ = doc
    if signature is not None:
        function.__signature__ = signature
    return function


def seval(expr):
    """Run the Julia code ``expr`` in ``Main``; its value."""
    return Main.seval(expr)


def newmodule(name):
    """A new Julia module named ``name`` (bound to no name anywhere)."""
    return Base.Module(Base.Symbol(name))


def convert(T, x):
    """``x`` converted to the Julia type ``T``, as a wrapped value."""
    return T._jl_callmethod(M.convert, x)
