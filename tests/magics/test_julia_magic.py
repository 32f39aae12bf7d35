"""%julia and %%julia."""


def test_cell_magic_runs_the_cell_as_julia(kernel):
    assert kernel.ok("%%julia\nv = [x^2 for x in 1:4]\nsum(v)").result == "30"


def test_line_magic_runs_one_line_then_the_rest_as_the_default_language(kernel):
    result = kernel.ok('%julia line_jl = "from julia"\nprint("then python")')
    assert result.stream() == "then python\n"
    assert kernel.ok("%julia line_jl").result == '"from julia"'


def test_bare_first_line_runs_the_rest_of_the_cell_as_julia(kernel):
    assert kernel.ok("%julia\nbare = 2\nbare * 21").result == "42"


def test_code_reaches_julia_exactly_as_typed(kernel):
    # MetaKernel's own magics would split and unquote these arguments.
    assert kernel.ok('%julia join(["a b", "c"], "  ")').result == '"a b  c"'


def test_a_failing_line_magic_stops_the_cell(kernel):
    result = kernel.execute('%julia error("stop here")\nprint("must not run")')
    assert result.status == "error" and result.stream() == ""


def test_help_has_an_example(kernel):
    for magic in ("%julia", "%%julia"):
        page = kernel.ok(f"%help {magic}").reply["payload"][0]["data"]["text/plain"]
        assert "Example" in page and "julia" in page
