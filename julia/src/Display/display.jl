# MIME bundles for Julia values, through Julia's multimedia system: every representation a value can show
# is sent, so that each front end picks the richest one it supports. `display(x)` in a cell sends one.

const TEXT_MIMES = ("text/html", "text/markdown", "text/latex", "image/svg+xml")
const BINARY_MIMES = ("image/png", "image/jpeg")
const DISPLAY_MIMES = ("text/plain", TEXT_MIMES..., BINARY_MIMES..., "application/json")

# A representation bigger than this would freeze the notebook rather than show anything useful. Rendering
# stops as soon as a limit is reached, so even a `show` that would print forever returns.
const TEXT_LIMIT = 1_000_000    # bytes of text/plain kept (the rest is cut, with a notice)
const DATA_LIMIT = 20_000_000   # bytes of any other representation (left out, with a warning)

display_context(io::IO) = IOContext(io, :limit => true, :color => false, :displaysize => (30, 100))

"""
    mime_bundle(x) -> Dict{String,Any}

`text/plain` always, plus every rich type `x` is `showable` as. A representation that fails to render is
left out with a warning on stderr; if even `text/plain` fails, a summary of `x` stands in for it. An
interrupt stops the whole bundle. A `Py` has the rich representations IPython's formatter gives it in a
Python cell (a DataFrame's table, a figure's image), and as `text/plain` PythonCall's (`Python: [1, 2]`),
as under IJulia.
"""
function mime_bundle(x::Py)
    bundle = parse_json(with_py(() -> runtime_call(:mime_bundle_json, getptr(x))))
    bundle["text/plain"] = plain_text(x)
    return bundle
end

function mime_bundle(x)
    bundle = Dict{String,Any}("text/plain" => plain_text(x))
    for m in DISPLAY_MIMES[2:end]
        showable(m, x) || continue
        data = try_render(MIME(m), x)
        data === nothing || (bundle[m] = m == "application/json" ? parse_json(data) : data)
    end
    return bundle
end

function plain_text(x)
    text, capped = try
        render(MIME("text/plain"), x, TEXT_LIMIT)
    catch err
        err isa InterruptException && rethrow()
        display_warning(MIME("text/plain"), x, err)
        return string(typeof(x), " (its text/plain representation failed)")
    end
    # (chop: the cut may have split the last character.)
    return capped ? string(chop(text), "\n… [output cut: the first $TEXT_LIMIT bytes are shown]") : text
end

function try_render(m::MIME, x)
    data, capped = try
        render(m, x, DATA_LIMIT)
    catch err
        err isa InterruptException && rethrow()  # the user stopped it: not a failed representation
        display_warning(m, x, err)
        return nothing
    end
    if capped
        println(stderr, "Warning: the $m representation of a $(typeof(x)) is over the display limit of ",
                DATA_LIMIT, " bytes and was left out.")
        return nothing
    end
    return istextmime(m) ? data : base64encode(data)
end

display_warning(m::MIME, x, err) =
    println(stderr, "Warning: show(io, MIME(\"$m\"), ::$(typeof(x))) failed: ", sprint(showerror, err),
            "; that representation was left out.")

# `x` rendered as `m` (a String for text MIME types, bytes otherwise), and whether `limit` cut it short.
function render(m::MIME, x, limit::Integer)
    io = CappedIO(IOBuffer(), limit)
    capped = try
        show(display_context(io), m, x)
        false
    catch err
        err isa OutputCapped || rethrow()
        true
    end
    data = take!(io.buffer)
    return (istextmime(m) ? String(data) : data), capped
end

struct OutputCapped <: Exception end

# An IO that takes `limit` bytes, then stops the `show` writing to it by throwing `OutputCapped`.
struct CappedIO <: IO
    buffer::IOBuffer
    limit::Int
end

function Base.unsafe_write(io::CappedIO, p::Ptr{UInt8}, n::UInt)
    room = io.limit - position(io.buffer)
    n <= room && return unsafe_write(io.buffer, p, n)
    unsafe_write(io.buffer, p, UInt(max(room, 0)))
    throw(OutputCapped())
end

function Base.write(io::CappedIO, b::UInt8)
    position(io.buffer) < io.limit || throw(OutputCapped())
    return write(io.buffer, b)
end

"""
    WorkerDisplay()

The display `display(x)` reaches in a cell: it sends `x`'s MIME bundle to the front end as display data,
after the output printed before it.
"""
struct WorkerDisplay <: AbstractDisplay end

Base.Multimedia.displayable(::WorkerDisplay, m::MIME) = string(m) in DISPLAY_MIMES

Base.display(d::WorkerDisplay, x) = send_display(mime_bundle(x))
Base.display(d::WorkerDisplay, m::MIME, x) = send_display(display_bundle(m, x))

"""
    display_bundle(m::MIME, x) -> Dict{String,Any}

What `display(m, x)` shows: `x` as `m`, and its `text/plain`. A string or bytes that cannot be shown as
`m` are taken as already in that format (as Julia's `repr(mime, x)` and IJulia take them):
`display("text/html", "<b>raw</b>")`, the bytes of a PNG. A `MethodError` if `x` cannot be shown as `m`.
"""
function display_bundle(m::MIME, x)
    if x isa Union{AbstractString,AbstractVector{UInt8}} && !showable(m, x)
        data = istextmime(m) ? String(x) : base64encode(x)
        return Dict{String,Any}(string(m) => data, "text/plain" => plain_text(x))
    end
    showable(m, x) || throw(MethodError(display, (m, x)))
    return Dict{String,Any}(k => v for (k, v) in mime_bundle(x) if k == string(m) || k == "text/plain")
end

# (`transient` as ipykernel always sends it, empty: strict clients, which parse messages by the spec's
# schemas, drop a display_data without it.)
send_display(bundle::Dict) =
    send_output(DISPLAY_DATA, Dict("data" => bundle, "metadata" => Dict{String,Any}(),
                                   "transient" => Dict{String,Any}()))

"""
    clear_output(wait=false)

Clear the output of the running cell, as IJulia's `clear_output` does; with `wait`, only once new output
arrives (no flicker when redrawing a progress display).

# Example
```julia
for i in 1:10
    clear_output(true)
    println("step ", i)
    sleep(0.1)
end
```
"""
clear_output(wait::Bool=false) = send_output(CLEAR_OUTPUT, Dict("wait" => wait))

# After the output printed before it, so that order is kept.
function send_output(kind::String, content::Dict)
    sync_output()
    python_ready() ? python_output_event(kind, json(content)) : send_event(kind, json(content))
    return nothing
end

"""
    python_bundle(bundle) -> Py

A MIME bundle (`mime_bundle`, `display_bundle`) as IPython takes it: a dict whose JSON data are Python's
own dicts and lists, not wrapped Julia values.
"""
python_bundle(bundle::Dict) =
    pydict(m => m == "application/json" ? pyimport("json").loads(json(v)) : v for (m, v) in bundle)
