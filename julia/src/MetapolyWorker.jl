"""
The metapoly worker: one Julia process that runs Julia cells in `Main` and hosts CPython in the same
address space for Python cells. It knows nothing of Jupyter; it answers framed requests from the front end
on a private Unix-domain socket.

Its layers, each a submodule in a folder of its own, are included from the bottom up: each uses only the
layers above it in this list (its `using ..X` lines say which), through what they export.
"""
module MetapolyWorker

include("Utils/Utils.jl")         # versions of Julia, the worker's log, JSON
include("NumpyDates/NumpyDates.jl")  # PythonCall's NumpyDates: numpy's datetimes and timedeltas, pure Julia
include("Arrow/Arrow.jl")         # Arrow's C Data Interface: Arrow tables over their buffers, pure Julia
include("Wire/Wire.jl")           # frames to and from the front end
include("Stdio/Stdio.jl")         # user code's stdout, stderr, stdin and interrupts
include("C/C.jl")                 # CPython's C API, the only door to libpython
include("Runtime/Runtime.jl")     # the embedded Python's runtime and its entry points
include("Objects/Objects.jl")     # PythonCall's core: `Py`, its lifetime and operations, Python exceptions
include("PyMacro/PyMacro.jl")     # PythonCall's `@py`: Julia's syntax with Python's semantics
include("Convert/Convert.jl")     # `pyconvert` and its rules; %py2jl's tables, shared memory and its lifetime
include("Wrap/Wrap.jl")           # PythonCall's wrappers: `PyList`, `PyDict`, `PyArray`, `PyIO`, `PyTable`...
include("Display/Display.jl")     # MIME bundles, `display`
include("Compat/Compat.jl")       # PythonCall's Compat: Python's displays, GUI event loops, `show` of a `Py`
include("API/API.jl")             # metapoly's own API for Julia cells (`pyget`, `pyset!`, comms)
include("JlWrap/JlWrap.jl")       # Julia seen from Python: juliacall's values
include("PythonCall/PythonCall.jl")  # PythonCall's API as one module: `using PythonCall`
include("Cells/Cells.jl")         # Julia cells, completion and help
include("Requests/Requests.jl")   # the front end's requests, one handler each

using .Utils
using .Arrow: ArrowColumn, ArrowString, arrow_strings
using .Wire
using .Stdio
using .C: PyException, python_initialize, python_loaded, with_gil, decref, check_signals
using .Runtime
using .Objects
using .Convert
using .Wrap
using .Display
using .API
using .JlWrap
using .Requests

# What every Julia cell sees (worker.jl binds these in `Main`): the commonest of PythonCall's names
# (`using PythonCall` gives them all) and metapoly's own.
export Py, PyException, pyimport, pybuiltins, pyconvert, pyeval, pyexec, pyget, pyset!, @py_str, clear_output,
       Comm, send_comm, close_comm, comm_target, ArrowColumn, ArrowString, arrow_strings

include("distributed_interrupts.jl")  # interrupting the work of the processes Distributed added
include("distributed_workers.jl")     # those processes host the worker's Python
include("distributed_launch.jl")      # and start so on other machines too (SSH)
include("worker.jl")
include("precompile.jl")

end
