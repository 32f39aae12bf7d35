"""The ``julia`` object of Python cells: Julia from Python code, with the conversion rules of the magics."""

import ctypes
import json
import threading

from . import bridge


class Julia:
    """Julia, in this very process, from Python code.

    ``julia.eval(code)`` runs Julia code in ``Main`` and returns its value; ``julia["x"]`` reads the Julia
    global ``x`` and ``julia["x"] = value`` sets it; ``julia.Main``, ``julia.Base``... are Julia's modules.
    Numeric arrays are shared in both directions, other values copied, exactly as with ``%py2jl`` and
    ``%jl2py``; what has no Python equivalent (a function, a struct) is a juliacall value (``AnyValue``...),
    which can be called with positional and keyword arguments. Attributes are those of ``juliacall.Main``
    (``julia.f`` is ``juliacall.Main.f``), with juliacall's conversions. Only the main thread may call Julia.

    Example::

        julia.eval("sum(1:10)")            # 55
        julia["v"] = np.arange(5.0)        # Julia's v is this array's memory
        julia.eval("v .*= 2; nothing")     # ... so Python sees the doubled values
        julia.Base.sum(np.ones(3))         # 3.0: a Julia function on numpy's memory
    """

    def __init__(self, callback_address: int) -> None:
        self._call = ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.c_char_p)(callback_address)

    def __getattr__(self, name: str):
        """``julia.Main``, ``julia.Base``, or any global of ``Main`` (``julia.f``)."""
        if name.startswith("_"):  # Python's protocols (IPython's probes...), never Julia names here
            raise AttributeError(name)
        import juliacall  # (not when this module loads: bridge.is_julia_value says why)
        return getattr(juliacall.Main, name)

    def eval(self, code: str):
        """Run Julia ``code`` in ``Main``; its value converted to Python."""
        return self._request({"op": "eval", "code": code})

    def __getitem__(self, name: str):
        return self._request({"op": "get", "name": name})

    def __setitem__(self, name: str, value) -> None:
        keep = []  # owners of shared memory, alive until Julia holds its own references
        self._request({"op": "set", "name": name, "value": bridge.describe(value, False, keep)})

    def _move(self, to: str, pairs: list, options: dict) -> list:
        """``%py2jl`` (``to`` "julia") or ``%jl2py`` ("python") inside Python code, with the magic's
        ``options``: the report's lines. Raises :class:`bridge.BridgeError`, having moved nothing."""
        from juliacall import JuliaError
        try:
            return self._request({"op": "move", "to": to, "names": pairs, **options})
        except JuliaError as exc:
            message = str(exc)
            if message.startswith("BridgeError: "):
                raise bridge.BridgeError(message[len("BridgeError: "):]) from None
            raise

    def _request(self, request: dict):
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("Julia can only be called from the main thread")
        reply = json.loads(self._call(json.dumps(request).encode("utf-8")))
        if "error" in reply:
            from juliacall import JuliaError
            error = JuliaError(reply["error"])
            error._text = reply["error"]
            raise error
        return bridge.build(reply["value"])

    def __repr__(self) -> str:
        return "<Julia in this process: julia.eval(code), julia[name], julia[name] = value>"
