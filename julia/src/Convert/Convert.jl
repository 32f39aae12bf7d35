"""
Values between the languages. PythonCall's `pyconvert(T, x)` and its rules; and the friendlier tables of
`%py2jl` and `%jl2py` (and `pyget`, `pyset!`): tagged descriptions of whole values, numpy buffers read
directly, the memory both languages share and how long it lives, and the moves of named variables.
"""
module Convert

using Base64
using Dates
using ..Utils
using ..C
using ..Runtime
using ..Objects
using ..NumpyDates
using ..NumpyDates: UNBOUND_UNITS   # (public, not exported: as in PythonCall)
using ..Arrow
import ..Objects: pyconvert

export pyconvert, pytryconvert, @pyconvert, pyconvert_add_rule, pyconvert_return, pyconvert_unconverted,
       pyconvert_isunconverted, pyconvert_tryconvert, PyConvertPriority, PYCONVERT_PRIORITY_WRAP,
       PYCONVERT_PRIORITY_ARRAY, PYCONVERT_PRIORITY_CANONICAL, PYCONVERT_PRIORITY_NORMAL,
       PYCONVERT_PRIORITY_FALLBACK, init_rules, lower_bound, upper_bound, bounded_promote,
       BridgeError, from_description, to_description, julia_summary, is_column_table, columns_of, share_numpy,
       python_owner, python_object_of, python_owners, pinned, pinned_for_python, pin!, fix_pinned_memory!,
       unpin!, unpin_all!, release_bridged, release_bridged_in_batches, numpy_value, BUFFER_CODES, take_value,
       move_to_julia, move_to_python, move_as_asked, arrow_exported, arrow_report,
       check_julia_names, julia_global_exists, bind_in_julia, bind_in_python

include("pyconvert.jl")
include("numpy.jl")
include("ctypes.jl")
include("pandas.jl")
include("arrow_rules.jl")
include("rules.jl")
include("shared.jl")
include("bridge.jl")
include("numpy_buffer.jl")
include("values.jl")
include("arrow_export.jl")
include("moves.jl")

end
