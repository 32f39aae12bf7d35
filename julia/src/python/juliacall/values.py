"""The base of every wrapped Julia value. Julia makes one as ``cls()`` with its ``_jl_handle`` set."""

from __future__ import annotations

import pickle

from . import entry


class ValueBase:
    """Any Julia value: a Julia object, kept alive by Julia while this Python object lives."""

    __slots__ = ("_jl_handle", "__weakref__")
    __del__ = entry.release
    _jl_callmethod = entry.callmethod

    def _jl_isnull(self):
        return False

    def __reduce_ex__(self, protocol):
        # Julia's serialization of the value (out of band with protocol 5): pickle, multiprocessing and
        # the processes Distributed adds get the Julia value back in a wrapper of the same class.
        data = self._jl_callmethod(entry.M.pickle)
        return _unpickle, (pickle.PickleBuffer(data) if protocol >= 5 else data, type(self).__name__)


def _unpickle(data, class_name):
    """The juliacall value ``ValueBase.__reduce_ex__`` pickled."""
    return entry.unpickle(data, class_name)

