"""Julia dictionaries and sets: ``DictValue`` and ``SetValue``, Python mutable mappings and sets."""

from __future__ import annotations

from .any import AnyValue
from .entry import M, method


class DictValue(AnyValue):
    """A Julia dictionary, also a Python mutable mapping."""

    __slots__ = ()
    __iter__ = method("dict_iter")
    __getitem__ = method("dict_getitem")
    __setitem__ = method("dict_setitem")
    __delitem__ = method("dict_delitem")
    __contains__ = method("dict_contains")
    keys = method("keys")
    values = method("values")
    items = method("items")
    clear = method("clear")
    popitem = method("popitem")

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
    __contains__ = method("set_contains")
    add = method("add")
    discard = method("discard")
    clear = method("clear")
    copy = method("copy")
    pop = method("set_pop")
    remove = method("set_remove")

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
