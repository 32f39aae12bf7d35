# MIME bundles for Julia values, through Julia's multimedia system: every representation a value can show
# is sent, so that each front end picks the richest one it supports. `display(x)` in a cell sends one.

using Base64

const TEXT_MIMES = ("text/html", "text/markdown", "text/latex", "image/svg+xml")
const BINARY_MIMES = ("image/png", "image/jpeg")

display_context(io::IO) = IOContext(io, :limit => true, :color => false, :displaysize => (30, 100))

"""
    mime_bundle(x) -> Dict{String,Any}

`text/plain` always, plus every rich type `x` is `showable` as. A representation that fails to render is
left out rather than failing the cell.
"""
function mime_bundle(x)
    bundle = Dict{String,Any}("text/plain" => render(MIME("text/plain"), x))
    for m in TEXT_MIMES
        showable(m, x) && try_render!(bundle, m, () -> render(MIME(m), x))
    end
    for m in BINARY_MIMES
        showable(m, x) && try_render!(bundle, m, () -> base64encode(io -> show(io, MIME(m), x)))
    end
    showable("application/json", x) &&
        try_render!(bundle, "application/json", () -> parse_json(render(MIME("application/json"), x)))
    return bundle
end

render(m::MIME, x) = sprint((io, v) -> show(display_context(io), m, v), x)

function try_render!(bundle, mime, f)
    try
        bundle[mime] = f()
    catch err
        worker_log("could not render ", mime, ": ", sprint(showerror, err))
    end
end

"""
    WorkerDisplay()

The display `display(x)` reaches in a cell: it sends `x`'s MIME bundle to the front end as display data,
after the output printed before it.
"""
struct WorkerDisplay <: AbstractDisplay end

Base.display(d::WorkerDisplay, x) = send_display(mime_bundle(x))

function Base.display(d::WorkerDisplay, m::MIME, x)
    bundle = mime_bundle(x)
    send_display(Dict(k => v for (k, v) in bundle if k == string(m) || k == "text/plain"))
end

function send_display(bundle::Dict)
    sync_output()
    body = json(Dict("data" => bundle, "metadata" => Dict{String,Any}()))
    send_frame(CTL[], Dict("type" => "display_data", "id" => CURRENT_REQUEST[]), body)
    return nothing
end
