"""``AnyValue``: a Julia value as Python sees it, with its attributes, calls, indexing and operators."""

from __future__ import annotations

from .entry import M, binary, call, getattr_method, method, unary
from .values import ValueBase


class AnyValue(ValueBase):
    """A Julia value: its fields or module members as attributes, called with positional and keyword
    arguments, indexed with Julia's own indices, iterated, compared and computed with (with other Julia
    values), shown as Julia shows it."""

    __slots__ = ()

    def __repr__(self):
        return self._jl_callmethod(M.repr)

    def __str__(self):
        return self._jl_callmethod(M.str)

    __getattr__ = getattr_method(M.getattr)

    def __setattr__(self, k, v):
        if k.startswith("_jl_") or (k.startswith("__") and k.endswith("__")):
            ValueBase.__setattr__(self, k, v)
        else:
            self._jl_callmethod(M.setattr, k, v)

    def __dir__(self):
        return list(ValueBase.__dir__(self)) + self._jl_callmethod(M.dir)

    __call__ = call

    def __arrow_c_stream__(self, requested_schema=None):
        """Arrow's PyCapsule protocol, for a Julia column table or vector: ``pyarrow.table(v)``,
        ``polars.DataFrame(v)`` read its numeric columns, and those that came from Arrow, from Julia's
        memory (strings are laid out once)."""
        return self._jl_callmethod(M.arrow).__arrow_c_stream__(requested_schema)

    def __arrow_c_array__(self, requested_schema=None):
        """Arrow's PyCapsule protocol for one record batch or array: ``pyarrow.record_batch(v)``,
        ``pyarrow.array(v)``."""
        return self._jl_callmethod(M.arrow).__arrow_c_array__(requested_schema)

    def __bool__(self):
        return self._jl_callmethod(M.bool)

    def __len__(self):
        return self._jl_callmethod(M.len)

    __getitem__ = method("getitem")
    __setitem__ = method("setitem")
    __delitem__ = method("delitem")
    __iter__ = method("iter")
    __reversed__ = method("reversed")
    __contains__ = method("contains")
    __hash__ = method("hash")
    __pos__, __neg__, __abs__, __invert__ = unary("+"), unary("-"), unary("abs"), unary("~")
    __add__, __radd__ = binary("+"), binary("+", True)
    __sub__, __rsub__ = binary("-"), binary("-", True)
    __mul__, __rmul__ = binary("*"), binary("*", True)
    __truediv__, __rtruediv__ = binary("/"), binary("/", True)
    __floordiv__, __rfloordiv__ = binary("÷"), binary("÷", True)
    __mod__, __rmod__ = binary("%"), binary("%", True)
    __lshift__, __rlshift__ = binary("<<"), binary("<<", True)
    __rshift__, __rrshift__ = binary(">>"), binary(">>", True)
    __and__, __rand__ = binary("&"), binary("&", True)
    __xor__, __rxor__ = binary("⊻"), binary("⊻", True)
    __or__, __ror__ = binary("|"), binary("|", True)
    __eq__, __ne__ = binary("=="), binary("!=")
    __lt__, __le__, __gt__, __ge__ = binary("<"), binary("<="), binary(">"), binary(">=")

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
