# What every method of juliacall's values shares: its Python arguments, how its errors become Python
# exceptions, how it calls Julia code. (The methods and their entry: entry.jl.)

"""
    Args

The Python arguments of a method beyond the value itself: `a[i]` is the i-th (a borrowed `PyPtr`),
`py(a, i)` it as a `Py`, `value(a, i)` it converted as juliacall converts arguments.
"""
struct Args
    argv::Ptr{PyPtr}
    n::Int
end

Base.getindex(a::Args, i::Int) = unsafe_load(a.argv, i + 2)
handle(a::Args) = int_of(unsafe_load(a.argv, 2))
Base.length(a::Args) = a.n
py(a::Args, i::Int) = pynew(incref(a[i]))
value(a::Args, i::Int) = julia_value(a[i])
string_arg(a::Args, i::Int) = string_of(a[i])
is_none(a::Args, i::Int) = a[i] == none()

"""
    error_type(f, x, err) -> Union{Py,Nothing}

The Python exception class a Julia error `err` of method `f` on `x` is raised as (`AttributeError` for a
missing attribute, `KeyError`, `IndexError`, `TypeError` for a call that matches no method...), or
`nothing`: a `juliacall.JuliaError`.
"""
error_type(f, x, err) = nothing

const FIXED_MEMORY = "this Julia array cannot grow or shrink any more: numpy has viewed its memory " *
    "(numpy.asarray), which must stay where it is; work on a copy (x.copy())"

function raise_in_python(f, x, err, backtrace)
    err isa InterruptException && return raise_interrupt()
    err isa PyException && return raise_error(getfield(err, :ptype), getfield(err, :pvalue))
    if x isa Array && err isa ErrorException && err.msg == "cannot resize array with shared data"
        return raise_error(getptr(pybuiltins.ValueError), FIXED_MEMORY)
    end
    t = f === nothing ? nothing : error_type(f, x, err)
    t === nothing || return raise_error(getptr(t), "Julia: " * sprint(showerror, err))
    e = JULIACALL.JuliaError(pyjlraw(err), pyjlraw(backtrace))
    e._text = error_text(err) * user_frames(backtrace)
    raise_error(getptr(pytype(e)), getptr(e))
end

# The frames of code from the notebook's cells (and `julia.eval`) in `backtrace`, as Julia prints them.
# Frames are looked up only down to this entry point: below it lie libpython's, whose debug information
# Julia 1.5 cannot read (it complains on stderr, which is the cell's output).
function user_frames(backtrace)
    users(f) = startswith(basename(String(f.file)), "In[") || basename(String(f.file)) == "julia.eval"
    frames = StackTraces.StackFrame[]
    for ip in backtrace, frame in StackTraces.lookup(ip)
        frame.func === :julia_op && break
        users(frame) && push!(frames, frame)
    end
    isempty(frames) && return ""
    lines = (string(" [", i, "] ", sprint(show, f)) for (i, f) in enumerate(frames))
    return "\nStacktrace:\n" * join(lines, "\n")
end

# `ErrorException: boom`: the error's type, then its message (which some errors start with their type).
function error_text(err)
    text, type = sprint(showerror, err), string(nameof(typeof(err)))
    return startswith(text, type) ? text : string(type, ": ", text)
end

# Julia code Python calls runs as user code that an interrupt stops, with the GIL let go for Python's
# threads; in the latest world (a function the cell just defined is found) without `invokelatest`, as
# `julia_op` is a C entry point, which Julia always enters in the latest world; without keywords, a plain
# call (the keyword sorter costs more than the call).
call_with(f, args, ::Nothing) = f(args...)
call_with(f, args, kwargs) = f(args...; kwargs...)
call_user(f, args, kwargs) = without_gil(running_user_code, call_with, f, args, kwargs)

# A call's Python arguments (a tuple and a dict, or None) as Julia's.
call_args(a::Args, i::Int) = map_tuple(julia_value, a[i])
call_kwargs(a::Args, i::Int) = is_none(a, i) ? nothing :
    Pair{Symbol,Any}[Symbol(string_of(k)) => julia_value(v) for (k, v) in dict_items(a[i])]
