"""
Arrow's C Data Interface, in pure Julia: streams of record batches that any Arrow producer exports
(pyarrow, polars, pandas' Arrow-backed frames, DuckDB) read as column tables whose columns are vectors over
the producer's buffers, never copied, and released once unused (strings in place too: `arrow_strings`);
and Julia's column tables and vectors described as Arrow arrays for Python to export.
"""
module Arrow

import Dates
using ..NumpyDates

export ArrowColumn, ArrowString, arrow_strings, ArrowExport, ArrowMemoryError, arrow_export, arrow_stream

include("c_data.jl")
include("columns.jl")
include("arrays.jl")
include("strings.jl")
include("tables.jl")
include("export.jl")

end
