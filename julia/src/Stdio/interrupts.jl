# Interrupting Julia user code in place, on the front end's request.
#
# Signals cannot do it on Julia 1.5 (SIGINT crashes or is ignored), so the request arrives as a frame. The
# task that reads requests runs whenever the cell yields (sleep, I/O, printing, `yield()`), and then throws
# InterruptException into the main task where it waits. A cell that never yields cannot be interrupted:
# the front end restarts the worker after a grace period.

const MAIN_TASK = Ref{Task}()
const USER_CODE_DEPTH = Ref(0)

# What else an interrupt of user code stops: the work of the processes Distributed added
# (distributed_interrupts.jl).
const ALSO_INTERRUPT = Ref{Function}(() -> nothing)

"""
    serve_from_this_task!()

The current task is the one that runs user code: the one interrupts are thrown into.
"""
serve_from_this_task!() = (MAIN_TASK[] = current_task(); nothing)

"""
    running_user_code(f, args...)

Call `f(args...)` with the main task marked as running user code, which interrupt requests may stop.
"""
function running_user_code(f::F, args::Vararg{Any,N}) where {F,N}  # (specialised on `f`, which it passes on)
    USER_CODE_DEPTH[] += 1
    try
        return f(args...)
    finally
        USER_CODE_DEPTH[] -= 1
    end
end

"""
    interrupt_user_code()

Throw InterruptException into the main task if it is running user code (an interrupt arriving between
cells does nothing). Called from the request reader task, which only runs while the main task waits.
"""
function interrupt_user_code()
    task = MAIN_TASK[]
    if USER_CODE_DEPTH[] > 0 && task !== current_task() && !istaskdone(task)
        # `schedule` with `error=true` also takes the task off whatever it waits on (a timer, a stream).
        schedule(task, InterruptException(); error=true)
        ALSO_INTERRUPT[]()
    end
    return nothing
end
