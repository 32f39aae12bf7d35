"""%jl2py: Julia variables into Python."""

from metapoly.magics import BridgeMagic


class Jl2PyMagic(BridgeMagic):
    direction = "jl2py"

    def line_jl2py(self, args: str) -> None:
        """
        %jl2py [--copy | --arrow | --polars] NAME[=OTHER] ... - bind Julia variables in Python's __main__

        Each NAME (a global of Julia's Main) becomes a Python variable of the same name (or OTHER).
        Numeric Julia Arrays are shared, not copied: Python gets a numpy array over Julia's memory
        (column-major, so F-ordered), and writes on either side are visible on the other. An array that
        came from Python comes back as the identical numpy object. --copy makes independent copies.
        One line per variable says what it became and whether it is shared, copied or a proxy; a call
        with several names is all or nothing.

        Julia                           Python                          how
        nothing, Bool, Integer, Float,  None, bool, int, float,         value
        Complex, String/Symbol/Char     complex, str
        Array of Bool, Int8-64,         numpy.ndarray (F order)         shared memory
        UInt8-64, Float16/32/64,
        ComplexF32/64
        integer ranges                  range                           value
        other numeric arrays (views,    numpy.ndarray                   copied
        float ranges, ...)
        Tuple, NamedTuple, Dict, Set,   tuple, dict, dict, set, list    copied, recursively
        Vector of other things
        column table (NamedTuple of     pandas.DataFrame                numeric columns shared
        vectors, Vector of NamedTuples)                                 where pandas keeps them
        anything else (a struct, a      a juliacall value (AnyValue...): proxy
        function, a module)             call it, read its fields
        anything else, with --copy      an error naming the type        nothing changes

        --arrow makes column tables pyarrow Tables (vectors: ChunkedArrays), --polars polars DataFrames
        (vectors: Series), through Arrow: numeric columns, numpy datetimes and columns that came from
        Arrow are Julia's memory (read-only in Python); strings, booleans, Dates and columns with missing
        are laid out once in Arrow's layout. The line says which columns are shared. pyarrow.table(jl.t)
        and polars.DataFrame(jl.t) do the same from Python code.

        It works on a cell's first lines, and inside Python code as well (after other lines).

        Examples:
            %julia m = rand(3, 3)
            %jl2py m
            %jl2py m=m_copy --copy
            %julia t = (x = rand(10^6), label = fill("a", 10^6))
            %jl2py --arrow t
        """
        self.move(args)


def register_magics(kernel) -> None:
    kernel.register_magics(Jl2PyMagic)
