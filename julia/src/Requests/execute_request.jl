# execute_request: run a cell in one language.

const PYTHON_UNAVAILABLE_HINT =
    "Run `python -m metapoly check` to see which libpython the kernel found; the kernel needs a Python " *
    "built with a shared libpython (--enable-shared)."

"""
    execute_request(frame) -> reply

Run `frame.body` as code in `frame["language"]` ("julia" or "python"), its first line being line
`frame["first_line"]` of the cell in the editor: the reply has `status` "ok" (and `data`, the MIME bundle
of a Julia cell's value) or "error".
"""
function execute_request(frame::Frame)
    cell = get(frame, "cell", 0)
    code = String(frame.body)
    language = get(frame, "language", "")
    first_line = get(frame, "first_line", 1)
    if language == "julia"
        record_cell(code, frame.header)
        variables = get(frame, "variables", nothing)
        return python_user_code(() -> run_julia_cell(code, "In[$cell]", first_line; variables=variables))
    end
    if language == "python"
        python_ready() ||
            return failure_reply("PythonUnavailable", python_status() * ". " * PYTHON_UNAVAILABLE_HINT)
        # (Through the worker's IPython shell; the request's fields are its options: execute.py's run_cell.)
        return runtime_call(:execute, code, json(frame.header))
    end
    return failure_reply("UnknownLanguage", "the worker runs \"julia\" or \"python\", not $(repr(language))")
end
