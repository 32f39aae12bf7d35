"""Julia numbers: ``NumberValue`` and its ``ComplexValue``, ``RealValue``, ``RationalValue``,
``IntegerValue``, which compute with Python's numbers too."""

from __future__ import annotations

from .any import AnyValue
from .entry import M, method, unary


class NumberValue(AnyValue):
    """A Julia number, computing with Python's numbers too."""

    __slots__ = ()

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
    __hash__ = method("hash")
    del _number_binary, _compare
    __pos__, __neg__ = unary("+", M.number_unary), unary("-", M.number_unary)
    __abs__, __invert__ = unary("abs", M.number_unary), unary("~", M.number_unary)


class ComplexValue(NumberValue):
    """A Julia complex number."""

    __slots__ = ()
    __complex__ = method("complex")

    @property
    def real(self):
        return self._jl_callmethod(M.real)

    @property
    def imag(self):
        return self._jl_callmethod(M.imag)

    conjugate = method("conjugate")


class RealValue(ComplexValue):
    """A Julia real number."""

    __slots__ = ()
    __float__ = method("float")
    __round__ = method("round")
    __trunc__ = method("trunc")
    __floor__ = method("floor")
    __ceil__ = method("ceil")


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
    __int__ = method("int")
    __index__ = method("index_of")
