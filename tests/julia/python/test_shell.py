"""The worker's IPython shell, in this process: what differs from a plain InteractiveShell."""

import os

import pytest
from IPython.core.error import UsageError

from _metapoly_worker import shell as shell_module


class FakeJulia:
    def eval(self, code):
        return f"julia:{code}"

    def _move(self, to, pairs, options):
        return [f"{src} -> {to} as {dst}, copy={options['copy']}, library={options['library']}"
                for src, dst in pairs]


@pytest.fixture(scope="module")
def shell(published):
    shell = published[0]
    shell_module.add_julia_magics(shell, FakeJulia())
    return shell


@pytest.mark.fast
def test_the_compiler_offsets_only_the_next_cell(shell):
    shell.compile.first_line = 3
    assert shell.compile.ast_parse("x = 1").body[0].lineno == 3
    assert shell.compile.ast_parse("x = 1").body[0].lineno == 1


@pytest.mark.fast
def test_julia_magics_inside_python_code(shell):
    assert shell.run_line_magic("julia", "sum(1:3)") == "julia:sum(1:3)"
    assert shell.run_cell_magic("julia", "", "1 + 1\n") == "julia:1 + 1\n"


@pytest.mark.fast
def test_moving_magics_inside_python_code_read_their_arguments_as_the_front_end_does(shell, capsys):
    shell.run_line_magic("py2jl", "a b=c --copy")
    shell.run_line_magic("jl2py", "x --polars")
    assert capsys.readouterr().out == ("a -> julia as a, copy=True, library=None\n"
                                       "b -> julia as c, copy=True, library=None\n"
                                       "x -> python as x, copy=False, library=polars\n")
    for line, says in (("", "needs at least one variable name"), ("--deep a", "unknown option '--deep'")):
        with pytest.raises(UsageError, match=says):
            shell.run_line_magic("py2jl", line)


@pytest.mark.fast
def test_gui_event_loops_are_refused(shell):
    with pytest.raises(UsageError, match="GUI event loop"):
        shell.enable_gui("qt")
    # (Backends drawn by the client need no loop; IPython before 8.24 names inline's gui "inline".)
    for gui in (None, "inline", "widget"):
        shell.enable_gui(gui)


@pytest.mark.fast
def test_worker_frames_are_taken_out_of_tracebacks_and_their_causes():
    worker_file = os.path.join(shell_module._WORKER_DIR, "julia_api.py")
    namespace = {}
    exec(compile("def raise_it(exc):\n    raise exc", worker_file, "exec"), namespace)
    try:
        try:
            namespace["raise_it"](KeyError("inner"))
        except KeyError as inner:
            raise ValueError("outer") from inner
    except ValueError as exc:
        shell_module.without_worker_frames(exc)
        for error in (exc, exc.__cause__):
            tb, files = error.__traceback__, []
            while tb is not None:
                files.append(tb.tb_frame.f_code.co_filename)
                tb = tb.tb_next
            assert files and worker_file not in files
