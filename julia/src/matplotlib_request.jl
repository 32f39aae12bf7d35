# matplotlib_request: `%matplotlib BACKEND` configures the embedded Python's matplotlib.

"""
    matplotlib_request(frame) -> reply

Switch matplotlib in the embedded Python to `frame["backend"]` (the front end only asks for "inline").
"""
function matplotlib_request(frame::Frame)
    python_ready() || return error_reply("PythonUnavailable", PYTHON_STATUS[])
    backend = String(get(frame, "backend", "inline"))
    return with_gil(() -> py_call_string(PY_RUNTIME["use_matplotlib"], backend))
end
