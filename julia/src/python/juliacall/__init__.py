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

from . import entry
from .any import AnyValue
from .array import ArrayValue, VectorValue
from .callback import function as _function
from .calls import JuliaError
from .collections import DictValue, SetValue
from .entry import METHODS, M
from .number import ComplexValue, IntegerValue, NumberValue, RationalValue, RealValue
from .other import BinaryIOValue, IOValueBase, IteratorValue, ModuleValue, RawValue, TextIOValue, TypeValue
from .values import ValueBase

__version__ = "0.9.34"

__all__ = ["Main", "Base", "Core", "PythonCall", "seval", "newmodule", "convert", "init", "interactive",
           "JuliaError", "ValueBase", "AnyValue", "ArrayValue", "VectorValue", "DictValue", "SetValue",
           "ModuleValue", "TypeValue", "NumberValue", "ComplexValue", "RealValue", "RationalValue",
           "IntegerValue", "IteratorValue", "RawValue", "IOValueBase", "BinaryIOValue", "TextIOValue",
           "CONFIG", "METHODS", "M", "_function", "connect"]

CONFIG = {"inited": True, "embedded": True}

Main = Base = Core = PythonCall = None  # Julia's modules, set by the worker (connect)


def connect(op, release, main, base, core, pythoncall) -> None:
    """Bind the builtin function behind every method, the release of handles, and Julia's modules (the
    worker's call, once)."""
    global Main, Base, Core, PythonCall
    entry.connect(op, release)
    Main, Base, Core, PythonCall = main, base, core, pythoncall


def init():
    """Start Julia: already running here (the kernel's worker), so this does nothing."""


def interactive(enable=True):
    """Let Julia's event loop run while Python waits: always so in the kernel's worker."""


def seval(expr):
    """Run the Julia code ``expr`` in ``Main``; its value."""
    return Main.seval(expr)


def newmodule(name):
    """A new Julia module named ``name`` (bound to no name anywhere)."""
    return Base.Module(Base.Symbol(name))


def convert(T, x):
    """``x`` converted to the Julia type ``T``, as a wrapped value."""
    return T._jl_callmethod(M.convert, x)


def load_ipython_extension(ip) -> None:
    """``%load_ext juliacall``: nothing to add in this kernel (``juliacall.ipython``)."""
    from .ipython import load_ipython_extension
    load_ipython_extension(ip)


def _name_classes():
    # (Python shows them as juliacall shows them: `juliacall.VectorValue`, not by the module defining it.)
    for name in __all__:
        value = globals()[name]
        if isinstance(value, type):
            value.__module__ = "juliacall"


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


_name_classes()
_register_abcs()
