# The worker's main loop: connect to the front end, start the embedded Python, serve requests.

"""
    main(args=ARGS)

Run the worker. `args`: the path of the front end's private socket, then libpython's path, the Python
executable to pose as, and Python's home (empty strings leave Python out), and the front end's pid.
"""
function main(args::Vector{String}=ARGS)
    open_log()
    try
        serve(args)
    catch err
        # Report on the log: stderr may already be a capture pipe nobody drains any more.
        worker_log("fatal: ", sprint(showerror, err, catch_backtrace()))
        exit(1)
    end
end

function serve(args::Vector{String})
    socket_path, libpython, executable, home, parent = (args..., "", "", "", "")[1:5]
    exit_with_parent(parent)
    serve_from_this_task!()
    connect_front_end(socket_path)
    send_frame(Dict("type" => HELLO, "channel" => JULIA_CHANNEL))
    capture_stdio((name, bytes, request) ->
                  send_frame(Dict("type" => STREAM, "id" => request, "name" => name), bytes))
    install_stdin()
    pushdisplay(WorkerDisplay())
    python = start_python(libpython, executable, home, socket_path, callback_address())
    if python
        share_python(libpython, executable, home)
        init_object_model()
        route_output_through_python()
    end
    ignore_sigint()
    # PythonCall's API and the kernel's own are at hand in every Julia cell (a `using PythonCall` of the
    # user's is then a no-op), and so is InteractiveUtils (@which, subtypes...), as in the REPL and IJulia.
    Core.eval(Main, :(using PythonCall))
    Core.eval(Main, :(using MetapolyWorker: pyget, pyset!, @py_str, clear_output, Comm, send_comm, close_comm,
                                            comm_target, ArrowColumn, ArrowString, arrow_strings))
    Core.eval(Main, :(using InteractiveUtils))
    remember_startup_names()
    warm_up(python)
    send_frame(Dict("type" => READY, "pid" => getpid(), "julia_version" => string(VERSION),
                    "python" => python, "python_status" => python_status(),
                    "image" => unsafe_string(Base.JLOptions().image_file)))
    requests = Channel{Frame}(Inf)
    @async read_requests(requests)
    warm_ups = idle_warm_ups()
    for frame in requests
        handle(frame)
        frame["type"] == SHUTDOWN_REQUEST && (flush_channel(); exit(0))
        warm_up_while_idle(warm_ups, requests)
    end
end

# The reader task below notices a closed channel only when it gets to run, which a tight Julia loop or a
# long C call in Python never lets it do: on Linux the kernel kills the worker with its parent instead.
# (Strictly, when the thread that started the worker ends: the front end starts it from its main thread.)
function exit_with_parent(parent::AbstractString)
    (Sys.islinux() && !isempty(parent)) || return
    PR_SET_PDEATHSIG = 1
    ccall(:prctl, Cint, (Cint, Culong), PR_SET_PDEATHSIG, 9)  # SIGKILL: Julia blocks the others
    # The parent may have died before prctl took effect.
    ccall(:getppid, Cint, ()) == parse(Cint, parent) || exit(0)
end

# Interrupts come as frames: a stray SIGINT (`kill -INT`) must not end the worker, as it does when it
# becomes an InterruptException wherever the worker happens to be. Processes Julia's `run` starts get the
# default action back.
function ignore_sigint()
    Sys.islinux() || return
    SIGINT, SIG_IGN = 2, 1
    # (SIG_IGN as an integer: a `Ptr` constant in precompiled code comes back as NULL, SIG_DFL.)
    ccall(:signal, Csize_t, (Cint, Csize_t), SIGINT, SIG_IGN)
    return nothing
end

# Requests are read by their own task so that an interrupt, or the answer to a cell's `readline()`, reaches
# a cell while it runs. Requests wait in `requests` and are served in turn.
function read_requests(requests::Channel{Frame})
    try
        while (frame = read_frame()) !== nothing
            kind = get(frame, "type", "")
            if kind == INTERRUPT
                interrupt_user_code()
            else
                kind == INPUT_REPLY ? deliver_input_reply(frame) : put!(requests, frame)
            end
        end
    catch err
        worker_log("reading requests failed: ", sprint(showerror, err))
    end
    # The front end is gone (closed or killed): nobody can use this worker any more.
    exit(0)
end

# Compile the paths every cell takes before the front end's first request arrives, by calling the
# handlers directly: nothing is sent. (Those of an error, 80 ms, wait for the first quiet moment: see
# idle_warm_ups.)
function warm_up(python::Bool)
    unwind_through_new_code()
    for (language, code) in (("julia", "Base.:+(1, 1)"), ("python", "1 + 1"), ("julia", "nothing"))
        language == "python" && !python && continue
        silently(language, code)
    end
end

# A Julia whose libunwind cannot unwind through code compiled at run time (Debian's julia with this
# system's libunwind) crashes here, at the start, where the front end says why and what to use instead,
# not at the user's first error or interrupt.
unwind_through_new_code() = Base.invokelatest(Core.eval(@__MODULE__, :(() -> length(backtrace()))))

# Silent and out of history, as a front end's silent request: no `Out`, `_` or `In` entry is left; a last
# `nothing` leaves Julia's `ans` as in a fresh session. Base's names are qualified in the code: using
# `error` in Main would bind it there, and a user's `error = ...` would then fail.
silently(language, code) = reply_to(Frame(Dict("type" => EXECUTE_REQUEST, "language" => language,
                                                "silent" => true, "store_history" => false), code))

# Julia's first error, completion and inspection cost up to 0.6 s (compilation, where there is no system
# image): paid at idle moments after the first request, so that they are fast without delaying the start or
# the first cell. Small steps, each run only after WARM_UP_QUIET seconds without a request.
# (Python's first Tab and Shift-Tab are left as under ipykernel: warming jedi's caches cost 36 MiB a kernel,
# pygments' 2 MiB, whether the user ever pressed Tab or not.)
function idle_warm_ups()
    julia(type, code; fields...) = () -> reply_to(Frame(Dict("type" => type, "language" => "julia",
                                                            (string(k) => v for (k, v) in fields)...), code))
    # (An error leaves `ans` as it is.)
    return Function[() -> silently("julia", "Base.error()"), julia(COMPLETE_REQUEST, "Base.sum"; cursor=7),
                    julia(INSPECT_REQUEST, "Base.sum"; cursor=8), julia(IS_COMPLETE_REQUEST, "f("),
                    give_back_garbage]
end

# The steps above leave 14 MiB of garbage (docstrings parsed and rendered) in pages that Julia 1.5 gives
# back to the system only when a third full collection sweeps them: every kernel kept them for nothing.
function give_back_garbage()
    for _ in 1:3
        GC.gc()
    end
end

# A step runs to its end once started (up to a tenth of a second), and the next request usually follows a
# reply within milliseconds (a notebook's next cell, the client's next question): a step that started at
# once held up the first cell in the other language by 100 ms in a third of fresh kernels.
const WARM_UP_QUIET = 0.2

function warm_up_while_idle(steps::Vector{Function}, requests::Channel{Frame})
    while !isempty(steps)
        timedwait(() -> isready(requests), WARM_UP_QUIET; pollint=0.001) === :ok && return
        popfirst!(steps)()
    end
end
