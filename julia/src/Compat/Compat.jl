"""
PythonCall's `Compat`, for this worker: Julia displays that show values through Python (`PythonDisplay`,
`IPythonDisplay`), the event loops of Python's GUI toolkits run by Julia timers (`event_loop_on`,
`event_loop_off`), `fix_qt_plugin_path`, and Julia's multimedia `show` of a `Py` in every MIME type
Python renders it as. (PythonCall's other Compat parts live with what they serve: `pytable` in Wrap/, the
serialization of `Py` in Objects/.)
"""
module Compat

using Base64
using ..Utils
using ..C: PyException
using ..Objects
using ..Display

export PythonDisplay, IPythonDisplay, event_loop_on, event_loop_off, fix_qt_plugin_path

include("gui.jl")
include("displays.jl")
include("multimedia.jl")

end
