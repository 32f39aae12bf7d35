# Completion, inspection (Shift-Tab), `?name` help and the is-complete check for Julia cells. Cursor
# positions are Jupyter's: 0-based counts of characters; Julia's APIs take byte indices.
#
# Completion and inspection run while the user types, so they only look at bindings, never evaluate the
# user's code. Help is the REPL's help mode, which evaluates the expression it builds, as the REPL does.

"""
    complete_julia(code, cursor) -> (matches, start, stop)

The REPL's tab completions at character position `cursor` of `code`: names in `Main` and its modules,
fields after `x.`, paths in strings, `\\alpha` and `\\:smile:`. Jupyter replaces characters
`start:stop` (0-based, half-open) with the chosen match; `stop` is the cursor. No matches, whatever the
reason, is `(String[], cursor, cursor)`.
"""
function complete_julia(code::AbstractString, cursor::Integer)
    cursor = clamp(cursor, 0, length(code))
    try
        code = String(code)
        pos = byte_before(code, cursor)
        all(isspace, SubString(code, 1, pos)) && return String[], cursor, cursor
        completions, range, should_complete = REPL.REPLCompletions.completions(code, pos, Main)
        # Otherwise they are method signatures to read (after `f(`), not text to insert.
        should_complete || return String[], cursor, cursor
        matches = unique!(String[completion_string(c) for c in completions])
        isempty(matches) && return matches, cursor, cursor
        start = clamp(first(range), 1, ncodeunits(code) + 1)
        return matches, length(code, 1, prevind(code, start)), cursor
    catch
        return String[], cursor, cursor
    end
end

# Byte index of the character before character position `cursor` (0 at the start).
byte_before(code::String, cursor::Integer) = cursor == 0 ? 0 : nextind(code, 0, cursor)

"""
    inspect_julia(code, cursor, detail) -> Union{Nothing,Dict{String,String}}

The documentation of the name at or just before character position `cursor` (`sum`, `Base.sum`, `push!`,
`@time`, a variable), or else of the function whose call's parentheses enclose the cursor (`sum(1:3|`),
as `text/plain` and `text/markdown`. `nothing` when no such name is bound. Names are looked up along
module bindings only, so nothing is evaluated. Julia's docs are the same at every `detail` level.
"""
function inspect_julia(code::AbstractString, cursor::Integer, detail::Integer)
    try
        code = String(code)
        pos = byte_before(code, clamp(cursor, 0, length(code)))
        for name in pushfirst!(call_names(code, pos), name_at(code, pos))
            binding = resolve_binding(name)
            binding === nothing || return docs_bundle(Docs.doc(binding))
        end
        return nothing
    catch
        return nothing
    end
end

# The dotted name whose characters touch byte `pos` (the character before the cursor) or the one after it:
# back through dots to its first part, forward to the end of the part the cursor is in.
function name_at(code::String, pos::Int)
    first_byte = pos
    while first_byte > 0 && is_name_char(code[first_byte])
        first_byte = prevind(code, first_byte)
    end
    last_byte = pos
    while nextind(code, last_byte) <= ncodeunits(code) && Base.is_id_char(code[nextind(code, last_byte)])
        last_byte = nextind(code, last_byte)
    end
    return SubString(code, nextind(code, first_byte), last_byte)
end

is_name_char(c::Char) = Base.is_id_char(c) || c == '.' || c == '@'

# The names of the calls enclosing byte `pos`, innermost first: what precedes each unclosed `(`.
# Brackets inside string literals are not told apart from code.
function call_names(code::String, pos::Int)
    names = SubString{String}[]
    depth = 0
    i = pos
    while i > 0
        c = code[i]
        if c in (')', ']', '}')
            depth += 1
        elseif c in ('(', '[', '{')
            if depth > 0
                depth -= 1
            elseif c == '('
                push!(names, name_at(code, prevind(code, i)))
            end
        end
        i = prevind(code, i)
    end
    return names
end

"""
    resolve_binding(name) -> Union{Nothing,Docs.Binding}

The binding `name` (such as `x`, `push!`, `LinearAlgebra.norm`, `Base.@time`) refers to from `Main`, found
by walking module bindings; `nothing` when it is not a defined name.
"""
function resolve_binding(name::AbstractString)
    parts = split(strip(name, '.'), '.')
    mod = Main
    for part in parts[1:end-1]
        Base.isidentifier(part) || return nothing
        sym = Symbol(part)
        isdefined(mod, sym) || return nothing
        mod = getfield(mod, sym)
        mod isa Module || return nothing
    end
    leaf = parts[end]
    Base.isidentifier(startswith(leaf, '@') ? leaf[2:end] : leaf) || return nothing
    sym = Symbol(leaf)
    return isdefined(mod, sym) ? Docs.Binding(mod, sym) : nothing
end

"""
    help_julia(name) -> Dict{String,String}

What the REPL's help mode shows for `?name`, including its "No documentation found" with suggestions for
unknown names, as `text/plain` and `text/markdown`. If help itself fails, only `text/plain`, the error.
"""
function help_julia(name::AbstractString)
    docs = try
        # In a `let`, so that help mode's own variables (newer Julia assigns `docs`) stay out of `Main`.
        Core.eval(Main, Expr(:let, Expr(:block), REPL.helpmode(devnull, name)))
    catch err
        return Dict("text/plain" => sprint(showerror, err))
    end
    return docs_bundle(docs)
end

function docs_bundle(docs)
    bundle = Dict("text/plain" => sprint(io -> show(display_context(io), MIME("text/plain"), docs)))
    if showable(MIME("text/markdown"), docs)
        bundle["text/markdown"] = sprint(io -> show(display_context(io), MIME("text/markdown"), docs))
    end
    return bundle
end

"""
    is_complete_julia(code) -> (status, indent)

Whether `code` is a whole cell to run: `"complete"`, `"incomplete"` (an open block, bracket, string or
comment: the console waits for more lines, indented by `indent`), or `"invalid"` (a syntax error, reported
when run). `"unknown"` if the parser itself fails.
"""
function is_complete_julia(code::AbstractString)
    status = try
        parse_status(Base.parse_input_line(String(code); depwarn=false))
    catch
        "unknown"
    end
    return status, status == "incomplete" ? "    " : ""
end

# The parser reports an incomplete or invalid statement as the whole result, or (after statements that
# parsed) as the last one of a `:toplevel` expression.
function parse_status(ex)
    ex isa Expr || return "complete"
    ex.head === :incomplete && return "incomplete"
    ex.head === :error && return "invalid"
    if ex.head === :toplevel
        for arg in ex.args
            status = parse_status(arg)
            status == "complete" || return status
        end
    end
    return "complete"
end
