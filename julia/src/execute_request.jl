# execute_request: run a cell in one language and reply once all of its output has been sent.

const PYTHON_UNAVAILABLE_HINT =
    "Run `python -m metapoly check` to see which libpython the kernel found; the kernel needs a Python " *
    "built with a shared libpython (--enable-shared)."

"""
    execute_request(frame)

Run `frame.body` as code in `frame["language"]` ("julia" or "python") and send an `execute_reply` whose
body is the reply as JSON. Julia output the cell produced is flushed before the reply.
"""
function execute_request(frame::Frame)
    id = frame["id"]
    cell = get(frame, "cell", 0)
    code = String(frame.body)
    language = get(frame, "language", "")
    CURRENT_REQUEST[] = id
    body = try
        if language == "julia"
            json(run_julia_cell(code, "In[$cell]"))
        elseif language == "python"
            python_ready() ? run_python_cell(code, cell) :
                json(error_reply("PythonUnavailable", PYTHON_STATUS[] * ". " * PYTHON_UNAVAILABLE_HINT))
        else
            json(error_reply("UnknownLanguage", "the worker runs \"julia\" or \"python\", not $(repr(language))"))
        end
    finally
        sync_output()
    end
    send_reply(frame, "execute_reply", body)
end
