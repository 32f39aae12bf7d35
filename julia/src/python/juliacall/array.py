"""Julia arrays and vectors: ``ArrayValue`` (numpy reads numeric ones in place) and ``VectorValue``."""

from __future__ import annotations

from .any import AnyValue
from .entry import M, method

try:
    # (Made by the worker from C, JlWrap/buffer.jl: the buffer protocol, which a Python 3.11 class cannot
    # define itself.)
    from ._buffer import ArrayBuffer
except ImportError:  # outside a worker (the fast tests read this package)
    ArrayBuffer = object


class ArrayValue(AnyValue, ArrayBuffer):
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

    __getitem__ = method("array_getitem")
    __setitem__ = method("array_setitem")
    __delitem__ = method("array_delitem")

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
    resize = method("resize")
    reverse = method("reverse")
    clear = method("clear")
    __reversed__ = method("vector_reversed")
    insert = method("insert")
    append = method("append")
    extend = method("extend")
    remove = method("remove")
    index = method("index")
    count = method("count")

    def sort(self, reverse=False, key=None):
        return self._jl_callmethod(M.sort, reverse, key)

    def pop(self, index=-1):
        return self._jl_callmethod(M.pop, index)
