"""Julia objects in Python cells (the mirror of Objects/py.jl, where Python objects live in Julia).

A :class:`JuliaObject` stands for a Julia value with no Python equivalent (a function, a module, a
struct...), which Julia keeps alive under a handle until the proxy dies. Each operation is one call of a
builtin function over Julia's ``julia_op`` (JlWrap/julia_object.jl) with the arguments as they are: Julia
converts them by the bridge's table (numpy arrays read through the buffer protocol and shared) and
converts the result back, so that nothing is serialized on the way.
"""

from __future__ import annotations

import threading
from threading import get_ident as _thread_id

# Operations of julia_op (JlWrap/julia_object.jl).
CALL, GETATTR, SETATTR, GETITEM, SETITEM, LEN, REPR, STR, ITER, CONTAINS, BINARY, BUNDLE, DIR = range(13)

_julia_op = None
_main_thread = threading.main_thread().ident


class JuliaError(Exception):
    """An error raised by Julia code called from Python."""


# Tracebacks name it as users import nothing to get it: not after the worker's private package.
JuliaError.__module__ = "julia"


def connect(entry) -> None:
    """Bind the entry point of Julia operations: ``entry(op, handle, args, kwargs)``, a builtin function
    the worker made over Julia's ``julia_op``."""
    global _julia_op
    _julia_op = entry


def julia_op(op: int, handle: int, args: tuple = (), kwargs: dict | None = None):
    """Operation ``op`` on the Julia object under ``handle`` (0: ``Main``)."""
    if _thread_id() != _main_thread:
        _refuse_thread()
    return _julia_op(op, handle, args, kwargs)


def _refuse_thread():
    raise RuntimeError("Julia can only be called from the main thread")


def getattr_of(handle: int, name: str):
    """Field or module member ``name`` of the Julia object under ``handle``; AttributeError if none."""
    if name.startswith("_"):  # Python's protocols (IPython's probes...), never Julia names here
        raise AttributeError(name)
    if _thread_id() != _main_thread:
        _refuse_thread()
    try:
        return _julia_op(GETATTR, handle, (name,), None)
    except JuliaError as exc:
        raise AttributeError(f"{name}: {exc}") from None


def _binary(name: str, reflected: bool = False):
    def method(self, other):
        return julia_op(BINARY, self._handle, (name, other, reflected))
    return method


class JuliaObject:
    """A Julia value in Python: call it, read its fields or module members as attributes, index it
    (Julia's own indices), iterate, compare and compute with it; it shows as Julia shows it. Passed back
    to Julia, it is the very same object.

    Example::

        f = julia.eval("f(x; scale=1) = scale * sum(x)")
        f(np.arange(4.0), scale=2)      # 12.0: Julia reads the numpy array in place
        julia.Base.sqrt(2.0)
    """

    __slots__ = ("_handle", "_type", "__weakref__")

    def __init__(self, handle: int, type_name: str) -> None:
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_type", type_name)

    def __call__(self, *args, **kwargs):
        # (The hot path: julia_op inlined.)
        if _thread_id() != _main_thread:
            _refuse_thread()
        return _julia_op(CALL, self._handle, args, kwargs or None)

    def __getattr__(self, name: str):
        return getattr_of(self._handle, name)

    def __setattr__(self, name: str, value) -> None:
        julia_op(SETATTR, self._handle, (name, value))

    def __dir__(self):
        return julia_op(DIR, self._handle)

    def __getitem__(self, key):
        return julia_op(GETITEM, self._handle, key if isinstance(key, tuple) else (key,))

    def __setitem__(self, key, value) -> None:
        julia_op(SETITEM, self._handle, (value, *(key if isinstance(key, tuple) else (key,))))

    def __len__(self) -> int:
        return julia_op(LEN, self._handle)

    def __iter__(self):
        return iter(julia_op(ITER, self._handle))

    def __contains__(self, item) -> bool:
        return julia_op(CONTAINS, self._handle, (item,))

    def __repr__(self) -> str:
        return julia_op(REPR, self._handle)

    def __str__(self) -> str:
        return julia_op(STR, self._handle)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return julia_op(BUNDLE, self._handle)

    def __array__(self, dtype=None, copy=None):
        """numpy's view of a Julia collection: its elements collected (numeric ones shared)."""
        import numpy as np

        return np.asarray(julia_op(ITER, self._handle), dtype=dtype)

    __add__, __radd__ = _binary("+"), _binary("+", True)
    __sub__, __rsub__ = _binary("-"), _binary("-", True)
    __mul__, __rmul__ = _binary("*"), _binary("*", True)
    __truediv__, __rtruediv__ = _binary("/"), _binary("/", True)
    __pow__, __rpow__ = _binary("^"), _binary("^", True)
    __eq__, __ne__ = _binary("=="), _binary("!=")
    __lt__, __le__, __gt__, __ge__ = _binary("<"), _binary("<="), _binary(">"), _binary(">=")
    __hash__ = None
