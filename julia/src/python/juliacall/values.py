"""The base of every wrapped Julia value. Julia makes one as ``cls()`` with its ``_jl_handle`` set."""

from __future__ import annotations

from . import entry


class ValueBase:
    """Any Julia value: a Julia object, kept alive by Julia while this Python object lives."""

    __slots__ = ("_jl_handle", "__weakref__")
    __del__ = entry.release
    _jl_callmethod = entry.callmethod

    def _jl_isnull(self):
        return False

