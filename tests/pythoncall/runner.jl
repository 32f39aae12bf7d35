# Runs PythonCall.jl's own test files (copied here unchanged, see SOURCES.md) inside a metapoly worker,
# against the worker's `PythonCall` module. `include` this file in a Julia cell of a real kernel, then:
#
#     PythonCallSuite.run_files()                       # every file; prints a table, returns the summary
#     PythonCallSuite.run_files(["Core.jl"]; results="/tmp/r.jsonl")
#     PythonCallSuite.run_item("Core.jl", "object")      # one test item, with what failed in it
#
# It does what TestItemRunner does (which cannot be installed here): each `@testitem` runs in a fresh
# module with `using Test, PythonCall` (and `using` of its `setup=[...]` test modules), its body evaluated
# statement by statement at that module's top level, inside a test set of its own. Unlike TestItemRunner it
# never stops: an error in an item (a missing name, a failed setup, a parse error of the item or of its file)
# is recorded and the next item runs.
#
# Results: with `results=path`, one JSON object per line is appended to `path` as the run goes (flushed
# each time, so that a driver can tell which item was running when a worker died or hung):
#   {"event":"file", "file", "items", "parse_error", "problems"}          once per file, before its items
#   {"event":"setup", "name", "file", "errors"}                            when a @testmodule is evaluated
#   {"event":"start", "file", "item", "line"}                               before an item runs
#   {"event":"end", "file", "item", "line", "status", "passed", "failed", "errored", "broken",
#    "seconds", "exception", "problems"}                                    after it ran, or was not run
# status: "pass" (every @test passed or was broken), "fail" (the body ran to its end; some @test failed
# or errored), "error" (an exception stopped the body: `exception` says which), "not_run" (excluded, or
# it could not be parsed: `exception` says why). `problems`: the first failures and errors, one line each.
module PythonCallSuite

using Test

const HERE = @__DIR__

# The upstream files, in the order they run (runtests.jl holds the `@testmodule Setup`; it has no items).
const FILES = ["Core.jl", "Convert.jl", "Wrap.jl", "JlWrap.jl", "PyMacro.jl", "GC.jl", "GIL.jl", "Compat.jl",
               "C.jl", "Utils.jl", "NumpyDates.jl"]
const SETUP_FILE = "runtests.jl"

# Not run, with the reason (SOURCES.md explains each). Aqua.jl is not copied at all.
const EXCLUDED = Dict(
    ("Compat.jl", "PyCall.jl") =>
        "needs the PyCall.jl package (not installable here; upstream runs it only in CI)",
    ("Wrap.jl", "PyPandasDataFrame") =>
        "its first statement is `using Tables`: the Tables.jl package is not installable here",
    ("Utils.jl", "mimes_for") =>
        "tests an internal helper of PythonCall's (the MIME types its own display code tries), " *
        "not its API: the worker's displays take their types from IPython's formatter",
    ("Utils.jl", "StaticString length and indexing") =>
        "tests an internal helper of PythonCall's (fixed-size C strings for its struct definitions), " *
        "not its API: the worker's C layer has no use for it",
)

# How many failures and errors of an item are kept in its record, and how long each line may be.
const MAX_PROBLEMS = 12
const MAX_PROBLEM_LENGTH = 300

# ---------------------------------------------------------------------------------------------------------
# Minimal JSON output (the runner must not depend on what it tests, nor on packages).

function json_string(io::IO, s::AbstractString)
    s = isvalid(String(s)) ? String(s) : String(map(c -> isvalid(c) ? c : '\ufffd', collect(String(s))))
    print(io, '"')
    for c in s
        if c == '"'
            print(io, "\\\"")
        elseif c == '\\'
            print(io, "\\\\")
        elseif c == '\n'
            print(io, "\\n")
        elseif c == '\t'
            print(io, "\\t")
        elseif c == '\r'
            print(io, "\\r")
        elseif c < ' ' || c == '\u7f'
            print(io, "\\u", string(UInt32(c), base=16, pad=4))
        else
            print(io, c)
        end
    end
    print(io, '"')
end
json(io::IO, s::AbstractString) = json_string(io, s)
json(io::IO, s::Symbol) = json_string(io, string(s))
json(io::IO, x::Bool) = print(io, x ? "true" : "false")
json(io::IO, x::Integer) = print(io, x)
json(io::IO, x::AbstractFloat) = isfinite(x) ? print(io, Float64(x)) : print(io, "null")
json(io::IO, ::Nothing) = print(io, "null")
function json(io::IO, xs::Union{AbstractVector,Tuple})
    print(io, '[')
    for (i, x) in enumerate(xs)
        i > 1 && print(io, ',')
        json(io, x)
    end
    print(io, ']')
end
function json(io::IO, pairs::Union{NamedTuple,AbstractDict})
    print(io, '{')
    for (i, (k, v)) in enumerate(pairs isa NamedTuple ? zip(keys(pairs), values(pairs)) : pairs)
        i > 1 && print(io, ',')
        json_string(io, string(k))
        print(io, ':')
        json(io, v)
    end
    print(io, '}')
end
json(x) = sprint(json, x)

function emit(results::Union{Nothing,String}, record::NamedTuple)
    results === nothing && return
    open(results, "a") do io
        println(io, json(record))
        flush(io)
    end
end

# ---------------------------------------------------------------------------------------------------------
# The test set every item (and every @testset inside it) records into: counts, and the first problems.

mutable struct ItemTestSet <: Test.AbstractTestSet
    description::String
    passed::Int
    failed::Int
    errored::Int
    broken::Int
    problems::Vector{String}
end
ItemTestSet(description::AbstractString = ""; kwargs...) =
    ItemTestSet(string(description), 0, 0, 0, 0, String[])

function shorten(text::AbstractString, limit::Int = MAX_PROBLEM_LENGTH)
    text = replace(text, r"#= [^=]* =# " => "")   # the line comments of macro calls
    text = replace(strip(text), r"\s*\n\s*" => " | ")
    length(text) <= limit ? text : string(first(text, limit - 3), "...")
end

where_(source) = source isa LineNumberNode ? "line $(source.line)" : "?"

function note!(ts::ItemTestSet, problem::AbstractString)
    length(ts.problems) < MAX_PROBLEMS && push!(ts.problems, shorten(problem))
    return
end

# The exception's message without its stack trace.
function error_message(text::AbstractString)
    text = split(text, "\nStacktrace:")[1]
    text = split(text, "\n [1]")[1]
    return text
end

Test.record(ts::ItemTestSet, ::Test.Pass) = (ts.passed += 1; nothing)
Test.record(ts::ItemTestSet, ::Test.Broken) = (ts.broken += 1; nothing)
function Test.record(ts::ItemTestSet, r::Test.Fail)
    ts.failed += 1
    detail = r.data === nothing ? "" : " evaluated: $(r.data)"
    if r.test_type === :test_throws_wrong || r.test_type === :test_throws_nothing
        detail = " thrown: $(r.value)"
    end
    note!(ts, "$(where_(r.source)) failed: $(r.orig_expr)$detail")
    return
end
function Test.record(ts::ItemTestSet, r::Test.Error)
    ts.errored += 1
    what = r.test_type === :nontest_error ? "error outside @test" : "error in $(r.orig_expr)"
    note!(ts, "$(where_(r.source)) $what: $(error_message(r.backtrace))")
    return
end
function Test.record(parent::ItemTestSet, child::ItemTestSet)
    parent.passed += child.passed
    parent.failed += child.failed
    parent.errored += child.errored
    parent.broken += child.broken
    for problem in child.problems
        note!(parent, isempty(child.description) ? problem : "[$(child.description)] $problem")
    end
    return
end
function Test.finish(ts::ItemTestSet)
    Test.get_testset_depth() > 0 && Test.record(Test.get_testset(), ts)
    return ts
end

# ---------------------------------------------------------------------------------------------------------
# Collecting items: each file is parsed, then each top-level expression is evaluated in a module of its own
# where `@testitem` and `@testmodule` register what they are given instead of running it.

struct Item
    file::String
    name::String
    line::Int
    setup::Vector{Symbol}
    default_imports::Bool
    body::Any            # the `begin ... end` block, or nothing when it could not be parsed
    problem::String      # why it cannot run ("" when it can)
end

struct SetupModule
    name::Symbol
    file::String
    body::Expr
end

const COLLECTED = Ref{Vector{Item}}(Item[])
const COLLECTED_SETUPS = Ref{Vector{SetupModule}}(SetupModule[])
const COLLECTING_FILE = Ref("")

source_line(source) = source isa LineNumberNode ? source.line : 0

function register_item(name, args::Tuple, source)
    file = COLLECTING_FILE[]
    line = source_line(source)
    if !(name isa String) || isempty(args) || !(args[end] isa Expr && args[end].head === :block)
        push!(COLLECTED[], Item(file, string(name), line, Symbol[], true, nothing,
                                "not a @testitem \"name\" [options] begin ... end"))
        return
    end
    setup, default_imports, problem = Symbol[], true, ""
    for option in args[1:end-1]
        if option isa Expr && option.head === :(=) && option.args[1] === :setup &&
           option.args[2] isa Expr && option.args[2].head === :vect
            append!(setup, Symbol.(option.args[2].args))
        elseif option isa Expr && option.head === :(=) && option.args[1] === :default_imports
            default_imports = option.args[2] === true
        elseif option isa Expr && option.head === :(=) && option.args[1] === :tags
            # (tags only select items; all are run here)
        else
            problem = "unknown @testitem option $(option)"
        end
    end
    push!(COLLECTED[], Item(file, name, line, setup, default_imports, args[end], problem))
    return
end

function register_setup(name, body)
    name isa Symbol && body isa Expr || error("not a @testmodule Name begin ... end")
    push!(COLLECTED_SETUPS[], SetupModule(name, COLLECTING_FILE[], body))
    return
end

macro testitem(name, args...)
    :($register_item($name, $(QuoteNode(args)), $(QuoteNode(__source__))))
end
macro testmodule(name, body)
    :($register_setup($(QuoteNode(name)), $(QuoteNode(body))))
end
# runtests.jl ends with it; here the runner runs the items.
macro run_package_tests(args...)
    nothing
end

# The items' names and lines of a text that could not be parsed whole, found line by line.
const ITEM_LINE = r"^@testitem\s+\"((?:[^\"\\]|\\.)*)\""

parse_problem(ex) = ex isa Expr && ex.head in (:error, :incomplete) ? string(ex.args[1]) : nothing

"""
    collect_file(path) -> (items, setups, parse_error, problems)

The test items and test modules of the file at `path`. A file that does not parse whole is cut before each
line that starts with `@testitem` or `@testmodule` and the pieces are parsed one by one (each at its own line
numbers), so that one broken item loses only itself; it is reported in `parse_error`.
"""
function collect_file(path::String)
    text = read(path, String)
    parse_error = nothing
    problems = String[]
    toplevel = Base.parse_input_line(text; filename=path)
    pieces = Tuple{Int,Any}[]   # (first line, parsed top-level expression)
    whole = toplevel === nothing ? Any[] :
            toplevel isa Expr && toplevel.head === :toplevel ? toplevel.args : Any[toplevel]
    bad = findfirst(ex -> parse_problem(ex) !== nothing, whole)
    if bad === nothing
        push!(pieces, (1, Expr(:toplevel, whole...)))
    else
        parse_error = parse_problem(whole[bad])
        lines = split(text, '\n')
        starts = [i for (i, l) in enumerate(lines)
                  if startswith(l, "@testitem") || startswith(l, "@testmodule")]
        isempty(starts) || starts[1] == 1 || pushfirst!(starts, 1)
        isempty(starts) && push!(starts, 1)
        for (k, first_line) in enumerate(starts)
            last_line = k < length(starts) ? starts[k+1] - 1 : length(lines)
            piece = "\n"^(first_line - 1) * join(lines[first_line:last_line], '\n')
            push!(pieces, (first_line, Base.parse_input_line(piece; filename=path)))
        end
    end
    COLLECTED[] = Item[]
    COLLECTED_SETUPS[] = SetupModule[]
    COLLECTING_FILE[] = path
    collector = Core.eval(@__MODULE__, :(module $(gensym(:collect)) end))
    Core.eval(collector, Expr(:using, Expr(:(:), Expr(:., fullname(@__MODULE__)...),
                                           Expr(:., Symbol("@testitem")), Expr(:., Symbol("@testmodule")),
                                           Expr(:., Symbol("@run_package_tests")))))
    for (first_line, ex) in pieces
        exs = ex isa Expr && ex.head === :toplevel ? ex.args : Any[ex]
        line = first_line
        for e in exs
            e isa LineNumberNode && (line = e.line; continue)
            problem = parse_problem(e)
            if problem !== nothing
                m = match(ITEM_LINE, split(text, '\n')[min(first_line, end)])
                if m !== nothing && !any(i -> i.line == first_line, COLLECTED[])
                    push!(COLLECTED[], Item(path, unescape_string(m.captures[1]), first_line, Symbol[], true,
                                            nothing, "parse error: $problem"))
                else
                    push!(problems, "line $first_line: parse error: $problem")
                end
                continue
            end
            # TestItemRunner provides the macros: loading it is not needed (nor possible here).
            e isa Expr && e.head === :using && e.args == [Expr(:., :TestItemRunner)] && continue
            e === nothing && continue
            try
                Core.eval(collector, Expr(:toplevel, LineNumberNode(line, Symbol(path)), e))
            catch err
                push!(problems, "line $line: " * shorten(error_message(sprint(showerror, err))))
            end
        end
    end
    return COLLECTED[], COLLECTED_SETUPS[], parse_error, problems
end

# ---------------------------------------------------------------------------------------------------------
# Running items.

# The test modules of one run (`@testmodule`), evaluated the first time an item asks for them, in a module
# of their own; their errors are kept (the statements after a failing one still run).
mutable struct Setups
    holder::Module
    defined::Dict{Symbol,SetupModule}
    evaluated::Dict{Symbol,Module}
    errors::Dict{Symbol,Vector{String}}
    results::Union{Nothing,String}
end
Setups(results = nothing) =
    Setups(Core.eval(Main, :(module $(gensym(:testsetups)) end)), Dict(), Dict(), Dict(), results)

function setup_module!(setups::Setups, name::Symbol)
    haskey(setups.evaluated, name) && return setups.evaluated[name]
    haskey(setups.defined, name) || error("Test setup $name is not defined.")
    setup = setups.defined[name]
    mod = Core.eval(setups.holder, :(module $name end))
    errors = setups.errors[name] = String[]
    line = 0
    cd(dirname(setup.file)) do
        for stmt in setup.body.args
            stmt isa LineNumberNode && (line = stmt.line; continue)
            try
                at = LineNumberNode(line, Symbol(setup.file))
                Base.invokelatest(Core.eval, mod, Expr(:toplevel, at, stmt))
            catch err
                message = shorten(error_message(sprint(showerror, err)))
                push!(errors, "@testmodule $name, line $line: $message")
            end
        end
    end
    setups.evaluated[name] = mod
    emit(setups.results, (event="setup", name=name, file=basename(setup.file), errors=errors))
    return mod
end

record_of(item::Item, status, ts::ItemTestSet, seconds, exception) =
    (event="end", file=basename(item.file), item=item.name, line=item.line, status=status,
     passed=ts.passed, failed=ts.failed, errored=ts.errored, broken=ts.broken,
     seconds=round(seconds, digits=3), exception=exception, problems=ts.problems)

"""
    run_one(item, setups) -> record

Run `item` in a fresh module of its own, as TestItemRunner does; whatever it throws is recorded, never
rethrown.
"""
function run_one(item::Item, setups::Setups)
    ts = ItemTestSet(item.name)
    start = time()
    item.body === nothing && return record_of(item, "not_run", ts, 0.0, item.problem)
    isempty(item.problem) || return record_of(item, "not_run", ts, 0.0, item.problem)
    exception = nothing
    line = item.line
    Test.push_testset(ts)
    try
        mod = Core.eval(Main, :(module $(gensym(:testitem)) end))
        if item.default_imports
            Core.eval(mod, :(using Test))
            Core.eval(mod, :(using PythonCall))
        end
        for name in item.setup
            setup = setup_module!(setups, name)
            for e in setups.errors[name]
                note!(ts, "setup incomplete: $e")
            end
            Core.eval(mod, Expr(:using, Expr(:., fullname(setup)...)))
        end
        cd(dirname(item.file)) do
            for stmt in item.body.args
                stmt isa LineNumberNode && (line = stmt.line; continue)
                at = LineNumberNode(line, Symbol(item.file))
                Base.invokelatest(Core.eval, mod, Expr(:toplevel, at, stmt))
            end
        end
    catch err
        message = shorten(error_message(sprint(showerror, err)))
        exception = "line $line: $message"
        ts.errored += 1
        note!(ts, "line $line: error stopped the item: $message")
    finally
        Test.pop_testset()
    end
    status = exception !== nothing ? "error" : ts.failed + ts.errored > 0 ? "fail" : "pass"
    return record_of(item, status, ts, time() - start, exception)
end

"""
    run_files(files = FILES; results = nothing, skip = Dict(), verbose = true) -> Vector of records

Run the test items of `files` (names in this folder), appending a record for each to `results` (a path)
as it goes. `skip` maps a file name to the names of items not to run (a driver resuming after a crash);
they get no record. With `verbose`, prints a line per file and a total.
"""
function run_files(files = FILES; results = nothing, skip = Dict{String,Vector{String}}(), verbose = true)
    setups = Setups(results)
    for s in collect_file(joinpath(HERE, SETUP_FILE))[2]
        setups.defined[s.name] = s
    end
    records = []
    for file in files
        path = joinpath(HERE, file)
        skipped = get(skip, file, String[])
        items, defs, parse_error, problems = try
            collect_file(path)
        catch err
            (Item[], SetupModule[], shorten(error_message(sprint(showerror, err))), String[])
        end
        for s in defs
            setups.defined[s.name] = s
        end
        emit(results, (event="file", file=file, items=[i.name for i in items], parse_error=parse_error,
                       problems=problems))
        file_records = []
        for item in items
            item.name in skipped && continue
            emit(results, (event="start", file=file, item=item.name, line=item.line))
            reason = get(EXCLUDED, (file, item.name), nothing)
            record = if reason !== nothing
                record_of(item, "not_run", ItemTestSet(item.name), 0.0, "excluded: $reason")
            else
                run_one(item, setups)
            end
            emit(results, record)
            push!(file_records, record)
        end
        append!(records, file_records)
        verbose && print_file_line(file, file_records, parse_error)
    end
    verbose && print_total(records)
    return records
end

total(records, field) = mapreduce(r -> getfield(r, field), +, records; init=0)

function print_file_line(file, records, parse_error)
    statuses = [r.status for r in records]
    println(rpad(file, 16), lpad(total(records, :passed), 5), " passed", lpad(total(records, :failed), 5),
            " failed", lpad(total(records, :errored), 5), " errored", lpad(total(records, :broken), 4),
            " broken   items: ", count(==("pass"), statuses), " pass, ", count(==("fail"), statuses),
            " fail, ", count(==("error"), statuses), " error, ", count(==("not_run"), statuses), " not run",
            parse_error === nothing ? "" : "   PARSE ERROR: $parse_error")
end

function print_total(records)
    println("total: ", total(records, :passed), " passed, ", total(records, :failed), " failed, ",
            total(records, :errored), " errored, ", total(records, :broken), " broken in ", length(records),
            " items")
end

"""
    run_item(file, name) -> record

Run one test item (by its file and name) and print what failed in it.
"""
function run_item(file::AbstractString, name::AbstractString)
    setups = Setups()
    for s in collect_file(joinpath(HERE, SETUP_FILE))[2]
        setups.defined[s.name] = s
    end
    items = collect_file(joinpath(HERE, file))[1]
    i = findfirst(item -> item.name == name, items)
    i === nothing && error("no test item $(repr(name)) in $file")
    record = run_one(items[i], setups)
    println(record.status, ": ", record.passed, " passed, ", record.failed, " failed, ", record.errored,
            " errored, ", record.broken, " broken")
    foreach(p -> println("  ", p), record.problems)
    return record
end

end
