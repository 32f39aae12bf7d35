# The methods of juliacall's other classes: `ModuleValue` (`seval`), `TypeValue` (parameters by
# indexing), `IteratorValue`, `RawValue` (results never converted), the IO classes, and `convert`.

# `seval`: Julia code run in the module, as a cell is (several statements; the last one's value).
function module_seval(m::Module, a)
    code = string_arg(a, 1)
    return with_finalizers(running_user_code, () -> Base.include_string(soft_scope, m, code, "julia.eval"))
end

function type_params(t, a)
    k = value(a, 1)
    return k isa Tuple ? t{k...} : t{k}
end
error_type(::typeof(type_params), x, err) = err isa TypeError ? pybuiltins.TypeError : nothing

# `juliacall.convert(T, x)`: `x` converted to `T` by the conversion rules, wrapped whatever it is.
type_convert(t::Type, a) = pyjl(pyconvert(t, py(a, 1)))

raw_getattr(x, a) = pyjlraw(any_getattr(x, a))
raw_call(x, a) = pyjlraw(any_call(x, a))
raw_getitem(x, a) = pyjlraw(any_getitem(x, a))
raw_value(x, a) = pyjl(x)
error_type(::typeof(raw_getattr), x, err) = pybuiltins.AttributeError

# -- IO: a Julia stream as a Python file (bytes for BinaryIOValue, UTF-8 text for TextIOValue) ---------

function io_read(io::IO, a)
    n, text = pyconvert(Int, py(a, 1)), truth(a[2])
    data = n < 0 ? read(io) : read(io, n)
    return text ? String(data) : pybytes(data)
end

function io_readline(io::IO, a)
    line = readline(io; keep=true)
    n = pyconvert(Int, py(a, 1))
    n >= 0 && ncodeunits(line) > n && (line = line[1:prevind(line, n + 1)])
    return line
end

function io_write(io::IO, a)
    data = py(a, 1)
    bytes = pyisstr(data) ? Vector{UInt8}(pystr(String, data)) : pybytes(Vector{UInt8}, data)
    write(io, bytes)
    return pyisstr(data) ? pylen(data) : length(bytes)
end

function io_readinto(io::IO, a)
    buffer = py(a, 1)
    data = read(io, pylen(buffer))
    for (i, b) in enumerate(data)
        buffer[i-1] = b
    end
    return length(data)
end

io_flush(io::IO, a) = (flush(io); nothing)
io_close(io::IO, a) = (close(io); nothing)
io_closed(io::IO, a) = !isopen(io)
io_tell(io::IO, a) = position(io)

function io_seek(io::IO, a)
    offset, whence = pyconvert(Int, py(a, 1)), pyconvert(Int, py(a, 2))
    whence == 0 ? seek(io, offset) : whence == 1 ? skip(io, offset) : seekend(io)
    whence == 2 && offset != 0 && skip(io, offset)
    return position(io)
end

io_readable(io::IO, a) = isreadable(io)
io_writable(io::IO, a) = iswritable(io)
io_seekable(io::IO, a) = applicable(seek, io, 0) && !(io isa Base.PipeEndpoint) && !(io isa Base.TTY)
io_isatty(io::IO, a) = io isa Base.TTY
io_fileno(io::IO, a) = Int(fd(io))
io_truncate(io::IO, a) = (n = is_none(a, 1) ? position(io) : pyconvert(Int, py(a, 1)); truncate(io, n); n)
io_encoding(io::IO, a) = "UTF-8"

for f in (:io_fileno, :io_truncate, :io_seek)
    @eval error_type(::typeof($f), x, err) = err isa MethodError ? pybuiltins.ValueError : nothing
end

# Pickling a juliacall value (`ValueBase.__reduce_ex__`): Julia's serialization of the value, read back by
# `value_unpickle` as the same value in a wrapper of the same class, in this process or another that hosts
# Julia (a Julia process Distributed added, given the value through pickle).
function value_pickle(x, a)
    io = IOBuffer()
    Serialization.serialize(io, x)
    return pybytes(take!(io))
end

function value_unpickle(::Module, a)
    x = Serialization.deserialize(IOBuffer(pybytes(Vector{UInt8}, py(a, 1))))
    return pyjl(getfield(CLASSES, Symbol(string_arg(a, 2))), x)
end

# Arrow's PyCapsule protocol for a column table or a vector (`AnyValue.__arrow_c_stream__`): an exporter
# over Julia's memory (`Convert.arrow_exported`).
value_arrow(x, ::Any) = first(arrow_exported(x))
