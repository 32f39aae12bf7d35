"""The other wrapped values: modules, types, iterators, raw values and IO streams."""

from __future__ import annotations

from .any import AnyValue
from .entry import M, getattr_method, method
from .values import ValueBase


class ModuleValue(AnyValue):
    """A Julia module: its members as attributes; ``seval`` runs code in it."""

    __slots__ = ()

    def seval(self, expr):
        """Run the Julia code ``expr`` in this module; its value."""
        return self._jl_callmethod(M.seval, expr)


class TypeValue(AnyValue):
    """A Julia type: call it to make values, index it for its parameters (``Vector[int]``)."""

    __slots__ = ()
    __getitem__ = method("typeparams")


class IteratorValue(AnyValue):
    """A Julia iterator, as a Python iterator."""

    __slots__ = ()

    def __iter__(self):
        return self

    __next__ = method("next")


class RawValue(ValueBase):
    """A Julia value whose operations' results stay ``RawValue``s, never converted to Python."""

    __slots__ = ()

    def __repr__(self):
        return self._jl_callmethod(M.repr)

    def __str__(self):
        return self._jl_callmethod(M.str)

    __getattr__ = getattr_method(M.raw_getattr)

    def __call__(self, *args, **kwargs):
        return self._jl_callmethod(M.raw_call, args, kwargs or None)

    def _jl_call_nogil(self, *args, **kwargs):
        return self._jl_callmethod(M.raw_call, args, kwargs or None)

    def __getitem__(self, k):
        return self._jl_callmethod(M.raw_getitem, k)

    def __len__(self):
        return self._jl_callmethod(M.len)

    def __bool__(self):
        return True

    def _jl_any(self):
        """This value as an ``AnyValue`` (converted as juliacall converts results)."""
        return self._jl_callmethod(M.raw_value)


class IOValueBase(AnyValue):
    """A Julia IO stream, as a Python file object."""

    __slots__ = ()
    close = method("io_close")
    flush = method("io_flush")
    isatty = method("io_isatty")
    fileno = method("io_fileno")
    readable = method("io_readable")
    writable = method("io_writable")
    seekable = method("io_seekable")
    tell = method("io_tell")

    @property
    def closed(self):
        return self._jl_callmethod(M.io_closed)

    def seek(self, offset, whence=0):
        return self._jl_callmethod(M.io_seek, offset, whence)

    def truncate(self, size=None):
        return self._jl_callmethod(M.io_truncate, size)

    def readline(self, size=-1):
        return self._jl_callmethod(M.io_readline, size)

    def readlines(self, hint=-1):
        lines = []
        for line in self:
            lines.append(line)
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class BinaryIOValue(IOValueBase):
    """A Julia IO stream as a binary Python file: reads and writes bytes."""

    __slots__ = ()

    def read(self, size=-1):
        return self._jl_callmethod(M.io_read, size, False)

    write = method("io_write")
    readinto = method("io_readinto")


class TextIOValue(IOValueBase):
    """A Julia IO stream as a text Python file: reads and writes strings (UTF-8)."""

    __slots__ = ()

    def read(self, size=-1):
        return self._jl_callmethod(M.io_read, size, True)

    write = method("io_write")

    @property
    def encoding(self):
        return self._jl_callmethod(M.io_encoding)
