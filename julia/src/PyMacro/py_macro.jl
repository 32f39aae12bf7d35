# `@py`, as PythonCall documents it.

"""
    @py expr

Evaluate `expr`, written in Julia's syntax, with Python's semantics, and return the resulting `Py` (or
Julia value: see below).

- Literals are Python objects, made once: numbers, strings, `nothing`, `true`, `false`; `(...)` is a
  tuple, `[...]` a list, `{...}` a set, `{}`, `{k: v, ...}` and `{name=v, ...}` dicts; `"a\$(x)b"`
  interpolates the `str` of `x`. `__file__` and `__line__` are where the code is.
- Python's builtin names (`None`, `True`, `len`, `ValueError`...) are Python's; any other name is the Julia
  variable of that name, as it is (`@py x` is `x`).
- Calls `f(args...; kwargs...)` are Python calls (`xs...` and `kw...` splat as Python's `*xs` and
  `**kw`). Operators are Python's (`x + y`, `x ÷ y` for `//`, `x ^ y` for `**`, `x ⊻ y` for `^`, `x == y`,
  `a < b < c`...); `x === y` is `is`, `x in y` is `in`, `!x` is `not`: those give `Bool`s, as do
  `isinstance`, `hasattr`, `callable`, `all`, `any`; `jlstr(x)`, `jlrepr(x)`, `jllen(x)`, `jlhash(x)`,
  `jlbool(x)`, `jlascii(x)`, `jlbytes(x)` give Julia values.
- `x.name`, `x[k]` and slices `x[a:b]`, `x[a:b:step]` (`_` for a missing bound), `x[:]`.
- Statements: `x = v` (also `x.name = v`, `x[k] = v`, `a, b = v`), `x += v` and the other in-place
  operators, `@del x.name, x[k]`, `if`/`elseif`/`else`, `c ? a : b`, `while`, `for x in xs`, `break`,
  `continue`, `begin ... end`, `x && y` and `x || y` (Python's `and` and `or`), `import a.b`,
  `import a as b`, `import a: x, y as z` (`from a import x, y as z`). Statements give `nothing`.
- `@jl expr` is the value of the Julia expression `expr` (in which `@py` may be used again).
  `@compile "code" mode="exec"`, `@exec "code" globals...` and `@eval "code" globals...` are Python's
  `compile`, `exec` and `eval` of code compiled only once.

Anything else is an error when the macro is expanded.

```julia
julia> @py begin
           import math: sqrt
           n = 10
           total = 0
           for x in range(1, n)
               total += sqrt(x)
           end
           round(total, 3)
       end
Python: 19.306

julia> factor = 10;

julia> @py [1, 2, @jl(factor ÷ 3)]
Python: [1, 2, 3]
```
"""
macro py(ex, rest...)
    code = import_with_as(ex, rest)
    if code === nothing
        syntax_error(Lowering(__source__), Expr(:macrocall, Symbol("@py"), nothing, ex, rest...),
                     "`@py` takes one expression")
    end
    return esc(Expr(:block, __source__, lower(Lowering(__source__), code).ex))
end
