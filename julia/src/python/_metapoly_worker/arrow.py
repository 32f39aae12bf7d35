"""Arrow data that crosses to Julia without a copy (the Julia half is ``Arrow/``): anything that exports an
Arrow stream by the PyCapsule protocol (``__arrow_c_stream__``: pyarrow tables, record batches and
chunked arrays, polars DataFrames and Series, DuckDB results, pandas DataFrames with Arrow-backed columns)
and whose columns are all of layouts Julia reads. (A pandas DataFrame crosses column by column: those
backed by Arrow this way, the others as before.) Julia moves the stream out of its capsule and reads its
buffers in place; here the stream's schema is only looked at, through ctypes, to choose that road.
"""

from __future__ import annotations

import ctypes
import re

STREAM_CAPSULE = b"arrow_array_stream"

# The formats of Arrow's C Data Interface that Julia reads (Arrow/arrays.jl): numbers, booleans, nulls,
# strings and binary (with 32- or 64-bit offsets, or views), dates, timestamps (any time zone),
# durations and times of day; and any of them dictionary-encoded, with integer indices.
_READABLE = re.compile(r"[nbcCsSiIlLefguUzZ]|v[uz]|td[Dm]|ts[smun]:.*|tD[smun]|tt[smun]")
_INDICES = frozenset("cCsSiIlL")


class _Schema(ctypes.Structure):
    pass


_Schema._fields_ = [
    ("format", ctypes.c_char_p), ("name", ctypes.c_char_p), ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64), ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(_Schema))), ("dictionary", ctypes.POINTER(_Schema)),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Schema))), ("private_data", ctypes.c_void_p),
]


class _Stream(ctypes.Structure):
    _fields_ = [
        ("get_schema", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_Schema))),
        ("get_next", ctypes.c_void_p), ("get_last_error", ctypes.c_void_p), ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


# (A function of our own: ctypes.pythonapi's are shared with any code that sets their argument types.)
_capsule_pointer = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", ctypes.pythonapi))


# Producers whose exports are valid by construction. The data of any other is checked first (pyarrow's
# full validation), so that a malformed stream is an error rather than Julia reading memory that is not
# there: the interface gives no buffer's size.
_TRUSTED = frozenset({"pyarrow", "polars"})


class MalformedArrow(ValueError):
    """Arrow data that does not hold what its layout claims."""


def stream_of(value) -> tuple[object, int, list[str]] | None:
    """``(capsule, address of its ArrowArrayStream, column names)`` for a value Julia can read as Arrow
    without a copy; None for any other. Raises :class:`MalformedArrow` for data that fails validation."""
    export = getattr(type(value), "__arrow_c_stream__", None)
    producer = type(value).__module__.split(".")[0]
    if export is None or producer == "pandas":
        return None
    if producer not in _TRUSTED:
        value = _validated(value)
        if value is None:
            return None
        export = type(value).__arrow_c_stream__
    try:
        capsule = export(value, None)
        address = _capsule_pointer(capsule, STREAM_CAPSULE)
    except Exception:  # noqa: BLE001 -- a producer that cannot export crosses as it did before Arrow
        return None
    names = _readable_names(address)
    return None if names is None else (capsule, address, names)


def _validated(value):
    # The value's Arrow data as a pyarrow Table, validated in full; None without pyarrow.
    try:
        import pyarrow as pa
        reader = pa.RecordBatchReader.from_stream(value)
    except (ImportError, AttributeError, TypeError, ValueError):
        return None
    try:
        table = reader.read_all()
        table.validate(full=True)
    except pa.ArrowException as e:
        raise MalformedArrow(f"its Arrow data is malformed ({e})") from None
    return table


def _readable_names(address: int) -> list[str] | None:
    # The stream's column names (one unnamed column when it is not a stream of records), or None if a
    # column has a layout Julia does not read.
    stream = _Stream.from_address(address)
    schema = _Schema()
    if stream.get_schema(address, ctypes.byref(schema)) != 0:
        return None
    try:
        if schema.format != b"+s":
            return [""] if _readable(schema) else None
        children = [schema.children[i].contents for i in range(schema.n_children)]
        if not all(_readable(child) for child in children):
            return None
        return [(child.name or b"").decode("utf-8", "replace") for child in children]
    finally:
        if schema.release:
            schema.release(ctypes.byref(schema))


def _readable(schema: _Schema) -> bool:
    layout = schema.format.decode("ascii", "replace")
    if schema.dictionary:  # (categorical data: integer indices into a dictionary of values)
        return layout in _INDICES and _readable(schema.dictionary.contents)
    return _READABLE.fullmatch(layout) is not None


def is_arrow_backed(dtype) -> bool:
    """Whether a pandas column of ``dtype`` keeps its values in Arrow memory (``ArrowDtype``, and strings
    stored by pyarrow: ``string[pyarrow]``, pandas 3's ``str``)."""
    return getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype"
