"""Julia vectors and column tables exported by Arrow's PyCapsule protocol (``__arrow_c_stream__``,
``__arrow_c_array__``), so that pyarrow, polars, DuckDB or any Arrow consumer reads Julia's memory without
pyarrow being needed here. Julia describes the arrays (``Arrow/export.jl``: formats, lengths, buffer
addresses) and pins the memory they are in; this module builds the C Data Interface's structs around those
addresses with ctypes. Each struct's release callback drops what it holds; once nothing does, the pins go
back to Julia, which lets go of them on its own main thread (``bridge.release``), whichever thread the
consumer released from.
"""

from __future__ import annotations

import ctypes
import importlib
import itertools
import weakref

from .bridge import release

_c = ctypes
_VOID_CALLBACK = _c.CFUNCTYPE(None, _c.c_void_p)
_STREAM_CALLBACK = _c.CFUNCTYPE(_c.c_int, _c.c_void_p, _c.c_void_p)
_ERROR_CALLBACK = _c.CFUNCTYPE(_c.c_char_p, _c.c_void_p)


class _Schema(_c.Structure):
    _fields_ = [("format", _c.c_char_p), ("name", _c.c_char_p), ("metadata", _c.c_char_p),
                ("flags", _c.c_int64), ("n_children", _c.c_int64), ("children", _c.c_void_p),
                ("dictionary", _c.c_void_p), ("release", _c.c_void_p), ("private_data", _c.c_void_p)]


class _Array(_c.Structure):
    _fields_ = [("length", _c.c_int64), ("null_count", _c.c_int64), ("offset", _c.c_int64),
                ("n_buffers", _c.c_int64), ("n_children", _c.c_int64), ("buffers", _c.c_void_p),
                ("children", _c.c_void_p), ("dictionary", _c.c_void_p), ("release", _c.c_void_p),
                ("private_data", _c.c_void_p)]


class _Stream(_c.Structure):
    _fields_ = [("get_schema", _c.c_void_p), ("get_next", _c.c_void_p), ("get_last_error", _c.c_void_p),
                ("release", _c.c_void_p), ("private_data", _c.c_void_p)]


NULLABLE = 2
_keys = itertools.count(1)
# What each exported struct (by its private_data) keeps alive until its release callback runs.
_held: dict = {}


class Pins:
    """The Julia pins of one export: given back to Julia (``release``) when the last struct using them is
    released."""

    def __init__(self, handles: list) -> None:
        for handle in handles:
            weakref.finalize(self, release, handle)


class Exported:
    """A Julia table or vector, exported (``description`` from Julia's ``arrow_export``, its memory
    pinned under ``pins``). Each export is independent: taking it twice is two readers of the same
    memory."""

    def __init__(self, description: dict, pins: Pins) -> None:
        self.names, self.batches = description["names"], description["batches"]
        self.lengths, self.pins = description["lengths"], pins

    def __arrow_c_stream__(self, requested_schema=None):
        stream = _Stream(get_schema=_address(_get_schema), get_next=_address(_get_next),
                         get_last_error=_address(_get_last_error))
        _hold(stream, (self, iter(range(len(self.batches)))), _release_stream)
        return _capsule(stream, b"arrow_array_stream", _destroy_stream)

    def __arrow_c_schema__(self):
        return _capsule(self._schema(), b"arrow_schema", _destroy_schema)

    def __arrow_c_array__(self, requested_schema=None):
        if len(self.batches) != 1:
            raise TypeError("this Julia value has several Arrow record batches: read it as a stream "
                            "(__arrow_c_stream__: pyarrow.table, pyarrow.chunked_array)")
        return self.__arrow_c_schema__(), _capsule(self._array(0), b"arrow_array", _destroy_array)

    def _schema(self) -> _Schema:
        columns = self.batches[0]
        if self.names is None:
            return _schema_of(columns[0]["format"], b"", [])
        return _schema_of("+s", b"", [_schema_of(c["format"], c["name"].encode(), []) for c in columns])

    def _array(self, k: int) -> _Array:
        columns = self.batches[k]
        if self.names is None:
            return _array_of(columns[0], [], self.pins)
        top = {"length": self.lengths[k], "null_count": 0, "offset": 0, "buffers": [0]}
        return _array_of(top, [_array_of(c, [], self.pins) for c in columns], self.pins)


def in_library(exported: Exported, library: str):
    """``exported`` read by ``library`` ("pyarrow": a Table or ChunkedArray; "polars": a DataFrame or
    Series), over the same memory."""
    try:
        module = importlib.import_module(library)
    except ImportError:
        raise ImportError(f"{library} is not in the kernel's Python: pip install {library}") from None
    if library == "pyarrow":
        return (module.table if exported.names is not None else module.chunked_array)(exported)
    return (module.DataFrame if exported.names is not None else module.Series)(exported)


def _schema_of(format: str, name: bytes, children: list) -> _Schema:
    s = _Schema(format=format.encode(), name=name, flags=NULLABLE, n_children=len(children))
    pointers = (_c.c_void_p * len(children))(*(_c.addressof(c) for c in children))
    s.children = _c.addressof(pointers) if children else None
    # (The strings and the children's pointers are referenced by the struct wherever a consumer moves it.)
    return _hold(s, (format.encode(), name, pointers, children), _release_schema)


def _array_of(d: dict, children: list, pins: Pins) -> _Array:
    buffers = (_c.c_void_p * len(d["buffers"]))(*(b or None for b in d["buffers"]))
    pointers = (_c.c_void_p * len(children))(*(_c.addressof(c) for c in children))
    a = _Array(length=d["length"], null_count=d["null_count"], offset=d["offset"],
               n_buffers=len(d["buffers"]), n_children=len(children),
               buffers=_c.addressof(buffers), children=_c.addressof(pointers) if children else None)
    return _hold(a, (buffers, pointers, children, pins), _release_array)


def _hold(struct, what, callback):
    key = next(_keys)
    _held[key] = what
    struct.private_data, struct.release = key, _address(callback)
    return struct


def _released(kind, address: int) -> None:
    # A struct's release: its children first (those not moved out by the consumer), then what it holds.
    struct = kind.from_address(address)
    if struct.children:
        for child in (_c.c_void_p * struct.n_children).from_address(struct.children):
            inner = kind.from_address(child)
            if inner.release:
                _VOID_CALLBACK(inner.release)(child)
    _held.pop(struct.private_data, None)
    struct.release = None


_release_schema = _VOID_CALLBACK(lambda address: _released(_Schema, address))
_release_array = _VOID_CALLBACK(lambda address: _released(_Array, address))


def _fill(out: int, struct) -> int:
    _c.memmove(out, _c.addressof(struct), _c.sizeof(struct))
    return 0


EINVAL = 22


@_STREAM_CALLBACK
def _get_schema(stream: int, out: int) -> int:
    try:
        exported, _ = _held[_Stream.from_address(stream).private_data]
        return _fill(out, exported._schema())
    except Exception:  # noqa: BLE001 -- (an exception cannot cross into the consumer's C code)
        return EINVAL


@_STREAM_CALLBACK
def _get_next(stream: int, out: int) -> int:
    try:
        exported, batches = _held[_Stream.from_address(stream).private_data]
        k = next(batches, None)
        if k is None:
            _Array.from_address(out).release = None  # (the end of the stream)
            return 0
        return _fill(out, exported._array(k))
    except Exception:  # noqa: BLE001
        return EINVAL


@_ERROR_CALLBACK
def _get_last_error(stream: int):
    return None


@_VOID_CALLBACK
def _release_stream(address: int) -> None:
    stream = _Stream.from_address(address)
    _held.pop(stream.private_data, None)
    stream.release = None


def _address(callback) -> int:
    return _c.cast(callback, _c.c_void_p).value


# -- PyCapsules: each owns the struct it points to, released (if no consumer moved it) with the capsule.
# (Functions of our own: ctypes.pythonapi's are shared with any code that sets their argument types.)
_new_capsule = _c.PYFUNCTYPE(_c.py_object, _c.c_void_p, _c.c_char_p, _c.c_void_p)(
    ("PyCapsule_New", _c.pythonapi))
_capsule_pointer = _c.PYFUNCTYPE(_c.c_void_p, _c.c_void_p, _c.c_char_p)(
    ("PyCapsule_GetPointer", _c.pythonapi))
_in_capsules: dict = {}


def _capsule(struct, name: bytes, destructor):
    _in_capsules[_c.addressof(struct)] = struct
    return _new_capsule(_c.addressof(struct), name, _address(destructor))


def _destroyed(name: bytes, capsule: int) -> None:
    address = _capsule_pointer(capsule, name)
    struct = _in_capsules.pop(address)
    if struct.release:
        _VOID_CALLBACK(struct.release)(address)


_destroy_stream = _VOID_CALLBACK(lambda capsule: _destroyed(b"arrow_array_stream", capsule))
_destroy_schema = _VOID_CALLBACK(lambda capsule: _destroyed(b"arrow_schema", capsule))
_destroy_array = _VOID_CALLBACK(lambda capsule: _destroyed(b"arrow_array", capsule))
