"""
PythonCall's API, as the worker implements it: `using PythonCall` in a cell gives this module (also where
the real PythonCall package is installed: loading it would start a second Python in the process). Its
names and their meanings are PythonCall's; what differs is in the README's "Coming from PythonCall".
"""
module PythonCall

using ..Utils
using ..C
using ..Objects
using ..PyMacro
using ..Convert
using ..Wrap
using ..JlWrap
import ..NumpyDates   # `PythonCall.NumpyDates`, a module of its own as in PythonCall

# Core
export Py, PyException, ispy, pybuiltins, pyis, pyrepr, pyascii, pyhasattr, pygetattr, pysetattr, pydelattr,
       pyissubclass, pyisinstance, pyhash, pytruth, pynot, pylen, pyhasitem, pygetitem, pysetitem, pydelitem,
       pydir, pycall, pycallable, pyeq, pyne, pyle, pylt, pyge, pygt, pycontains, pyin, pyiter, pynext,
       pywith, pyprint, pyhelp, pyall, pyany, pycompile, pyneg, pypos, pyabs, pyinv, pyindex, pyadd, pysub,
       pymul, pymatmul, pytruediv, pyfloordiv, pymod, pydivmod, pylshift, pyrshift, pyand, pyor, pyxor,
       pyiadd, pyisub, pyimul, pyimatmul, pyitruediv, pyifloordiv, pyimod, pyilshift, pyirshift, pyiand,
       pyior, pyixor, pypow, pyipow, pybool, pystr, pybytes, pyint, pyfloat, pycomplex, pytype, pyslice,
       pyrange, pytuple, pylist, pycollist, pyrowlist, pyset, pyfrozenset, pydict, pydate, pytime,
       pydatetime, pyfraction, pyeval, pyexec, pyimport, @pyeval, @pyexec, @pyconst
# Convert
export pyconvert, @pyconvert, pyconvert_add_rule, pyconvert_return, pyconvert_unconverted,
       PYCONVERT_PRIORITY_WRAP, PYCONVERT_PRIORITY_ARRAY, PYCONVERT_PRIORITY_CANONICAL,
       PYCONVERT_PRIORITY_NORMAL, PYCONVERT_PRIORITY_FALLBACK
# PyMacro
export @py
# Wrap (its table functions `columnnames`, `columns`, `getcolumn`, `istable` are public, not exported)
export PyIterable, PyList, PySet, PyDict, PyArray, PyIO, PyTable, PyPandasDataFrame, pytable

# JlWrap
export pyjl, pyjltype, pyjlraw, pyisjl, pyjlvalue, pyfunc, pyclassmethod, pystaticmethod, pyproperty,
       pybinaryio, pytextio, PyObjectArray, PyObjectVector, PyObjectMatrix

# Public, not exported (as in PythonCall).
using ..Objects: pynew, pycopy!, pydel!, getptr, pyisnull, PyNULL, unsafe_pynext, pyisnone
# Compat: public, not exported (as in PythonCall); `PythonCall.Compat.PythonDisplay`, `IPythonDisplay`.
import ..Compat
using ..Compat: event_loop_on, event_loop_off, fix_qt_plugin_path

include("GIL.jl")
include("GC.jl")

"""
    python_version(), python_executable_path(), python_library_path(), python_library_handle()

The embedded Python: its version, the executable it poses as (the kernel's), its library's path and
`dlopen` handle.
"""
python_version() = VersionNumber(pyconvert(String, pyimport("platform").python_version()))
python_executable_path() = pyconvert(String, pyimport("sys").executable)
python_library_path() = first(python_library())
python_library_handle() = last(python_library())

# `using PythonCall` (and `import PythonCall`) anywhere in the worker gives this module, ahead of any
# PythonCall package in the user's environments.
function __init__()
    environment = joinpath(dirname(WORKER_SOURCES), "environment")
    environment in LOAD_PATH || pushfirst!(LOAD_PATH, environment)
    register_package!(@__MODULE__, "6099a3de-0909-46bc-b1f4-468b9a2dfc0d")
end

end
