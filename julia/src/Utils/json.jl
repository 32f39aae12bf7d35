# A small JSON codec. The worker may only use Julia's standard library, which has no JSON module.
# Frame headers and replies are small; bulk text travels as raw frame bodies and never passes through here.

"""
    json(x) -> String

Encode `x` (Dict, Vector, Tuple, String, Symbol, Number, Bool, `nothing`) as JSON text.
"""
json(x) = (io = IOBuffer(); write_json(io, x); String(take!(io)))

write_json(io::IO, ::Nothing) = print(io, "null")
write_json(io::IO, b::Bool) = print(io, b ? "true" : "false")
write_json(io::IO, n::Integer) = print(io, n)
write_json(io::IO, x::AbstractFloat) = isfinite(x) ? print(io, Float64(x)) : print(io, "null")
write_json(io::IO, s::Symbol) = write_json(io, String(s))

function write_json(io::IO, s::AbstractString)
    write(io, '"')
    for c in s
        if c == '"'
            write(io, "\\\"")
        elseif c == '\\'
            write(io, "\\\\")
        elseif c == '\n'
            write(io, "\\n")
        elseif c == '\t'
            write(io, "\\t")
        elseif c == '\r'
            write(io, "\\r")
        elseif c < ' ' || c == '\x7f'
            print(io, "\\u", string(UInt16(c), base=16, pad=4))
        elseif isvalid(c)
            write(io, c)
        else
            write(io, "\\ufffd")
        end
    end
    write(io, '"')
end

function write_json(io::IO, d::AbstractDict)
    write(io, '{')
    first = true
    for (k, v) in d
        first || write(io, ',')
        first = false
        write_json(io, string(k))
        write(io, ':')
        write_json(io, v)
    end
    write(io, '}')
end

function write_json(io::IO, v::Union{AbstractVector,Tuple})
    write(io, '[')
    for (i, x) in enumerate(v)
        i > 1 && write(io, ',')
        write_json(io, x)
    end
    write(io, ']')
end

"""
    parse_json(text) -> Any

Decode JSON text into `Dict{String,Any}`, `Vector{Any}`, `String`, `Int64`, `Float64`, `Bool` or `nothing`.
"""
function parse_json(text::AbstractString)
    s = String(text)
    value, pos = parse_value(s, skip_space(s, 1))
    pos = skip_space(s, pos)
    pos <= ncodeunits(s) && json_error(s, pos, "trailing characters")
    return value
end

json_error(s, pos, what) = throw(ArgumentError("invalid JSON at byte $pos: $what"))

function skip_space(s::String, pos::Int)
    while pos <= ncodeunits(s) && codeunit(s, pos) in (0x20, 0x09, 0x0a, 0x0d)
        pos += 1
    end
    return pos
end

function parse_value(s::String, pos::Int)
    pos > ncodeunits(s) && json_error(s, pos, "unexpected end")
    c = codeunit(s, pos)
    c == UInt8('{') && return parse_object(s, pos + 1)
    c == UInt8('[') && return parse_array(s, pos + 1)
    c == UInt8('"') && return parse_string(s, pos + 1)
    for (word, value) in (("true", true), ("false", false), ("null", nothing))
        if startswith(SubString(s, pos), word)
            return value, pos + length(word)
        end
    end
    return parse_number(s, pos)
end

function parse_object(s::String, pos::Int)
    d = Dict{String,Any}()
    pos = skip_space(s, pos)
    pos <= ncodeunits(s) && codeunit(s, pos) == UInt8('}') && return d, pos + 1
    while true
        pos <= ncodeunits(s) && codeunit(s, pos) == UInt8('"') || json_error(s, pos, "expected a key")
        key, pos = parse_string(s, pos + 1)
        pos = skip_space(s, pos)
        pos <= ncodeunits(s) && codeunit(s, pos) == UInt8(':') || json_error(s, pos, "expected ':'")
        d[key], pos = parse_value(s, skip_space(s, pos + 1))
        pos = skip_space(s, pos)
        pos > ncodeunits(s) && json_error(s, pos, "unterminated object")
        c = codeunit(s, pos)
        c == UInt8('}') && return d, pos + 1
        c == UInt8(',') || json_error(s, pos, "expected ',' or '}'")
        pos = skip_space(s, pos + 1)
    end
end

function parse_array(s::String, pos::Int)
    v = Any[]
    pos = skip_space(s, pos)
    pos <= ncodeunits(s) && codeunit(s, pos) == UInt8(']') && return v, pos + 1
    while true
        x, pos = parse_value(s, skip_space(s, pos))
        push!(v, x)
        length(v) % 100_000 == 0 && yield()  # (a long array: an interrupt of the cell can stop it)
        pos = skip_space(s, pos)
        pos > ncodeunits(s) && json_error(s, pos, "unterminated array")
        c = codeunit(s, pos)
        c == UInt8(']') && return v, pos + 1
        c == UInt8(',') || json_error(s, pos, "expected ',' or ']'")
        pos += 1
    end
end

const JSON_ESCAPES = Dict(UInt8('"') => '"', UInt8('\\') => '\\', UInt8('/') => '/', UInt8('b') => '\b',
                          UInt8('f') => '\f', UInt8('n') => '\n', UInt8('r') => '\r', UInt8('t') => '\t')

function parse_string(s::String, pos::Int)
    io = IOBuffer()
    n = ncodeunits(s)
    while pos <= n
        c = codeunit(s, pos)
        if c == UInt8('"')
            return String(take!(io)), pos + 1
        elseif c == UInt8('\\')
            pos + 1 <= n || break
            e = codeunit(s, pos + 1)
            if e == UInt8('u')
                code, pos = parse_hex4(s, pos + 2)
                # A surrogate pair encodes one character outside the Basic Multilingual Plane.
                if 0xd800 <= code <= 0xdbff && pos + 1 <= n && codeunit(s, pos) == UInt8('\\') &&
                   codeunit(s, pos + 1) == UInt8('u')
                    low, pos = parse_hex4(s, pos + 2)
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                end
                print(io, Char(code))
            else
                haskey(JSON_ESCAPES, e) || json_error(s, pos, "bad escape")
                print(io, JSON_ESCAPES[e])
                pos += 2
            end
        else
            write(io, c)
            pos += 1
        end
    end
    json_error(s, pos, "unterminated string")
end

function parse_hex4(s::String, pos::Int)
    pos + 3 <= ncodeunits(s) || json_error(s, pos, "short \\u escape")
    return parse(UInt32, SubString(s, pos, pos + 3), base=16), pos + 4
end

const NUMBER_BYTES = Set(codeunits("+-0123456789.eE"))

function parse_number(s::String, pos::Int)
    stop = pos
    while stop <= ncodeunits(s) && codeunit(s, stop) in NUMBER_BYTES
        stop += 1
    end
    stop == pos && json_error(s, pos, "unexpected character")
    text = SubString(s, pos, stop - 1)
    value = something(tryparse(Int64, text), tryparse(Float64, text), Some(nothing))
    value === nothing && json_error(s, pos, "bad number")
    return value, stop
end
