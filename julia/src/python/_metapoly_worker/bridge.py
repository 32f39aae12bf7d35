"""Python's half of moving values between the languages (``%py2jl``, ``%jl2py`` and the in-code APIs).

Values travel as tagged descriptions (JSON-able dicts). Numeric arrays are never copied: a description
carries the address of their memory, and the other side wraps that memory.

- Python → Julia: the Julia side holds a reference to the array's owner (released through Julia's main
  thread once Julia's view is garbage).
- Julia → Python: a numpy array is made over Julia's memory, which Julia keeps pinned under a *handle*
  until the last view of it dies here; the handle is then queued for Julia to release (``take_released``),
  never released from whichever thread Python's garbage collection happens to run on.
"""

from __future__ import annotations

import base64
import ctypes
import keyword
import math
import sys
import weakref

from . import arrow


def _loaded_numpy():
    """numpy if something imported it, else None: no value can be a numpy object before that. (Importing
    numpy eagerly cost the worker's start a fifth of its Python time, and every kernel its memory.)"""
    return sys.modules.get("numpy")


def _numpy():
    """numpy, imported now if need be; None where it is not installed (plain values still cross)."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy

DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128")


class BridgeError(Exception):
    """A value that cannot cross, or a bad name; the message names the variable and the reason."""


# Views made over Julia memory: id(array) -> handle, for exact identity on the way back (Julia reads
# `julia_handles` too: Convert/numpy_buffer.jl); and by memory, so that a Julia array sent again comes back
# as the numpy array already made for it. `released`: handles Julia may unpin (Julia watches its length).
_julia_views: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
julia_handles: dict = {}
_views_by_memory: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
released: list = []
# release(handle): Julia may let go of what it pinned under ``handle``, no Python object uses it any more.
# Called from any thread, as often as Julia values die: a list's append and the slice operations of
# `take_released` are each atomic under the GIL, so no lock.
release = released.append


def valid_name(name: str) -> bool:
    """Whether ``name`` can be a Python variable."""
    return name.isidentifier() and not keyword.iskeyword(name)


# -- Python -> Julia ------------------------------------------------------------------------------------

def describe(value, copy: bool = False, keep: list | None = None, *, objects: bool = False) -> dict:
    """A description of ``value`` for Julia to build from; raises :class:`BridgeError` if it cannot cross,
    unless ``objects``: then what has no Julia equivalent is described as the object itself (Julia makes a
    ``Py`` of it).

    Owners of shared memory (and objects) are appended to ``keep`` so that they outlive the call.
    """
    keep = [] if keep is None else keep
    try:
        return _describe(value, copy, keep, objects)
    except arrow.MalformedArrow as e:
        raise BridgeError(str(e)) from None  # (an error even where objects cross as themselves)
    except BridgeError:
        if not objects:
            raise
        keep.append(value)
        return {"t": "object", "ptr": id(value)}


def is_julia_value(value) -> bool:
    """Whether ``value`` is a wrapped Julia value (a ``juliacall.ValueBase``)."""
    # (Imported here: Julia offers juliacall a base class of its own before juliacall is first imported,
    # which is after this module is.)
    from juliacall import ValueBase
    return isinstance(value, ValueBase)


def _describe(value, copy: bool, keep: list, objects: bool) -> dict:
    if is_julia_value(value):
        return {"t": "julia", "handle": value._jl_handle}
    stream = arrow.stream_of(value)
    if stream is not None:
        keep.append(stream[0])  # (the capsule, until Julia has moved the stream out of it)
        return {"t": "arrow", "ptr": stream[1], "names": stream[2], "copy": copy}
    # numpy first: np.float64 is also a float, and its repr is not a plain number.
    np = _loaded_numpy()
    if np is not None and isinstance(value, np.ndarray):
        return _describe_array(value, copy, keep)
    if np is not None and isinstance(value, np.generic):
        return describe(value.item(), copy, keep)
    if value is None:
        return {"t": "none"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, complex):
        return {"t": "complex", "re": repr(value.real), "im": repr(value.imag)}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, (bytes, bytearray)):
        return {"t": "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list):
        return _describe_list(value, copy, keep, objects)
    if isinstance(value, (tuple, set, frozenset)):
        return {"t": "tuple" if isinstance(value, tuple) else "set",
                "v": [describe(x, copy, keep, objects=objects) for x in value]}
    if isinstance(value, dict):
        return {"t": "dict", "k": _describe_list(list(value), copy, keep, objects),
                "v": _describe_list(list(value.values()), copy, keep, objects)}
    if _is_dataframe(value):
        return {"t": "table", "names": [str(name) for name in value.columns],
                "columns": [describe(_column(value, i), copy, keep, objects=objects)
                            for i in range(value.shape[1])]}
    raise BridgeError(f"a Python {type(value).__module__}.{type(value).__qualname__} has no Julia equivalent")


# Lists of one plain type cross whole: numbers as one numpy array made for Julia (a copy of the list,
# which Julia then shares), strings as one JSON array. Describing each item costs 100x more.
_LIST_DTYPES = {int: "int64", float: "float64", bool: "bool", complex: "complex128"}


def _describe_list(items: list, copy: bool, keep: list, objects: bool) -> dict:
    kinds = set(map(type, items))
    if kinds <= _PLAIN_TYPES and len(kinds) > 1 and _json_exact(items, kinds):
        return {"t": "plain", "v": items}  # mixed plain values: JSON carries each as it is
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is str:
            return {"t": "strs", "v": items}
        if kind in _LIST_DTYPES and (np := _numpy()) is not None:
            try:
                array = np.array(items, dtype=_LIST_DTYPES[kind])
            except OverflowError:  # ints beyond Int64: item by item (BigInt)
                pass
            else:
                return {**_describe_array(array, False, keep), "fresh": True}
    return {"t": "list", "v": [describe(x, copy, keep, objects=objects) for x in items]}


_PLAIN_TYPES = {type(None), bool, int, float, str}


def _json_exact(items: list, kinds: set) -> bool:
    """Whether JSON carries every item exactly: ints within Int64, finite floats."""
    if int in kinds and not all(-2**63 <= x < 2**63 for x in items if type(x) is int):
        return False
    return float not in kinds or all(math.isfinite(x) for x in items if type(x) is float)


def _is_dataframe(value) -> bool:
    # (pandas is not imported here: it may not be installed, and it takes a while to import.)
    kind = type(value)
    return kind.__name__ == "DataFrame" and kind.__module__.split(".")[0] == "pandas"


def _column(frame, i: int):
    """Column ``i`` of a DataFrame: numeric columns as numpy arrays over the frame's own memory (a view
    when pandas keeps them in place), Arrow-backed ones as pyarrow arrays over their buffers, others as
    lists."""
    column = frame.iloc[:, i]
    if arrow.is_arrow_backed(column.dtype):
        return column.array.__arrow_array__()
    values = column.to_numpy(copy=False)
    if values.dtype.name not in DTYPES:
        return values.tolist()
    # Copy-on-write pandas hands out read-only views of the frame's own (writeable) memory: sharing the
    # columns means writing into the frame, as a %py2jl of a DataFrame promises.
    try:
        values.setflags(write=True)
    except ValueError:
        pass  # memory pandas does not own writeably: the column is copied
    return values


def _describe_array(a, copy: bool, keep: list) -> dict:
    handle = julia_handles.get(id(a))
    if handle is not None and _julia_views.get(id(a)) is a and not copy:
        return {"t": "julia", "handle": handle}
    if a.dtype.name not in DTYPES:
        raise BridgeError(f"a numpy array of dtype {a.dtype} has no Julia equivalent "
                          f"(supported: {', '.join(DTYPES)})")
    copied = copy
    # Julia arrays cannot be read-only: a read-only buffer (bytes, a read-only memory map) is copied, so
    # that Julia never writes where Python promised nobody would.
    if not a.flags.writeable and not copy:
        a, copied = a.copy(), True
    if not a.dtype.isnative:
        a, copied = a.astype(a.dtype.newbyteorder("=")), True
    if a.flags.f_contiguous and a.ndim > 1 and not a.flags.c_contiguous:
        order = "F"
    elif a.flags.c_contiguous:
        order = "C"
    else:
        a, order, copied = a.copy(order="C"), "C", True
    keep.append(a)
    return {"t": "array", "ptr": a.ctypes.data, "dtype": a.dtype.name, "shape": list(a.shape), "order": order,
            "owner": id(a), "copied": copied, "copy": copy}


def export_names(names: list, copy: bool, namespace: dict) -> tuple:
    """Descriptions of the named ``__main__`` variables, and the objects that must stay alive meanwhile.

    What has no Julia equivalent crosses as the object itself (a proxy), unless ``copy`` is asked for. All or
    nothing: any unknown name or value that cannot cross raises :class:`BridgeError`.
    """
    keep, out, problems = [], [], []
    for name in names:
        if name not in namespace:
            problems.append(f"{name}: no such Python variable")
            continue
        try:
            out.append(describe(namespace[name], copy, keep, objects=not copy))
        except BridgeError as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        raise BridgeError("; ".join(problems))
    return out, keep


# -- Julia -> Python ------------------------------------------------------------------------------------

def build(desc: dict):
    """The Python value for a description made by the Julia side."""
    t = desc["t"]
    if t == "none":
        return None
    if t in ("bool", "str", "strs", "plain"):
        return desc["v"]
    if t == "int":
        return int(desc["v"])
    if t == "float":
        return float(desc["v"])
    if t == "complex":
        return complex(float(desc["re"]), float(desc["im"]))
    if t == "bytes":
        return base64.b64decode(desc["v"])
    if t in ("list", "tuple", "set"):
        items = [build(x) for x in desc["v"]]
        return items if t == "list" else tuple(items) if t == "tuple" else set(items)
    if t == "dict":
        return dict(zip(_items(build(desc["k"])), _items(build(desc["v"])), strict=True))
    if t == "range":
        return range(desc["start"], desc["stop"], desc["step"])
    if t == "table":
        return _build_table(desc)
    if t == "python":
        return ctypes.cast(desc["ptr"], ctypes.py_object).value
    if t == "array":
        return _build_array(desc)
    raise BridgeError(f"unknown description {t!r}")


def _items(values) -> list:
    """The items of a built list or array, as Python values."""
    np = _loaded_numpy()
    return values.tolist() if np is not None and isinstance(values, np.ndarray) else values


def _build_array(desc: dict):
    np = _numpy()
    if np is None:
        raise BridgeError("numpy is not installed in the embedded Python")
    dtype, shape = np.dtype(desc["dtype"]), tuple(desc["shape"])
    nbytes = dtype.itemsize * int(np.prod(shape, dtype=np.int64))
    if nbytes == 0:
        return np.zeros(shape, dtype, order="F")
    buffer = (ctypes.c_byte * nbytes).from_address(desc["ptr"])
    view = np.frombuffer(buffer, dtype=dtype).reshape(shape, order="F")
    handle = desc.get("handle")
    if handle is None:  # a copy was asked for: Julia's memory is only read now
        return view.copy(order="F")
    known = _views_by_memory.get((desc["ptr"], dtype.str, shape))
    if known is not None:
        release(handle)  # the view made earlier already keeps Julia's array pinned
        return known
    # When the last view (and so the buffer) dies, Julia may unpin its array.
    weakref.finalize(buffer, release, handle)
    _julia_views[id(view)] = view
    julia_handles[id(view)] = handle
    _views_by_memory[(desc["ptr"], dtype.str, shape)] = view
    weakref.finalize(view, julia_handles.pop, id(view), None)
    return view


def _build_table(desc: dict):
    """A pandas DataFrame of a Julia column table (a dict of columns without pandas); which columns still
    share Julia's memory is noted in ``attrs["shared"]``."""
    columns = {name: build(column) for name, column in zip(desc["names"], desc["columns"], strict=True)}
    try:
        import pandas as pd
    except ImportError:
        return columns
    frame = pd.DataFrame(columns, copy=False)
    np = _loaded_numpy()
    frame.attrs["shared"] = [name for name, column in columns.items()
                             if np is not None and isinstance(column, np.ndarray) and
                             np.shares_memory(frame[name].to_numpy(copy=False), column)]
    return frame


def take_released() -> list:
    """Handles of Julia arrays no Python object uses any more (called by Julia on its main thread)."""
    n = len(released)
    handles = released[:n]
    del released[:n]
    return handles


def summary(value) -> str:
    """``ndarray float64 (3, 4)``, ``dict (3 keys)``, ``int``: what a value became, for the magic's report."""
    np = _loaded_numpy()
    if np is not None and isinstance(value, np.ndarray):
        return f"ndarray {value.dtype} {value.shape}"
    if is_julia_value(value):
        return f"{type(value).__name__} ({julia_type_name(value)})"
    if _is_dataframe(value):
        shared = value.attrs.get("shared", [])
        return (f"DataFrame ({value.shape[0]} rows x {value.shape[1]} columns; "
                f"{', '.join(shared) + ' shared' if shared else 'copied'})")
    library = type(value).__module__.split(".")[0]
    if library in ("pyarrow", "polars") and hasattr(value, "__len__"):  # (what %jl2py --arrow makes)
        shape = getattr(value, "shape", None) or (len(value),)
        size = f"{shape[0]} rows x {shape[1]} columns" if len(shape) == 2 else f"{shape[0]} elements"
        return f"{library}.{type(value).__name__} ({size})"
    if isinstance(value, dict):
        return f"dict ({len(value)} keys)"
    if isinstance(value, (list, tuple, set, str, bytes, range)):
        unit = "chars" if isinstance(value, str) else "items"
        return f"{type(value).__name__} ({len(value)} {unit})"
    return type(value).__name__


def julia_type_name(value) -> str:
    """The Julia type of a wrapped Julia value, as Julia writes it."""
    import juliacall
    return str(juliacall.Base.typeof(value))


def user_variables(namespace: dict, startup_names: set) -> list:
    """``[name, summary, how, id]`` for each variable the user made in ``namespace``: ``how`` is "proxy" for a
    Julia object, "shared" for a view of Julia's memory, else "" (Julia marks what it shares by ``id``)."""
    out = []
    for name, value in namespace.items():
        if name.startswith("_") or name in startup_names or isinstance(value, type(sys)):
            continue
        if is_julia_value(value):
            how = "proxy"
        elif shares_julia_memory(value):
            how = "shared"
        else:
            how = ""
        out.append([name, summary(value), how, id(value)])
    return out


def shares_julia_memory(value) -> bool:
    """Whether ``value`` is a view of a Julia array's memory."""
    return _julia_views.get(id(value)) is value


def import_values(pairs: list, namespace: dict) -> list:
    """Build each ``(name, description)`` and bind them all in ``namespace``; returns one summary each.

    All or nothing: every value is built before any name is bound.
    """
    values = [(name, build(desc)) for name, desc in pairs]
    namespace.update(values)
    return [summary(value) for _, value in values]


def main_namespace() -> dict:
    return sys.modules["__main__"].__dict__
