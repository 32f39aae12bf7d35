# Running a Julia cell in `Main`, with REPL semantics: soft scope at top level, the value of the last
# expression shown unless the cell ends with `;`, errors reported with the user's frames only. As in IJulia,
# a cell `?name` shows help (its `search:` line, then the docs as the cell's value) and a one-line cell
# `;command` runs a shell command.

"""
    run_julia_cell(code, filename, first_line=1; variables=nothing) -> Dict

Evaluate `code` in `Main`, its first line being line `first_line` of the cell in the editor (the one named
`filename` in tracebacks), passing the Python `variables` of a `%%julia` line (`"in"`, `"out"` and `"sync"`:
lists of names; cell_variables.jl). Returns a reply: `status` "ok" with an optional `data` MIME bundle, or
"error" with `ename`, `evalue` and `traceback`.
"""
function run_julia_cell(code::AbstractString, filename::AbstractString, first_line::Integer=1;
                        variables=nothing)
    value = try
        running_user_code() do
            given = variables === nothing ? nothing : bring_in(variables["in"], variables["sync"])
            result = evaluate_cell(code, filename, first_line)
            given === nothing || send_out(variables["out"], variables["sync"], given)
            result
        end
    catch err
        return exception_reply(err, catch_backtrace(), filename)
    end
    reply = Dict{String,Any}("status" => "ok")
    Core.eval(Main, :(ans = $(QuoteNode(value))))  # (as the REPL and IJulia: after `;` and `nothing` too)
    if value !== nothing && !ends_with_semicolon(code)
        try
            # The user's `show` methods run: interruptible like the cell. Latest world: the cell may have
            # just defined the value's type and its show methods.
            reply["data"] = running_user_code(() -> Base.invokelatest(mime_bundle, value))
        catch err
            err isa InterruptException || rethrow()
            return exception_reply(err, catch_backtrace(), filename)
        end
    end
    return reply
end

function evaluate_cell(code::AbstractString, filename::AbstractString, first_line::Integer)
    help = match(r"^\s*\?(.*)$"s, code)
    help === nothing || return Core.eval(Main, REPL.helpmode(stdout, strip(help[1])))
    shell = match(r"^\s*;(.*?)\s*$", code)
    if shell !== nothing
        # (Interpolation as in the REPL's shell mode: `;echo $x`.)
        return Core.eval(Main, :(Base.repl_cmd($(Meta.parse("`" * shell[1] * "`")), stdout)))
    end
    return Base.include_string(soft_scope, Main, "\n"^(first_line - 1) * code, filename)
end

"""
    exception_reply(err, backtrace, filename) -> Dict

An error reply whose traceback keeps only the frames of the user's code: everything from the cell's
top-level frame down (include_string and the worker) is cut.
"""
function exception_reply(err, bt, filename::AbstractString)
    if err isa LoadError && err.file == filename
        err = err.error
    end
    frames = stacktrace(bt)
    last_user = findlast(f -> String(f.file) == filename, frames)
    frames = last_user === nothing ? StackTraces.StackFrame[] : frames[1:last_user]
    if err isa InterruptException
        # Where Julia was waiting when interrupted (task.jl, asyncevent.jl...) is not the user's code.
        first_user = findfirst(f -> startswith(String(f.file), "In["), frames)
        first_user === nothing || (frames = frames[first_user:end])
    end
    # Frames inside the worker (pyeval's plumbing, say) are not the user's either.
    filter!(f -> !startswith(String(f.file), WORKER_SOURCES), frames)
    evalue = try
        sprint(showerror, err)
    catch
        string(typeof(err))
    end
    traceback = ["ERROR: " * evalue]
    if !isempty(frames)
        push!(traceback, "Stacktrace:")
        for (i, frame) in enumerate(frames)
            push!(traceback, string(" [", i, "] ", sprint(show, frame)))
        end
    end
    return Dict{String,Any}("status" => "error", "ename" => string(nameof(typeof(err))),
                            "evalue" => evalue, "traceback" => traceback)
end
