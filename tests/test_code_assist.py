"""Tab completion, Shift-Tab inspection, ?name help and is_complete through a real kernel, in both languages
and for magic names; offsets in code points; bad input gets a valid empty reply."""

import time

import pytest
from results import plain

from metapoly import protocol
from metapoly.worker_errors import WorkerError


def _checked(reply: dict, statuses=("ok",)) -> dict:
    assert reply["status"] in statuses
    return reply


def complete(kernel, code: str, cursor: int | None = None) -> dict:
    return _checked(kernel.complete(code, cursor))


def inspect(kernel, code: str, detail: int = 0) -> dict:
    return _checked(kernel.inspect(code, detail))


def is_complete(kernel, code: str) -> dict:
    return _checked(kernel.is_complete(code), ("complete", "incomplete", "invalid"))


def replaced(code: str, reply: dict, match: str) -> str:
    return code[:reply["cursor_start"]] + match + code[reply["cursor_end"]:]


@pytest.fixture(scope="module")
def _definitions(shared_kernel):
    kernel = shared_kernel
    kernel.ok("assist_py_var = {'alpha': 1, 'beta': 2}\nclass AssistPoint:\n    xcoord = 1\n"
              "assist_pt = AssistPoint()")
    kernel.ok('%%julia\nstruct AssistJlPoint; xcoord; ycoord; end\nassist_jl_pt = AssistJlPoint(1, 2)\n'
              '"A documented function of the test."\nassist_documented(x) = x')


@pytest.fixture
def defined(_definitions, kernel):
    """The shared kernel, with the names these tests complete defined in both languages."""
    return kernel


@pytest.mark.parametrize("code, match", [
    ("assist_py_v", "assist_py_var"),  # a variable of an earlier cell
    ("assist_pt.xc", "xcoord"),  # attributes
    ("assist_py_var['al", "alpha"),  # dictionary keys
    ("import os\nos.path.jo", "join"),
    ("%python assist_py_v", "assist_py_var"),
    ("%py2jl assist_py_v", "assist_py_var"),
    ("%%julia\nassist_jl_p", "assist_jl_pt"),
    ("%%julia\nassist_jl_pt.yc", "ycoord"),  # fields
    ("%julia Base.Math", "MathConstants"),
    ("%jl2py assist_jl_p", "assist_jl_pt"),
    ("%%julia\nx = \\alpha", "α"),
    ('%%julia\nisdir("/us', "usr/"),
])
def test_completion_by_the_language_at_the_cursor(defined, code, match):
    reply = complete(defined, code)
    assert match in reply["matches"]
    assert reply["cursor_end"] == len(code)
    expected = {"α": code[:-len("\\alpha")] + "α", "usr/": code[:-2] + "usr/"}.get(match)
    assert replaced(code, reply, match) == (expected or code[:reply["cursor_start"]] + match)


@pytest.mark.fast
@pytest.mark.parametrize("code, match", [("%ju", "%julia"), ("%%ju", "%%julia"), ("%py2", "%py2jl")])
def test_magic_names_complete_with_ours_and_ipythons(fast_kernel, code, match):
    fast_kernel.worker.script(protocol.COMPLETE_REQUEST, {"matches": [code + "_ipython"], "cursor_start": 0,
                                                          "cursor_end": len(code), "metadata": {}})
    reply = complete(fast_kernel, code)
    assert match in reply["matches"] and code + "_ipython" in reply["matches"]
    assert reply["cursor_end"] == len(code)
    assert replaced(code, reply, match) == code[:reply["cursor_start"]] + match
    [(kind, fields, body)] = fast_kernel.worker.requests
    assert (kind, fields["language"], body) == (protocol.COMPLETE_REQUEST, "python", code)


@pytest.mark.fast
def test_magic_names_in_a_julia_cell_are_ours_only(fast_kernel):
    reply = complete(fast_kernel, "%%julia\n%ju")
    assert reply["matches"] == ["%julia"] and fast_kernel.worker.requests == []


def test_ipythons_magic_names_complete_in_python_cells(defined):
    assert {"%time", "%timeit"} <= set(complete(defined, "%ti")["matches"])


@pytest.mark.fast
@pytest.mark.parametrize("cell, language, span, offset", [
    ("assist_py_v", "python", "assist_py_v", 0),
    ("%python assist_py_v", "python", "assist_py_v", 8),
    ("%py2jl assist_py_v", "python", "assist_py_v", 7),
    ("%%julia\nassist_jl_p", "julia", "#%julia\nassist_jl_p", 0),
    ("%julia μ = 1; assist_jl_p", "julia", "μ = 1; assist_jl_p", 7),
    ("%jl2py assist_jl_p", "julia", "assist_jl_p", 7),
    ("%default julia\n!ls\nassist_jl_p", "julia", "#default julia\n#ls\nassist_jl_p", 0),
])
def test_completion_asks_the_language_at_the_cursor_and_shifts_its_offsets(fast_kernel, cell, language, span,
                                                                           offset):
    word = "assist_py_v" if language == "python" else "assist_jl_p"
    start = len(span) - len(word)
    fast_kernel.worker.script(protocol.COMPLETE_REQUEST, {"matches": [word + "x"], "cursor_start": start,
                                                          "cursor_end": len(span), "metadata": {}})
    reply = complete(fast_kernel, cell)
    [(kind, fields, body)] = fast_kernel.worker.requests
    assert (kind, fields["language"], body, fields["cursor"]) == (protocol.COMPLETE_REQUEST, language, span,
                                                                 len(span))
    assert (reply["matches"], reply["cursor_start"], reply["cursor_end"]) == ([word + "x"], start + offset,
                                                                             len(cell))


@pytest.mark.fast
def test_completion_and_inspection_without_a_worker_are_empty_not_errors(fast_kernel):
    fast_kernel.worker.script(protocol.COMPLETE_REQUEST, WorkerError("WorkerDied", "gone"))
    fast_kernel.worker.script(protocol.INSPECT_REQUEST, WorkerError("WorkerDied", "gone"))
    assert complete(fast_kernel, "abc")["matches"] == []
    assert inspect(fast_kernel, "abc")["found"] is False
    fast_kernel.worker.ready = False
    assert complete(fast_kernel, "abc")["matches"] == []


@pytest.mark.parametrize("code, match", [
    ("naïve = 'é'; α = 1; assist_py_v", "assist_py_var"),
    ("%%julia\nα = \"é\"; β = 2; assist_jl_p", "assist_jl_pt"),
    ("%julia μ = 1; assist_jl_p", "assist_jl_pt"),
])
def test_offsets_count_code_points_after_non_ascii_text(defined, code, match):
    reply = complete(defined, code)
    assert match in reply["matches"]
    assert reply["cursor_start"] == code.rindex("assist")
    assert replaced(code, reply, match) == code[:code.rindex("assist")] + match


def test_completion_in_the_middle_of_a_cell(defined):
    code = "%%julia\nassist_jl_p\n1 + 1"
    reply = complete(defined, code, cursor=len("%%julia\nassist_jl_p"))
    assert "assist_jl_pt" in reply["matches"] and reply["cursor_end"] == len("%%julia\nassist_jl_p")


@pytest.mark.fast
@pytest.mark.parametrize("code, cursor", [("", 0), ("abc", 999), ("%", 1), ("%%nosuch", 8), ("   ", 3),
                                          ("%%julia\n", 8), ("x = assist_nothing_like_this", None)])
def test_bad_input_gets_a_valid_empty_reply(fast_kernel, code, cursor):
    fast_kernel.worker.script(protocol.COMPLETE_REQUEST, {"matches": [], "cursor_start": 0, "cursor_end": 0,
                                                          "metadata": {}})
    reply = complete(fast_kernel, code, cursor)
    if code == "%":
        assert "%julia" in reply["matches"]  # every line magic
    else:
        assert reply["matches"] == []
    assert 0 <= reply["cursor_start"] <= reply["cursor_end"] <= len(code)


def test_completion_never_runs_properties(kernel):
    kernel.ok("class AssistLoud:\n    @property\n    def boom(self):\n        global assist_ran\n"
              "        assist_ran = True\n        return 1\nassist_loud = AssistLoud()\nassist_ran = False")
    complete(kernel, "assist_loud.boom.")
    inspect(kernel, "assist_loud.boom")
    assert kernel.ok("assist_ran").result == "False"


def test_inspect_python_shows_signature_and_docstring(defined):
    reply = inspect(defined, "len")
    assert reply["found"] and "Return the number of items" in reply["data"]["text/plain"]
    assert "len(obj, /)" in reply["data"]["text/plain"]
    assert inspect(defined, "sorted([3, 1], ")["found"]  # inside a call: the function called


def test_inspect_julia_shows_docstrings_as_markdown_and_text(defined):
    reply = inspect(defined, "%%julia\nassist_documented")
    assert reply["found"]
    assert "A documented function of the test." in reply["data"]["text/markdown"]
    assert "A documented function of the test." in reply["data"]["text/plain"]
    assert inspect(defined, "%%julia\nsum(1:3")["data"]["text/markdown"].count("sum") > 0


@pytest.mark.parametrize("code", ["assist_unknown_name", "%%julia\nassist_unknown_name", "", "%julia 1 + "])
def test_inspect_of_an_unknown_name_is_not_found_without_error(defined, code):
    reply = inspect(defined, code)
    assert reply["found"] is False and reply["data"] == {}


@pytest.mark.fast
def test_inspect_a_magic_shows_its_help(fast_kernel):
    reply = inspect(fast_kernel, "%py2jl")
    assert reply["found"] and "Example" in reply["data"]["text/plain"]


@pytest.mark.parametrize("code, status, indent", [
    ("%julia function f(x)", "incomplete", "    "), ("%julia f(x) = x", "complete", None),
    ("%julia 1 +* 2", "invalid", None), ("%julia for i in 1:3", "incomplete", "    "),
    # After a language magic, as IPython after a cell magic: the cell runs at an empty line.
    ("%%julia\nfunction f(x)", "incomplete", "    "), ("%%julia\nf(x) = x", "incomplete", ""),
    ("%%julia\nf(x) = x\n\n", "complete", None), ("%%julia\nfunction f(x)\nend\n ", "complete", None),
    ("%%julia\n1 +* 2", "invalid", None),
])
def test_is_complete_by_language(defined, code, status, indent):
    reply = is_complete(defined, code)
    assert reply["status"] == status
    assert reply.get("indent") == indent


@pytest.mark.fast
@pytest.mark.parametrize("code, status, indent", [
    ("x = 1", "complete", None), ("for i in range(3):", "incomplete", "    "), ("1 +* 2", "invalid", None),
    ("%py2jl x", "complete", None), ("", "complete", None),
    # IPython's check (as ipykernel's): a block's body line is not the end of the block.
    ("def sq(n):\n    r = n * n", "incomplete", "    "), ("def sq(n):\n    r = n * n\n\n", "complete", None),
    ("%timeit x", "complete", None), ("%%time", "incomplete", ""), ("!ls", "complete", None),
    # A cell that so far holds only a language magic waits for its code.
    ("%%julia", "incomplete", ""), ("%%python\n", "incomplete", ""), ("%julia", "incomplete", ""),
    ("%%python\nif x:", "incomplete", "    "),
])
def test_is_complete_of_python_and_of_magic_cells_is_decided_in_the_front_end(fast_kernel, code, status,
                                                                               indent):
    reply = is_complete(fast_kernel, code)
    assert reply["status"] == status
    assert reply.get("indent") == indent
    assert fast_kernel.worker.requests == []


def _page(result) -> dict:
    pages = [p for p in result.reply.get("payload", []) if p.get("source") == "page"]
    assert len(pages) == 1, result.reply
    return pages[0]["data"]


@pytest.mark.parametrize("code, text", [
    ("?len", "Return the number of items"), ("len?", "Return the number of items"),
    ("??assist_code_assist_helper", "return 42"),
])
def test_python_help_shows_in_the_pager_as_ipython_shows_it(defined, code, text):
    defined.ok("def assist_code_assist_helper():\n    return 42")
    page = _page(defined.ok(code))
    assert text in plain(page["text/plain"]) and "text/html" not in page


@pytest.mark.parametrize("code, text", [
    ("%%julia\n?assist_documented", "A documented function of the test."),
    ("%julia ?sum", "Sum the results"), ("%julia assist_documented?", "A documented function"),
])
def test_julia_help_is_the_cells_output_as_in_ijulia(defined, code, text):
    result = defined.ok(code)
    assert result.stream().startswith("search:")
    [shown] = result.of_type("execute_result")
    assert text in shown["content"]["data"]["text/markdown"] and not result.reply.get("payload")


def test_help_on_an_unknown_name_says_so(defined):
    assert defined.ok("assist_no_such_thing?").stream() == "Object `assist_no_such_thing` not found.\n"
    assert "No documentation found" in defined.ok("%julia ?assist_no_such_thing").result


@pytest.mark.fast
@pytest.mark.parametrize("code, default, language, body", [
    ("?len", "python", "python", "?len"), ("len??", "python", "python", "len??"),
    ("%julia ?sum", "python", "julia", "?sum"), ("%%julia\n?sum", "python", "julia", "?sum"),
    ("%julia sum?", "python", "julia", "?sum"), ("sum?", "julia", "julia", "?sum"),
    ("%python len?", "julia", "python", "len?"),
])
def test_help_runs_in_the_language_of_the_cell(fast_kernel, code, default, language, body):
    fast_kernel.kernel.default_language = default
    fast_kernel.worker.script(protocol.EXECUTE_REQUEST, {"status": "ok"})
    fast_kernel.ok(code)
    [(kind, fields, sent)] = fast_kernel.worker.requests
    assert (kind, fields["language"], sent) == (protocol.EXECUTE_REQUEST, language, body)


@pytest.mark.fast
def test_help_on_a_magic_is_its_docstring(fast_kernel):
    assert "%julia CODE" in _page(fast_kernel.ok("?%julia"))["text/plain"]


def test_user_code_that_hangs_in_completion_or_inspection_costs_nothing(kernel):
    kernel.ok("import time\n"
              "class Sleepy:\n"
              "    def __dir__(self):\n        time.sleep(600)\n        return []\n"
              "    @property\n    def __doc__(self):\n        time.sleep(600)\n"
              "sleepy = Sleepy()\nkept = 41")
    started = time.monotonic()
    reply = kernel.complete("sleepy.")
    assert reply["status"] == "ok" and reply["matches"] == []
    assert kernel.inspect("sleepy")["status"] == "ok"
    assert time.monotonic() - started < 20  # (two deadlines of 6 s, not the 600 s of the code)
    assert kernel.ok("kept + 1").result == "42"
