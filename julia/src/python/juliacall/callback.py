"""Python functions over Julia functions (PythonCall's ``pyfunc`` and its kin)."""

from __future__ import annotations

from .entry import M


def function(callback, name, qualname, doc, signature):
    """A Python function over ``callback`` (a Julia function given its arguments as Python objects: the
    worker's call, for PythonCall's ``pyfunc``)."""
    n = M.callback

    def function(*args, **kwargs):
        return callback._jl_callmethod(n, args, kwargs or None)
    function.__name__, function.__qualname__ = name, qualname
    if doc is not None:
        function.__doc__ = doc
    if signature is not None:
        function.__signature__ = signature
    return function
