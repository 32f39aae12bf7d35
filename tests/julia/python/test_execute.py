"""Running Python cells the way the worker does, without the worker."""

from _metapoly_worker.execute import run_cell as run_with


def plain(value):
    return {"text/plain": repr(value)}


def run_cell(code, cell, namespace, show=plain):
    return run_with(code, cell, namespace, show)


def test_statements_then_the_last_value():
    ns = {}
    assert run_cell("a = 6\na * 7", 1, ns) == {"status": "ok", "data": {"text/plain": "42"}}
    assert ns["_"] == 42


def test_semicolon_comment_and_none_show_nothing():
    ns = {}
    assert run_cell("1 + 1;", 1, ns) == {"status": "ok"}
    assert run_cell("1 + 1;  # quiet", 1, ns) == {"status": "ok"}
    assert run_cell("None", 1, ns) == {"status": "ok"}
    assert run_cell("x = ';'", 1, ns) == {"status": "ok"}
    assert run_cell("';'", 1, ns)["data"]["text/plain"] == "';'"


def test_the_value_is_shown_by_the_given_function():
    assert run_cell("2 + 3", 1, {}, lambda value: {"text/html": f"<b>{value}</b>"})["data"] == {
        "text/html": "<b>5</b>"}


def test_errors_keep_user_frames_only():
    reply = run_cell("def f():\n    raise KeyError('k')\nf()", 3, {})
    assert reply["ename"] == "KeyError" and reply["evalue"] == "'k'"
    text = "\n".join(reply["traceback"])
    assert 'File "In[3]", line 2, in f' in text and "_metapoly_worker" not in text


def test_chained_exceptions_are_shown():
    text = "\n".join(run_cell("try:\n    1/0\nexcept Exception as e:\n    raise ValueError('x') from e", 1, {})["traceback"])
    assert "ZeroDivisionError" in text and "direct cause" in text


def test_syntax_errors_point_at_the_code():
    reply = run_cell("x = (", 2, {})
    assert reply["ename"] == "SyntaxError"
    assert reply["traceback"][0] == '  File "In[2]", line 1' and "ast.py" not in "\n".join(reply["traceback"])


def test_base_exceptions_do_not_escape():
    assert run_cell("raise SystemExit(3)", 1, {})["ename"] == "SystemExit"
    assert run_cell("raise KeyboardInterrupt", 1, {})["ename"] == "KeyboardInterrupt"
