"""%py2jl: Python variables into Julia."""

from metapoly.magics import BridgeMagic


class Py2JlMagic(BridgeMagic):
    direction = "py2jl"

    def line_py2jl(self, args: str) -> None:
        """
        %py2jl [--copy] NAME[=OTHER] ... - bind Python variables in Julia's Main

        Each NAME becomes a Julia variable of the same name (or OTHER). Numeric numpy arrays are shared,
        not copied: Julia sees the same memory, in constant time, and writes on either side are visible
        on the other. A C-ordered (row-major) array appears as a PermutedDimsArray so that a[i,j] means
        the same element in both languages (indices start at 1 in Julia). --copy makes independent
        copies instead. One line per variable says what it became and whether it is shared, copied or a
        proxy. A call with several names is all or nothing.

        Python                          Julia                                   how
        None, bool, int, float          nothing, Bool, Int64 (BigInt past       value
        complex, str                    64 bits), Float64, ComplexF64, String
        numpy array: bool, int8-64,     Array of the same element type and      shared memory
        uint8-64, float16/32/64,        shape (PermutedDimsArray for C order)
        complex64/128, contiguous
        non-contiguous array            Array                                   copied
        numpy scalar                    the scalar                              copied
        list, tuple, dict, set, bytes   Vector (narrowest element type),        copied, recursively
                                        Tuple, Dict, Set, Vector{UInt8}
        a Julia array sent earlier      the very same Julia object              shared
        pandas DataFrame                a column table: NamedTuple of column    numeric columns
                                        vectors (as Tables.jl reads them)       shared, others copied
        Arrow data: pyarrow Table,      a column table of read-only vectors     every column shared
        polars DataFrame / Series,      over the Arrow buffers (missing for     (Arrow memory is
        pandas with Arrow columns       nulls; strings made when read)          immutable)
        anything else (a module, a      a Py: the Python object itself, used    proxy
        generator, a figure...)         from Julia (fig.savefig(...), ...)
        anything else, with --copy      an error naming the type                nothing changes

        It works on a cell's first lines, and inside Python code as well (after other lines).

        Examples:
            import numpy as np
            a = np.arange(12.0).reshape(3, 4)
            %py2jl a
            %py2jl a=b --copy
        """
        self.move(args)


def register_magics(kernel) -> None:
    kernel.register_magics(Py2JlMagic)
