"""The base of every wrapped Julia value, and how Julia makes one."""

from __future__ import annotations

from . import entry


class ValueBase:
    """Any Julia value: a Julia object, kept alive by Julia while this Python object lives."""

    __slots__ = ("_jl_handle", "__weakref__")
    __del__ = entry.release
    _jl_callmethod = entry.callmethod

    def _jl_isnull(self):
        return False


def make(cls, handle: int):
    """A new wrapped value of class ``cls`` for the Julia object under ``handle`` (Julia's call)."""
    value = ValueBase.__new__(cls)
    value._jl_handle = handle
    return value
