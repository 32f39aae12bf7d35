# Python's number protocol, with PythonCall's names: `pyadd(x, y)` is `x + y` in Python, `pyiadd(x, y)` is
# `x += y` (its result is the new `x`). Arguments may be any Julia values; results are `Py`s.

for (f, op, doc) in ((:pyneg, :-, "-x"), (:pypos, :+, "+x"), (:pyabs, :abs, "abs(x)"), (:pyinv, :~, "~x"),
                     (:pyindex, :index, "operator.index(x)"))
    @eval begin
        @doc $("    $f(x)\n\n`$doc` in Python.")
        $f(x) = pyref(a -> unary_ref($(QuoteNode(op)), a), x)
    end
end

for (f, op, doc) in ((:pyadd, :+, "x + y"), (:pysub, :-, "x - y"), (:pymul, :*, "x * y"),
                     (:pymatmul, :matmul, "x @ y"), (:pytruediv, :/, "x / y"), (:pyfloordiv, :÷, "x // y"),
                     (:pymod, :%, "x % y"), (:pydivmod, :divmod, "divmod(x, y)"), (:pylshift, :<<, "x << y"),
                     (:pyrshift, :>>, "x >> y"), (:pyand, :&, "x & y"), (:pyor, :|, "x | y"),
                     (:pyxor, :xor, "x ^ y"))
    @eval begin
        @doc $("    $f(x, y)\n\n`$doc` in Python.")
        $f(x, y) = pyref((a, b) -> binary_ref($(QuoteNode(op)), a, b), x, y)
    end
    op === :divmod && continue
    inplace, iop = Symbol(:pyi, String(f)[3:end]), QuoteNode(Symbol(op, "!"))
    @eval begin
        @doc $("    $inplace(x, y)\n\n`x $(split(doc)[2])= y` in Python: `x = $inplace(x, y)`.")
        $inplace(x, y) = pyref((a, b) -> binary_ref($iop, a, b), x, y)
    end
end

"""
    pypow(x, y, z=None), pyipow(x, y, z=None)

`x ** y` (`pow(x, y, z)`) in Python; `x **= y`.
"""
pypow(x, y, z=nothing) = pyref(power_ref, x, y, z)
pyipow(x, y, z=nothing) = pyref((a, b, c) -> power_ref(a, b, c; inplace=true), x, y, z)
