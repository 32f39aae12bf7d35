"""Python cells behave as under ipykernel and Julia cells as under IJulia, through the real kernel.

Each test is one habit people bring from the native kernels: IPython's magics and shell lines, its history
variables, exit, tracebacks; IJulia's shell mode, help and line numbers. (Help in both languages and
is_complete are in test_code_assist.py; Julia's colour, display and ans in test_display.py and
test_kernel.py.)
"""

import os
import time

import pytest
from results import plain

import metapoly


def test_ipython_line_and_cell_magics_run_in_the_worker(kernel, tmp_path):
    assert "loops each" in kernel.ok("%timeit -n 2 -r 2 sum(range(10))").stream()
    assert "Wall time" in kernel.ok("%time native_t = sum(range(10))").stream()
    assert kernel.ok("native_t").result == "45"
    assert kernel.ok("%%capture native_cap\nprint('caught')").stream() == ""
    assert kernel.ok("native_cap.stdout").result == "'caught\\n'"
    script = tmp_path / "native_script.py"
    assert "Writing" in kernel.ok(f"%%writefile {script}\nNATIVE_RUN = 41").stream()
    assert kernel.ok(f"%run {script}\nNATIVE_RUN + 1").result == "42"
    assert "NATIVE_RUN" in kernel.ok("%who").stream()
    assert kernel.ok("%env NATIVE_ENV=3\nimport os; os.environ['NATIVE_ENV']").result == "'3'"
    bash = kernel.ok("%%bash\necho out\necho err >&2")
    assert bash.stream() == "out\n" and bash.stream("stderr") == "err\n"
    kernel.ok("%load_ext autoreload\n%autoreload 2")


def test_the_command_line_is_the_kernels_and_the_environment_the_users(kernel):
    # As under ipykernel (`.../ipykernel_launcher.py -f CONNECTION_FILE`); metapoly's own variables for
    # its worker are not the user's.
    argv = kernel.ok("import sys; sys.argv").result
    assert argv == repr([os.path.join(os.path.dirname(metapoly.__file__), "__main__.py"),
                         "-f", kernel.km.connection_file])
    leaked = "import os\n[v for v in ('METAPOLY_ARGV', 'METAPOLY_STDERR_PIPE') if v in os.environ]"
    assert kernel.ok(leaked).result == "[]"


def test_libraries_take_it_for_a_notebook_as_they_do_ipykernel(kernel):
    # (By the shell's class name, as rich and many `is_notebook()` do; by ipykernel's shell module being
    # loaded, as tqdm.auto does, which the worker imports once it has been idle for half a second.)
    kernel.ok("1")
    time.sleep(2)
    assert kernel.ok("get_ipython().__class__.__name__").result == "'ZMQInteractiveShell'"
    widget_bar = "from tqdm.auto import tqdm as auto_tqdm\nimport tqdm.notebook\n" \
                 "issubclass(auto_tqdm, tqdm.notebook.tqdm_notebook)"
    assert kernel.ok(widget_bar).result == "True"


def test_shell_lines_run_in_the_workers_directory(kernel, tmp_path):
    (tmp_path / "native_marker.txt").write_text("x")
    before = kernel.ok("import os; os.getcwd()").result
    try:
        kernel.ok(f"os.chdir({str(tmp_path)!r})")
        assert kernel.ok("!ls").stream().split() == ["native_marker.txt"]
        assert kernel.ok("native_files = !ls\nnative_files").result == "['native_marker.txt']"
        # As ipykernel's: the command's own output, nothing added.
        assert kernel.ok("!echo hi").stream() == "hi\r\n"
        assert kernel.ok("%cd ..").stream().strip() == os.path.dirname(tmp_path)
    finally:
        kernel.ok(f"os.chdir({before})")


def test_history_variables_follow_the_notebooks_execution_count(kernel):
    # (A `_` the user bound, by `for _ in ...` say, stops IPython's updates of it, as under ipykernel.)
    kernel.ok("globals().pop('_', None);")
    first = kernel.ok("6 * 7")
    n = first.reply["execution_count"]
    assert first.of_type("execute_result")[0]["content"]["execution_count"] == n
    julia = kernel.ok("%%julia\n1 + 1").reply["execution_count"]
    check = kernel.ok(f"(Out[{n}], _{n}, In[{n}], In[{julia}], _)")
    assert check.result == "(42, 42, '6 * 7', '1 + 1', 42)"  # (In has the Julia cell's code too)


def test_the_value_comes_after_the_output_and_before_the_figures(kernel):
    result = kernel.ok("%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                       "print('drawn')\nplt.plot([1, 2])")
    assert [m["msg_type"] for m in result.messages] == ["stream", "execute_result", "display_data"]
    assert "image/png" in result.of_type("display_data")[0]["content"]["data"]


def test_gui_backends_are_refused_and_nothing_changes(kernel):
    error = kernel.execute("%matplotlib qt").errors
    assert error[0]["ename"] == "UsageError" and "inline" in error[0]["evalue"]
    backend = kernel.ok("import matplotlib; matplotlib.get_backend()").result
    assert backend in ("'inline'", "'module://matplotlib_inline.backend_inline'")


def test_exit_asks_the_client_to_leave_and_the_kernel_stays(kernel):
    for code, keep in (("exit", False), ("quit()", False), ("exit(keep_kernel=True)", True)):
        assert kernel.ok(code).reply["payload"] == [{"source": "ask_exit", "keepkernel": keep}]
    assert kernel.ok("1 + 1").result == "2"


def test_python_tracebacks_are_ipythons_with_colour_and_the_editors_lines(kernel):
    result = kernel.execute("%%python\nnative_a = 1\nnative_b = native_a / 0")
    [error] = result.errors
    n = result.reply["execution_count"]
    assert error["ename"] == "ZeroDivisionError" and "\x1b[" in "".join(error["traceback"])
    text = result.traceback()
    assert f"Cell In[{n}], line 3" in text and "----> 3 native_b = native_a / 0" in text
    after_magic = kernel.execute("%julia native_j = 1\nnative_undefined_name")
    assert f"Cell In[{after_magic.reply['execution_count']}], line 2" in after_magic.traceback()
    syntax = kernel.execute("%%python\n\nx = (")
    assert syntax.errors[0]["ename"] == "SyntaxError" and "line 3" in syntax.traceback()


def test_usage_errors_are_one_error(kernel):
    result = kernel.execute("%native_no_such_magic")
    assert result.status == "error"
    message = "Line magic function `%native_no_such_magic` not found."
    assert result.errors == [{"ename": "UsageError", "evalue": message,
                              "traceback": [f"UsageError: {message}"]}]


def test_julia_magic_inside_python_code_gives_julias_value(kernel):
    assert kernel.ok("native_n = %julia sum(1:10)\nnative_n * 2").result == "110"
    assert kernel.ok("print('py')\n%julia println(\"jl\")").stream() == "py\njl\n"


def test_top_level_await(kernel):
    assert kernel.ok("import asyncio\nawait asyncio.sleep(0.01)\n'awaited'").result == "'awaited'"


def test_julia_shell_mode_as_in_ijulia(kernel, tmp_path):
    kernel.ok('%julia native_word = "interpolated"')
    assert kernel.ok('%%julia\n;echo shell $native_word').stream() == "shell interpolated\n"
    assert kernel.ok("%%julia\n;echo $((1+2))").stream() == "3\n"


def test_julia_errors_count_the_editors_lines_and_show_only_user_frames(kernel):
    result = kernel.execute('%%julia\nnative_x = 1\nerror("boom")')
    n = result.reply["execution_count"]
    assert f"top-level scope at In[{n}]:3" in result.traceback()
    line = kernel.execute('%julia error("one")')
    assert f"In[{line.reply['execution_count']}]:1" in line.traceback()


@pytest.mark.parametrize("code", ["%%julia\nsleep(30)", "%%julia\nnative_f() = sleep(30)\nnative_f()"])
def test_an_interrupted_julia_cell_shows_the_users_frames(interrupt_kernel, code):
    interrupt_kernel.ok("%julia native_ready = 1")  # (past the worker's first idle warm-up)
    reply = interrupt_kernel.interrupted(code, after=2)
    assert reply["ename"] == "InterruptException"
    frames = plain("\n".join(reply["traceback"]))
    assert "In[" in frames and "task.jl" not in frames and "asyncevent.jl" not in frames
