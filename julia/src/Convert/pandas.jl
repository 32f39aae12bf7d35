# pandas' missing values: `pandas.NA` converts to `missing` (canonically) or `nothing`, as PythonCall has
# it; so does `pandas.NaT`, which PythonCall leaves to the rules of `datetime` (its base class), where it
# fails, having no year. Each type is named as pandas 3 names it and as earlier versions did.

rule_pandas_missing(::Type{Missing}, x::Py) = missing
rule_pandas_missing(::Type{Nothing}, x::Py) = nothing

const PANDAS_MISSING_TYPES = ("pandas._libs.missing:NAType", "pandas.api.typing:NAType",
                              "pandas._libs.tslibs.nattype:NaTType", "pandas.api.typing:NaTType")

"""
    init_pandas()

Register the rules for pandas' missing values (`pandas.NA`, `pandas.NaT`).
"""
function init_pandas()
    for tname in PANDAS_MISSING_TYPES
        pyconvert_add_rule(tname, Missing, rule_pandas_missing, PYCONVERT_PRIORITY_CANONICAL)
        pyconvert_add_rule(tname, Nothing, rule_pandas_missing)
    end
    return nothing
end
