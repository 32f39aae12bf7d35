# Interrupting the work of the processes Distributed added, when the cell that waits for it is interrupted
# (and by `interrupt(pids)`).
#
# Distributed's own interrupt sends SIGINT, which on Julia 1.5 kills a process whose work runs in a task
# (Distributed runs every remote call in one): "fatal: error thrown and no exception handler available". So,
# as the worker is interrupted itself (Stdio/interrupts.jl), each process gets a message, on which it throws
# InterruptException into the tasks running remote calls at their next yield (sleep, I/O, a wait); and,
# since a process running Python code reads no message until that code returns, SIGURG, on which Python
# raises KeyboardInterrupt in it (a signal ignored by default, so that a process not hosting Python loses
# nothing). A Julia loop that never yields runs on, as in a cell.

import Distributed

const INTERRUPT_SIGNAL = "SIGURG"
const INTERRUPT_SIGNAL_NUMBER = Sys.islinux() ? 23 : 16  # (its number on Linux; on macOS and the BSDs)

# The tasks of this process running remote calls, and those of them inside Python-calling user code.
const REMOTE_WORK = Set{Task}()
const PYTHON_WORK_DEPTH = Ref(0)
const PYTHON_INTERRUPTS = pynew()  # `_metapoly_worker.interrupts`, in a process that hosts Python

# Every remote call a process runs (`remotecall`, `pmap`, `@spawnat`, `remote_do`) runs its function
# through one of these methods (more specific than Distributed's own), which record the task running it.
# (Both: Distributed's compiled code may call its own method of the second from the first.)
Distributed.run_work_thunk(thunk::Function, print_error::Bool) =
    as_remote_work(() -> invoke(Distributed.run_work_thunk, Tuple{Any,Any}, thunk, print_error))

Distributed.run_work_thunk(rv::Distributed.RemoteValue, thunk::Function) =
    as_remote_work(() -> invoke(Distributed.run_work_thunk, Tuple{Distributed.RemoteValue,Any}, rv, thunk))

function as_remote_work(f)
    task = current_task()
    task in REMOTE_WORK && return f()
    push!(REMOTE_WORK, task)
    python = Base.JLOptions().worker != 0 && python_loaded()
    python && enter_python_work()
    try
        return f()
    finally
        python && leave_python_work()
        delete!(REMOTE_WORK, task)
    end
end

# (Python's `_depth` is set from here, without running Python code: a pending signal's handler would run
# there, and fail the bookkeeping instead of the user's code.)
function enter_python_work()
    depth = PYTHON_WORK_DEPTH[] += 1
    with_gil() do
        # (A signal that arrived after the last work ended runs its handler now, which ignores it.)
        depth == 1 && check_signals()
        pysetattr(PYTHON_INTERRUPTS, "_depth", depth)
    end
end

function leave_python_work()
    depth = PYTHON_WORK_DEPTH[] -= 1
    with_gil(() -> pysetattr(PYTHON_INTERRUPTS, "_depth", depth))
end

"""
    interrupt_work()

Throw InterruptException into every task of this process running a remote call (but the caller's).
"""
function interrupt_work()
    for task in collect(REMOTE_WORK)
        task === current_task() || istaskdone(task) || schedule(task, InterruptException(); error=true)
    end
end

# Distributed's `interrupt(pid)` (`interrupt(pids)` calls it for each): the work of process `pid` stops.
function Distributed.interrupt(pid::Int)
    Distributed.myid() == 1 || throw(ArgumentError("only process 1 interrupts other processes"))
    worker = get(Distributed.map_pid_wrkr, pid, nothing)
    worker isa Distributed.Worker || return nothing
    Distributed.remote_do(interrupt_work, pid)
    config = worker.config
    config.ospid === nothing && return nothing
    if config.process !== nothing
        ccall(:kill, Cint, (Cint, Cint), config.ospid, INTERRUPT_SIGNAL_NUMBER)
    elseif worker.manager isa Distributed.SSHManager
        ssh = `ssh -T -a -x -o ClearAllForwardings=yes -n $(config.sshflags) $(config.host)`
        run(pipeline(`$ssh kill -URG $(config.ospid)`; stdout=devnull, stderr=devnull); wait=false)
    end
    return nothing
end

# (Called from the task that reads the front end's requests, which must not wait on the processes.)
function interrupt_added_processes()
    Distributed.nprocs() > 1 && @async Distributed.interrupt(Distributed.workers())
    return nothing
end
