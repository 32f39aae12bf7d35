"""The files cells run as, named as ipykernel names them: ``<tmp>/ipykernel_<kernel's pid>/<hash>.py``.

JupyterLab's debugger computes a cell's file name itself (from ``debugInfo``'s hash method, seed, prefix and
suffix) to set breakpoints in it, so the name must be ipykernel's to the bit: the 32-bit MurmurHash2 of the
cell's UTF-8 bytes with ipykernel's seed. Both halves of the kernel name cells with this module; neither
imports ipykernel for it (in the worker, that import alone pulled in jupyter_client and zmq: a seventh of
its start).
"""

from __future__ import annotations

import os
import tempfile

HASH_METHOD = "Murmur2"
HASH_SEED = 0xC70F6907
SUFFIX = ".py"

_M = 0x5BD1E995
_MASK = 0xFFFFFFFF


def murmur2(text: str, seed: int = HASH_SEED) -> int:
    """MurmurHash2 (32-bit, x86) of ``text``'s UTF-8 bytes."""
    data = text.encode("utf-8")
    h = (seed ^ len(data)) & _MASK
    whole = len(data) & ~3
    for i in range(0, whole, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * _M) & _MASK
        k ^= k >> 24
        h = ((h * _M) & _MASK) ^ ((k * _M) & _MASK)
    if whole < len(data):
        h = ((h ^ int.from_bytes(data[whole:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 13)) * _M) & _MASK
    return h ^ (h >> 15)


def cell_directory() -> str:
    """The directory of the kernel's cell files, named after this process (the front end: the kernel's)."""
    return os.path.join(tempfile.gettempdir(), f"ipykernel_{os.getpid()}")


def cell_file(code: str, directory: str | None = None) -> str:
    """The file a cell of ``code`` runs as, in ``directory`` (this process's :func:`cell_directory` unless
    given)."""
    return os.path.join(directory or cell_directory(), f"{murmur2(code)}{SUFFIX}")
