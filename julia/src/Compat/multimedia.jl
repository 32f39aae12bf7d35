# Julia's multimedia `show` of a Python object, for every MIME type Python can render it as (PythonCall's
# `show(io, mime, ::Py)`): what the worker's IPython formatter makes of it, which is what the notebook
# shows for it (`_repr_html_` and the other `_repr_*_` methods, `_repr_mimebundle_`, the formatters
# libraries register: a DataFrame's table, a figure as PNG); and a matplotlib figure, or an object of one
# such as its axes, in each format its `savefig` writes. `text/plain` stays `Python: repr` (Objects/base.jl).

const SAVEFIG_FORMATS = Dict("image/png" => "png", "image/jpeg" => "jpeg", "image/tiff" => "tiff",
                             "image/svg+xml" => "svg", "application/pdf" => "pdf")

function show_python(io::IO, m::MIME, x::Py)
    data = rendering(string(m), x)
    data === nothing && throw(MethodError(show, (io, m, x)))
    write(io, data)
    return nothing
end

Base.show(io::IO, m::MIME, x::Py) = show_python(io, m, x)
# (DelimitedFiles shows anything as these two: these say which method a `Py` takes.)
Base.show(io::IO, m::MIME"text/csv", x::Py) = show_python(io, m, x)
Base.show(io::IO, m::MIME"text/tab-separated-values", x::Py) = show_python(io, m, x)

function Base.showable(m::MIME, x::Py)
    pyisnull(x) && return false
    figure(x) !== nothing && haskey(SAVEFIG_FORMATS, string(m)) && return true
    try
        return formatted(string(m), x) !== nothing
    catch err
        err isa PyException || rethrow()
        return false
    end
end

# `x` as `mime`: a `String` for text, bytes otherwise; `nothing` if Python has no such representation.
function rendering(mime::String, x::Py)
    pyisnull(x) && return nothing
    data = formatted(mime, x)
    if data !== nothing
        pyisbytes(data) && return pyconvert(Vector{UInt8}, data)
        # (Jupyter's conventions: JSON data as dicts and lists, images and PDF as bytes or base64 text.)
        pyisstr(data) || return pyconvert(String, pyimport("json").dumps(data))
        text = pyconvert(String, data)
        binary = !istextmime(MIME(mime)) && (startswith(mime, "image/") || mime == "application/pdf")
        return binary ? base64decode(text) : text
    end
    fig, format = figure(x), get(SAVEFIG_FORMATS, mime, nothing)
    (fig === nothing || format === nothing) && return nothing
    buffer = pyimport("io").BytesIO()
    fig.savefig(buffer; format=format, bbox_inches="tight")
    return pyconvert(Vector{UInt8}, buffer.getvalue())
end

# What IPython's formatter gives for `x` as `mime` (a Py), or nothing. A `_repr_*_` method that raises is
# reported as a warning and left out, as in a Python cell.
function formatted(mime::String, x::Py)
    shell = pyimport("IPython").get_ipython()
    pyisnone(shell) && return nothing
    data = shell.display_formatter.format(x; include=pylist([mime]))[0]
    return get(data, mime, nothing)
end

# The matplotlib figure `x` is or belongs to (`x.figure`, `x.figure.figure`...), if matplotlib is in use.
function figure(x::Py)
    modules = pyimport("sys").modules
    pycontains(modules, "matplotlib.figure") || return nothing
    Figure = modules["matplotlib.figure"].Figure
    for _ in 1:4   # (a subfigure's figure is its parent's; a few steps reach the top)
        pyisinstance(x, Figure) && return x
        pyhasattr(x, "figure") || return nothing
        x = x.figure
    end
    return nothing
end
