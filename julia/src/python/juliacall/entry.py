"""The one door to Julia of every method of juliacall's values: the worker's builtin function
``julia_op(n, handle, *args)`` (JlWrap/entry.jl) runs method number ``n`` of ``METHODS`` (the same list, in
the same order, as the Julia side's) on the Julia value pinned under ``handle``. The methods of the classes
are made here, so that each call reads the builtin from one global."""

from __future__ import annotations

import threading
from threading import get_ident as _thread_id

METHODS = (
    "repr", "str", "getattr", "setattr", "dir", "call", "call_nogil", "len", "bool", "getitem", "setitem",
    "delitem", "iter", "reversed", "contains", "unary", "binary", "power", "hash", "name", "display", "help",
    "mimebundle", "raw", "copy", "clear", "seval", "typeparams", "convert", "ndim", "shape", "reshape",
    "array_getitem", "array_setitem", "array_delitem", "array_interface", "array_collect", "resize",
    "vector_reversed", "sort", "reverse", "insert", "append", "extend", "pop", "remove", "index", "count",
    "dict_getitem", "dict_setitem", "dict_delitem", "dict_contains", "dict_iter", "keys", "values", "items",
    "get", "setdefault", "dict_pop", "popitem", "update", "set_contains", "add", "discard", "set_pop",
    "set_remove", "set_op", "set_compare", "number_unary", "number_binary", "number_power", "number_compare",
    "float", "int", "complex", "index_of", "real", "imag", "conjugate", "numerator", "denominator", "round",
    "trunc", "floor", "ceil", "next", "raw_getattr", "raw_call", "raw_getitem", "raw_value", "io_read",
    "io_readline", "io_write", "io_flush", "io_close", "io_closed", "io_seek", "io_tell", "io_readable",
    "io_writable", "io_seekable", "io_isatty", "io_fileno", "io_truncate", "io_readinto", "io_encoding",
    "callback", "pickle", "unpickle", "arrow",
)
M = type("Methods", (), {name: i for i, name in enumerate(METHODS)})


_op = None             # julia_op, the builtin function behind every method
_release = None        # release(handle): Julia may let go of a value no Python object holds any more
_main_thread = threading.main_thread().ident


def connect(op, release) -> None:
    """Bind ``julia_op`` and the release of handles (the worker's call, once)."""
    global _op, _release
    _op, _release = op, release


def _refuse_thread():
    raise RuntimeError("Julia can only be called from the main thread")


def callmethod(self, n, *args):
    """Run method number ``n`` on ``self``'s Julia value (``ValueBase._jl_callmethod``)."""
    if _thread_id() != _main_thread:
        _refuse_thread()
    return _op(n, self._jl_handle, *args)


def release(self):
    """Let Julia drop ``self``'s value (``ValueBase.__del__``: on any thread, Julia unpins it later)."""
    release = _release
    if release is not None:
        release(self._jl_handle)


def unpickle(data, class_name):
    """The Julia value of ``data`` (Julia's serialization of it) in a wrapper of juliacall's class
    ``class_name``."""
    if _thread_id() != _main_thread:
        _refuse_thread()
    return _op(M.unpickle, 0, data, class_name)


def method(name):
    """The Python method that runs Julia's method ``name`` with the arguments it is given."""
    n = M.__dict__[name]

    def method(self, *args):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, *args)
    method.__name__ = name
    return method


def call(self, *args, **kwargs):
    """``__call__``: the hot path, without the generic helpers."""
    if _thread_id() != _main_thread:
        _refuse_thread()
    return _op(_CALL, self._jl_handle, args, kwargs or None)


_CALL = M.call


def getattr_method(n):
    """``__getattr__`` by Julia's method number ``n`` (Python's special names are never Julia's)."""
    def __getattr__(self, k):
        if k.startswith("__") and k.endswith("__"):
            raise AttributeError(k)
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, k)
    return __getattr__


def binary(op, reflected=False, n=M.binary):
    """The operator method ``op`` (``reflected``: ``other op self``)."""
    def method(self, other):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, op, other, reflected)
    return method


def unary(op, n=M.unary):
    """The unary operator method ``op``."""
    def method(self):
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _op(n, self._jl_handle, op)
    return method
