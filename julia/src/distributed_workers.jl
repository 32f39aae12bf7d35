# The Julia processes that Distributed starts from a worker (`addprocs(n)`) run on the worker's image,
# so this module is loaded in them too; they host the same Python as the worker (its libpython, environment
# and `sys.path`), without Jupyter, so that code calling Python runs under `pmap`, `@spawnat` and
# `remotecall` as it runs in a cell.

import Distributed
using Logging: global_logger, with_logger

# How the worker's Python was started (libpython, the executable it poses as, its home) and, from the first
# `addprocs`, its `sys.path` at the last (JSON), one per line.
const PYTHON_VARIABLE = "METAPOLY_DISTRIBUTED_PYTHON"
const PYTHON_STARTED = Ref("")

"""
    share_python(libpython, executable, home)

Let the processes that Distributed starts from now on start the same Python as this worker.
"""
function share_python(libpython, executable, home)
    ENV[PYTHON_VARIABLE] = PYTHON_STARTED[] = join((libpython, executable, home), '\n')
end

"""
    share_sys_path()

Let the processes that Distributed starts from now on have this worker's `sys.path` as it is now (the
notebook's folder first, as in the kernel, and what the user added).
"""
function share_sys_path()
    ENV[PYTHON_VARIABLE] = PYTHON_STARTED[] * '\n' * json(pyconvert(Vector{String}, pyimport("sys").path))
end

function __init__()
    Base.JLOptions().worker == 0 && return (ALSO_INTERRUPT[] = interrupt_added_processes; nothing)
    spec = split(get(ENV, PYTHON_VARIABLE, ""), '\n')
    length(spec) in (3, 4) || return
    failure = start_python_here(spec[1:3]..., length(spec) == 4 ? parse_json(spec[4]) : nothing)
    failure === nothing && return
    # (Before the process connects: Distributed shows what it printed ("From worker startup: ...") and
    # `addprocs` fails, rather than a process without Python failing at its first call.)
    println(stdout, failure)
    flush(stdout)
    exit(1)
end

"""
    init_object_model()

PythonCall's object model over a running Python: `Py`'s constants, the conversion rules, the wrappers and
juliacall's values. What the worker and every process Distributed adds start once Python runs.
"""
function init_object_model()
    init_objects()
    init_rules()
    init_wrap()
    init_jlwrap(PythonCall)
end

# Python and the object model, as `serve` starts them, but with no front end: Python's `print` writes to the
# process's stdout, which Distributed forwards to the process that added it ("From worker 2: ..."). Nothing
# if they started, else why not and what to do about it.
function start_python_here(libpython, executable, home, sys_path)
    host = gethostname()
    for (path, what) in ((libpython, "libpython"), (executable, "the Python executable"), (home, "its home"))
        ispath(path) && continue
        return "metapoly: this Julia process (on $host) cannot host the kernel's Python: $what $path is " *
               "missing. Install the kernel's Python environment on $host at the same paths (the same " *
               "Python, with metapoly and the packages your code imports), or share it over a network file " *
               "system; then add the process again."
    end
    try
        python_initialize(libpython, executable, home)
        with_gil(() -> decref(import_worker_package("_metapoly_worker")))
        init_object_model()
        sys = pyimport("sys")
        sys_path === nothing || (sys.path = pylist(sys_path))
        # (Line by line, as a terminal's: a pipe's block buffering would hold a print back until exit.)
        for stream in ("stdout", "stderr")
            pygetattr(sys, stream).reconfigure(line_buffering=true)
        end
        pycopy!(PYTHON_INTERRUPTS, pyimport("_metapoly_worker.interrupts"))
        PYTHON_INTERRUPTS.install_in_added_process(INTERRUPT_SIGNAL)
    catch err
        return "metapoly: Python ($libpython) did not start in this Julia process (on $host): " *
               sprint(showerror, err)
    end
    return nothing
end

# Distributed forwards what a worker prints ("From worker 2: ...") from a task it starts when it adds the
# worker: a task started by a cell prints for that cell (Stdio's rule), so every later line went to the cell
# of `addprocs`. Forwarded lines go to the cell running when they arrive, as under IJulia.
function Distributed.redirect_worker_output(ident, stream::Base.LibuvStream)
    with_logger(global_logger()) do
        invoke(Distributed.redirect_worker_output, Tuple{Any,Any}, ident, stream)
    end
end
