# `PyTable`s: Python tables as Julia column tables. There is no Tables.jl in the worker, so a table gives
# what its users ask of one without it: `columnnames(t)`, `getcolumn(t, name)`, `t.name`, `columns(t)` (a
# `NamedTuple` of vectors, itself a column table for any package that takes one), `NamedTuple(t)`.

"""
    PyTable

Julia wrappers of Python tables: [`PyPandasDataFrame`](@ref). `PyTable(x)` is `pyconvert(PyTable, x)`.
"""
abstract type PyTable end

PyTable(x) = pyconvert(PyTable, x)

"""
    PyPandasDataFrame(x; indexname=nothing, columnnames=string_symbol, columntypes=(name -> nothing))

The pandas DataFrame `x` as a column table (a `PyTable`): `columnnames(t)`, `getcolumn(t, name)`,
`t.name`, `columns(t)` read its columns, converted when read. `indexname`: the name of a first column
holding the index (none by default). `columnnames` maps a column's Python name to its Julia `Symbol`
(repeated names get suffixes `_2`, `_3`...); `columntypes` maps a `Symbol` to the element type its column
must have, or `nothing` for the natural one: numbers as a `PyArray` over pandas' own memory, other columns
as vectors of their values converted (`pyconvert(Any, v)`), `None` and pandas' missing values as `missing`.
"""
struct PyPandasDataFrame <: PyTable
    py::Py
    indexname::Union{Symbol,Nothing}
    columnnames::Function
    columntypes::Function
    PyPandasDataFrame(x; indexname::Union{Symbol,Nothing}=nothing, columnnames::Function=string_symbol,
                      columntypes::Function=(_ -> nothing)) = new(Py(x), indexname, columnnames, columntypes)
end

string_symbol(name) = Symbol(string(name))

"""
    istable(x) -> Bool

Whether `x` is a `PyTable`.
"""
istable(::PyTable) = true
istable(_) = false

# The Python columns of a data frame with their Julia names: the index first if it has a name here.
function named_columns(t::PyPandasDataFrame)
    df = python_of(t)
    names, pycolumns = Symbol[], Py[]
    if getfield(t, :indexname) !== nothing
        push!(names, getfield(t, :indexname))
        push!(pycolumns, df.index)
    end
    columns_ = df.columns
    for i in 0:pylen(columns_)-1
        push!(names, getfield(t, :columnnames)(pygetitem(columns_, i))::Symbol)
        push!(pycolumns, pygetitem(df.iloc, (pyslice(nothing), i)))
    end
    seen = Dict{Symbol,Int}()
    for (i, name) in enumerate(names)
        n = seen[name] = get(seen, name, 0) + 1
        n > 1 && (names[i] = Symbol(name, :_, n))
    end
    return names, pycolumns
end

"""
    columnnames(t::PyTable) -> Vector{Symbol}

The names of the columns of `t`.
"""
columnnames(t::PyPandasDataFrame) = first(named_columns(t))

"""
    getcolumn(t::PyTable, name::Symbol), getcolumn(t, i::Int)

The column `name` (the `i`-th) of `t` as a Julia vector.
"""
function getcolumn(t::PyPandasDataFrame, name::Symbol)
    names, pycolumns = named_columns(t)
    i = findfirst(==(name), names)
    i === nothing && throw(ArgumentError("the table has no column $name"))
    return column_vector(pycolumns[i], getfield(t, :columntypes)(name))
end
getcolumn(t::PyPandasDataFrame, i::Int) = getcolumn(t, columnnames(t)[i])

"""
    columns(t::PyTable) -> NamedTuple

All the columns of `t`, as a `NamedTuple` of vectors (a column table).
"""
function columns(t::PyPandasDataFrame)
    names, pycolumns = named_columns(t)
    types = getfield(t, :columntypes)
    return NamedTuple{Tuple(names)}(Tuple(column_vector(c, types(n)) for (n, c) in zip(names, pycolumns)))
end

Base.NamedTuple(t::PyTable) = columns(t)
Base.propertynames(t::PyTable, private::Bool=false) = columnnames(t)
# (Columns are properties; a wrapper's own fields are read with `getfield`.)
Base.getproperty(t::PyPandasDataFrame, name::Symbol) = getcolumn(t, name)
Base.size(t::PyPandasDataFrame) = (pylen(python_of(t)), length(columnnames(t)))

# A pandas column (a Series or an Index) as a Julia vector: of element type `T` if not `nothing`.
function column_vector(column::Py, T)
    values = column.to_numpy()
    # (Datetimes and timedeltas as Python's objects: pandas' Timestamps, which convert to DateTime.)
    pyconvert(String, values.dtype.kind) in ("M", "m") && (values = column.astype("object").to_numpy())
    T === nothing || return pyconvert(AbstractVector{T}, values)
    vector = pyconvert(AbstractVector, values)
    eltype(vector) !== Py && isconcretetype(eltype(vector)) && return vector
    cells = [v isa Py ? cell_value(v) : v === nothing ? missing : v for v in vector]
    # (A missing float in a column of other values is NaN: missing too.)
    Float64 <: eltype(cells) && eltype(cells) !== Float64 &&
        (cells = [v isa Float64 && isnan(v) ? missing : v for v in cells])
    return cells
end

# A value of a column of Python objects: `missing` for None and pandas' NA and NaT.
function cell_value(o::Py)
    (pyisnone(o) || pyconvert(String, pytype(o).__name__) in ("NAType", "NaTType")) && return missing
    return pyconvert(Any, o)
end

function Base.show(io::IO, t::PyPandasDataFrame)
    rows, cols = size(t)
    print(io, rows, '×', cols, ' ', typeof(t))
end

function Base.show(io::IO, ::MIME"text/plain", t::PyPandasDataFrame)
    show(io, t)
    print(io, '\n', pyrepr(String, python_of(t)))
end

Base.show(io::IO, ::MIME"text/html", t::PyPandasDataFrame) =
    print(io, pyconvert(String, pygetattr(python_of(t), "_repr_html_")()))
