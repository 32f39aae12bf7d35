"""
Arrow's C Data Interface, in pure Julia: streams of record batches that any Arrow producer exports
(pyarrow, polars, pandas' Arrow-backed frames, DuckDB) read as column tables whose columns are vectors over
the producer's buffers, never copied, and released once unused.
"""
module Arrow

import Dates
using ..NumpyDates

export ArrowColumn, ArrowExport, ArrowMemoryError, arrow_export, arrow_stream

include("c_data.jl")
include("columns.jl")
include("arrays.jl")
include("tables.jl")
include("export.jl")

end
