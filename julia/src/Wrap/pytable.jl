# `pytable`: a Julia column table made a Python table, as PythonCall's (which takes any Tables.jl table;
# here, the column tables Julia has without that package).

"""
    pytable(src, format=:pandas; kwargs...)

A Python table of the Julia table `src`: a `NamedTuple` of vectors, a vector of `NamedTuple`s (rows), a
dict of name => vector, a `PyTable`, or anything whose properties are its columns (a DataFrame). `format`:

- `:pandas`, a `pandas.DataFrame` (`kwargs` go to its constructor);
- `:columns`, a `dict` of column name => column;
- `:rows`, a `list` of rows, each a `namedtuple`;
- `:rowdicts`, a `list` of rows, each a `dict`;
- `:pyarrow`, a `pyarrow.Table`, and `:polars`, a `polars.DataFrame`, through Arrow: numeric columns and
  those that came from Arrow are Julia's memory, the rest laid out once (as `%jl2py --arrow`).
"""
function pytable(src, format=:pandas; kwargs...)
    names, cols = table_columns(src)
    keys_ = [string(n) for n in names]
    format = Symbol(format)
    if format === :pandas
        return pyimport("pandas").DataFrame(pydict(zip(keys_, map(pandas_column, cols))); kwargs...)
    elseif format === :columns
        return pydict(zip(keys_, cols))
    elseif format in (:pyarrow, :polars)
        exported = first(arrow_exported(NamedTuple{Tuple(Symbol.(keys_))}(Tuple(cols))))
        return pyimport("_metapoly_worker.arrow_export").in_library(exported, string(format))
    end
    rows = 1:(isempty(cols) ? 0 : length(first(cols)))
    if format === :rows
        Row = pyimport("collections").namedtuple("Row", pylist(keys_))
        return pylist(Row((c[i] for c in cols)...) for i in rows)
    elseif format === :rowdicts
        return pylist(pydict(zip(keys_, (c[i] for c in cols))) for i in rows)
    end
    throw(ArgumentError("no table format $(repr(format)): :pandas, :columns, :rows, :rowdicts, :pyarrow or " *
                        ":polars"))
end

"""
    table_columns(src) -> (names, columns)

The names and columns (vectors of one length) of a Julia table.
"""
table_columns(t::NamedTuple) = checked_columns(collect(keys(t)), collect(values(t)))
table_columns(t::PyTable) = table_columns(columns(t))
table_columns(d::AbstractDict) = checked_columns(collect(keys(d)), collect(values(d)))
function table_columns(rows::AbstractVector{<:NamedTuple})
    names = isempty(rows) ? Symbol[] : collect(keys(first(rows)))
    return names, [[row[n] for row in rows] for n in names]
end
table_columns(src) =
    checked_columns(collect(propertynames(src)), [getproperty(src, n) for n in propertynames(src)])

function checked_columns(names, cols)
    all(c -> c isa AbstractVector, cols) && all(c -> length(c) == length(first(cols)), cols) ||
        throw(ArgumentError("not a column table: its columns must be vectors of one length"))
    return names, cols
end

# A column for pandas: numbers as they are (pandas copies them); anything else as a list of Python's values,
# `missing` as None (pandas' missing value in a column of objects).
pandas_column(c::AbstractVector{<:Union{Bool,Number}}) =
    isbitstype(eltype(c)) ? Py(c) : pandas_column(collect(Any, c))
pandas_column(c::AbstractVector) = pylist(v === missing ? nothing : v for v in c)
