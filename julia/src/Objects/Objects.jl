"""
PythonCall's core, over the C layer: `Py`, a Julia object that owns one reference to a Python object, and
its lifetime; Python exceptions as Julia exceptions; Python's object and number protocols and builtin
types under PythonCall's names (`pygetattr`, `pyadd`, `pylist`...); `pyeval`, `pyexec`, `pyimport`; Julia's
own functions on a `Py` (`getproperty`, `+`, `iterate`...). Every Python operation returns a `Py`.
"""
module Objects

using Dates
import Markdown
using Serialization
using ..Stdio
using ..C
using ..Runtime

export Py, PyNULL, pynew, pycopy!, pydel!, getptr, ispy, pyisnull, with_py, with_refs, pyop, pyref,
       pybuiltins, init_objects, PY_TYPES,
       # types
       pybool, pystr, pybytes, pyint, pyfloat, pycomplex, pytype, pyslice, pyrange, pytuple, pylist,
       pycollist, pyrowlist, pyset, pyfrozenset, pydict, pydate, pytime, pydatetime, pyfraction, pyisstr,
       pyisbytes, pyistuple, pyisslice, pyisTrue, pyisFalse,
       # objects
       pyis, pyrepr, pyascii, pyhasattr, pygetattr, pysetattr, pydelattr, pyissubclass, pyisinstance, pyhash,
       pytruth, pynot, pylen, pyhasitem, pygetitem, pysetitem, pydelitem, pydir, pycall, pycallable, pyeq,
       pyne, pyle, pylt, pyge, pygt, pycontains, pyin, pyiter, pynext, unsafe_pynext, pyisnone, pywith,
       pyprint, pyhelp, pyall, pyany, pycompile,
       # numbers
       pyneg, pypos, pyabs, pyinv, pyindex, pyadd, pysub, pymul, pymatmul, pytruediv, pyfloordiv, pymod,
       pydivmod, pylshift, pyrshift, pyand, pyor, pyxor, pyiadd, pyisub, pyimul, pyimatmul, pyitruediv,
       pyifloordiv, pyimod, pyilshift, pyirshift, pyiand, pyior, pyixor, pypow, pyipow,
       # code
       pyconvert, pyglobals, pyeval, pyexec, pyimport, @pyeval, @pyexec, @pyconst

include("py.jl")
include("exceptions.jl")
include("consts.jl")
include("object.jl")
include("types.jl")
include("number.jl")
include("eval.jl")
include("base.jl")
include("serialization.jl")

end
