"""%vars: what lives where, in both languages."""

import pytest

from metapoly import protocol


def test_vars_says_what_is_shared_and_what_is_a_proxy(kernel):
    for code in ["import numpy as np\nvars_a = np.ones(3)", "%py2jl vars_a", "%julia vars_v = [1.0, 2.0]",
                 "%jl2py vars_v", "import fractions\nvars_f = fractions.Fraction(1, 3)", "%py2jl vars_f",
                 "%julia struct VarsPt; x; end; vars_p = VarsPt(1)", "%jl2py vars_p"]:
        kernel.ok(code)
    text = kernel.ok("%vars").stream()
    python, julia = text.split("\n\nJulia:\n")
    rows = {line.split()[0]: line for line in python.splitlines()[1:]}
    assert rows["vars_a"].split()[-1] == "shared" and "ndarray float64 (3,)" in rows["vars_a"]
    assert rows["vars_v"].split()[-1] == "shared"
    assert rows["vars_f"].split()[-1] == "proxied"
    assert rows["vars_p"].split()[-1] == "proxy" and "AnyValue (VarsPt)" in rows["vars_p"]
    rows = {line.split()[0]: line for line in julia.splitlines()}
    assert "Vector{Float64} (3 elements)" in rows["vars_a"] and rows["vars_a"].endswith("shared")
    assert rows["vars_f"].endswith("proxy") and "Py (fractions.Fraction)" in rows["vars_f"]
    assert rows["vars_p"].endswith("proxied")
    assert "ans" not in rows and "pyeval" not in rows
    assert kernel.ok("%vars julia").stream().startswith("Julia:\n")


@pytest.mark.fast
def test_vars_formats_both_tables_and_takes_a_language_or_nothing(fast_kernel):
    fast_kernel.worker.script(protocol.VARIABLES_REQUEST, {"status": "ok", "python": [["x", "int", ""]],
                                                           "julia": []})
    assert fast_kernel.ok("%vars").stream() == "Python:\n  x  int\n\nJulia: no variables\n"
    assert fast_kernel.ok("%vars python").stream() == "Python:\n  x  int\n"
    result = fast_kernel.execute("%vars cobol")
    assert result.status == "error" and result.errors[0]["ename"] == "UsageError"
    assert "Example" in fast_kernel.ok("%help %vars").reply["payload"][0]["data"]["text/plain"]
