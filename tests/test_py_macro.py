"""PythonCall's `@py` in Julia cells (julia/src/PyMacro): Julia's syntax with Python's semantics, through
the real kernel. Literals are Python objects, builtins Python's, other names Julia's variables; calls,
operators, attributes, items, imports and control flow are Python's; a form `@py` does not know is an
error when the cell is read."""

import pytest


def jl(kernel, code: str) -> str:
    """The value of a Julia cell that uses PythonCall."""
    return kernel.ok("%%julia\nusing PythonCall\n" + code).result


def py_repr(kernel, code: str) -> str:
    """Python's repr of the value of the Julia expression `code`, as Julia prints a string."""
    return jl(kernel, f"pyrepr(String, begin\n{code}\nend)")


def test_literals_become_python_objects_and_builtins_are_pythons(kernel):
    assert py_repr(kernel, '@py (1, 2.5, "s", nothing, true, False, None, 0x10, \'c\')') == \
        "\"(1, 2.5, 's', None, True, False, None, 16, 'c')\""
    assert py_repr(kernel, '@py ([1, [2]], {3}, {}, {"a": 1, b = 2}, (), (4,))') == \
        "\"([1, [2]], {3}, {}, {'a': 1, 'b': 2}, (), (4,))\""
    assert py_repr(kernel, "@py (12345678901234567890, big\"123456789012345678901234567890\")") == \
        '"(12345678901234567890, 123456789012345678901234567890)"'
    # A name that is no builtin is the Julia variable, as it is.
    assert jl(kernel, "pm_x = [1, 2]; (@py(pm_x) === pm_x, pyis(@py(len), pybuiltins.len), "
                      "pyis(@py(ValueError), pybuiltins.ValueError))") == "(true, true, true)"
    # A literal's object is made once (strings interned, as Python's are), and made again if what @py
    # returned was released.
    assert jl(kernel, "pm_one() = @py 1000001; pm_a = pm_one(); (pm_a === pm_one(), "
                      "(PythonCall.pydel!(pm_a); pyeq(Bool, pm_one(), 1000001)), "
                      "@py(\"pm s\" === \"pm s\"))") == "(true, true, true)"


def test_calls_take_keywords_and_splats_and_operators_are_pythons(kernel):
    assert py_repr(kernel, '@py (int("ff", base=16), sorted([3, 1, 2]; reverse=true), "-".join(["a", "b"]))'
                   ) == "\"(255, [3, 2, 1], 'a-b')\""
    assert py_repr(kernel, 'pm_args = pylist([1, 5]); pm_kw = pydict(sep="+"); '
                           '@py (max(pm_args..., 3), str.format("{}{sep}{}", 1, 2; pm_kw...))') == \
        "\"(5, '1+2')\""
    assert py_repr(kernel, '@py (1 + 2 + 3, "ab" * 2, 7 ÷ 2, 7 % 3, 2 ^ 10, 6 ⊻ 3, 1 << 4, -(5), 10 / 4)'
                   ) == '"(6, \'abab\', 3, 1, 1024, 5, 16, -5, 2.5)"'
    # Comparisons chain as Python's do; `===`, `in`, `!` and the `jl` builtins give Julia values.
    assert py_repr(kernel, "@py (1 < 2 <= 2, 3 < 2 < 1, 1 < 3 > 2 == 2, 1 == 1.0, 2 != 2)") == \
        '"(True, False, True, True, False)"'
    assert jl(kernel, "pm_l = pylist([1, 2]); @py(None === None), @py(1 in pm_l), @py(5 ∉ pm_l), @py(!pm_l), "
                      "@py(jllen(pm_l)), @py(jlstr(pm_l)), @py(isinstance(pm_l, list))") == \
        '(true, true, true, false, 2, "[1, 2]", true)'
    # A Julia function is called as Python calls it (its arguments converted by PythonCall's rules).
    assert py_repr(kernel, "@py pylist([1, 2])") == '"[1, 2]"'
    # print gives nothing, as in PythonCall.
    result = kernel.ok('%%julia\nusing PythonCall\n@py print("a", 1; sep="-")')
    assert result.stream() == "a-1\n" and result.result is None


def test_attributes_items_and_slices_are_read_written_and_deleted(kernel):
    assert py_repr(kernel, 'pm_o = pytype("PmO", (pybuiltins.object,), [])(); pm_v = pylist([1, 2, 3, 4]); '
                           "@py begin pm_o.x = 40; pm_o.x += 2; pm_v[0] = 10; pm_v[1] *= 5 end; "
                           "@py (pm_o.x, pm_v, pm_v[-1], pm_v[1:3], pm_v[_:_:-1], pm_v[:], pm_v[0:4:2])") == \
        '"(42, [10, 10, 3, 4], 4, [10, 3], [4, 3, 10, 10], [10, 10, 3, 4], [10, 3])"'
    assert py_repr(kernel, "@py @del pm_o.x, pm_v[0]; @py (hasattr(pm_o, \"x\"), pm_v)") == \
        '"(False, [10, 3, 4])"'
    assert py_repr(kernel, 'pm_d = pydict(); @py pm_d["a", 1] = 2; pm_d') == "\"{('a', 1): 2}\""
    # Unpacking, into any targets; the wrong number of values is Python's ValueError.
    assert jl(kernel, "@py pm_a, (pm_b, pm_o.y) = (1, [2, 3]); (pm_a, pm_b, pm_o.y)") == \
        "(<py 1>, <py 2>, <py 3>)"
    failed = kernel.execute("%%julia\nusing PythonCall\n@py pm_a, pm_b = [1, 2, 3]").errors[0]
    assert failed["ename"] == "PyException" and "too many values to unpack (expected 2)" in failed["evalue"]


def test_imports_bind_modules_and_names(kernel):
    assert jl(kernel, "let; @py import os.path; pyis(os, pyimport(\"os\")) end") == "true"
    assert jl(kernel, "@py import json as pm_json, math as pm_math; "
                      "pyis(pm_json, pyimport(\"json\")), pyis(pm_math, pyimport(\"math\"))") == \
        "(true, true)"
    assert jl(kernel, '@py import sys: version_info as pm_ver, modules as pm_mods; pm_sys = pyimport("sys"); '
                      'pyis(pm_ver, pm_sys.version_info), pyis(pm_mods, pm_sys.modules)') == "(true, true)"
    assert jl(kernel, '@py import os.path as pm_osp; pyis(pm_osp, pyimport("os.path"))') == "true"
    # `import m: name` of a submodule not imported yet imports it, as Python's `from m import name`.
    assert jl(kernel, '@py import wsgiref: util as pm_util; pyis(pm_util, pyimport("wsgiref.util"))') == \
        "true"
    failed = kernel.execute("%%julia\nusing PythonCall\n@py import os: pm_nothing_here").errors[0]
    assert "ImportError: cannot import name 'pm_nothing_here' from 'os'" in failed["evalue"]


def test_blocks_conditions_and_loops_run_as_pythons(kernel):
    assert py_repr(kernel, "@py begin pm_s = \"ab\"; pm_n = 3; pm_s * pm_n end") == "\"'ababab'\""
    assert jl(kernel, "pm_if(n) = @py if n > 5; \"big\" elseif n > 1; \"some\" end; "
                      "pyrepr(String, pm_if(9)), pyrepr(String, pm_if(2)), pyrepr(String, pm_if(0)), "
                      "pyrepr(String, @py(len([]) == 0 ? \"empty\" : \"full\"))") == \
        "(\"'big'\", \"'some'\", \"None\", \"'empty'\")"
    # `&&` and `||` are Python's `and` and `or`: a value, not a Bool.
    assert py_repr(kernel, '@py (3 && [1], None && True, None || 0 || "x", {} || 8 || "")') == \
        "\"([1], None, 'x', 8)\""
    assert py_repr(kernel, """@py begin
        pm_odd = []
        pm_i = 0
        while true
            pm_i += 1
            if pm_i % 2 == 0
                continue
            end
            pm_i > 7 && break
            pm_odd.append(pm_i)
        end
        pm_odd
    end""") == '"[1, 3, 5, 7]"'
    assert py_repr(kernel, """@py begin
        pm_pairs = []
        for (pm_k, pm_v) in {"a": 1, "b": 2}.items()
            pm_pairs.append(pm_k * pm_v)
        end
        pm_pairs
    end""") == "\"['a', 'bb']\""


def test_julia_values_come_in_through_interpolation_and_jl(kernel):
    assert py_repr(kernel, 'pm_name = "world"; @py "hi $(pm_name) $(1 + 1) $(None) $(@jl(pm_name^2))"') == \
        "\"'hi world 2 None worldworld'\""
    # `@jl` is Julia code, in which `@py` is Python's again.
    assert jl(kernel, '@py @jl "ab"^2') == '"abab"'
    assert py_repr(kernel, "@py [1, @jl(begin pm_y = 2 + 3; @py [pm_y, pm_y] end)]") == '"[1, [5, 5]]"'
    # `__file__` and `__line__` are where the code is.
    assert jl(kernel, "pm_here = @py (__file__, __line__)\n"
                      'pyconvert(Int, pm_here[1]), startswith(pyconvert(String, pm_here[0]), "In[")') == \
        "(3, true)"


def test_compile_exec_and_eval_compile_once(kernel):
    assert jl(kernel, 'pm_g = pydict()\n@py @exec "pm_z = 6 * 7" pm_g\n'
                      'pm_ev() = @py @eval "pm_z + 1" pm_g\n'
                      'pm_code() = @py @compile "1 + 1" mode="eval"\n'
                      'pm_file = pyconvert(String, pm_code().co_filename)\n'
                      'pyconvert(Int, pm_g["pm_z"]), pm_ev(), pm_code() === pm_code(), '
                      'startswith(pm_file, "In[") && endswith(pm_file, ":6")') == "(42, <py 43>, true, true)"


def test_python_objects_made_for_one_use_are_released_at_once(kernel):
    kernel.ok("%%julia\nusing PythonCall\npyexec(\"\"\"\npm_released = []\nclass PmTracked:\n"
              "    def __init__(self, n): self.n = n\n    def __del__(self): pm_released.append(self.n)\n"
              "    def __add__(self, other): return PmTracked(self.n + other.n)\n\"\"\", Main)")
    assert jl(kernel, 'pm_T = pyeval("PmTracked", Main); pm_sum(n) = @py begin\n'
                      "    pm_t = 0\n    for pm_i in range(n)\n        pm_t += (pm_T(pm_i) + pm_T(10)).n\n"
                      "    end\n    pm_t\nend\n"
                      'pm_total = pm_sum(3)\n'
                      'pm_total, pyconvert(Vector{Int}, pyeval("pm_released", Main))') == \
        "(<py 33>, [0, 10, 10, 1, 10, 11, 2, 10, 12])"


@pytest.mark.parametrize("code, message", [
    ("@py x -> x", "@py syntax error: `x->"),
    ("@py [pm_i for pm_i in pm_l]", "@py syntax error: `[pm_i for pm_i = pm_l]`"),
    ("@py 1 // 2", "no Python operator or builtin"),
    ("@py $pm_x", "a Julia value is `@jl expr`"),
    ("@py @show 1", "Julia's macros are called in `@jl`"),
    ("@py None = 1", "Python's builtin `None` is not a variable to assign"),
    ("@py @del pm_x", "@del deletes an attribute `x.name` or an item `x[key]`"),
    ("@py {1, pm_k: 2}", "a dict's entry is `key: value` or `name = value`"),
    ("@py import .pm_m", "a module is named by its absolute name"),
])
def test_syntax_py_does_not_know_is_an_error_when_the_cell_is_read(kernel, code, message):
    failed = kernel.execute("%%julia\nusing PythonCall\npm_ran = false\nbegin\n    pm_ran = true\n    "
                            + code + "\nend").errors[0]
    assert "@py syntax error" in failed["evalue"] and message in failed["evalue"]
    assert "In[" in failed["evalue"]
    # (The error is the macro's, before anything in its expression ran.)
    assert jl(kernel, "pm_ran") == "false"
