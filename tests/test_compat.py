"""PythonCall's Compat, GC and GIL in Julia cells (julia/src/Compat, julia/src/PythonCall): Python's displays
pushed on Julia's display stack, GUI event loops run by Julia timers, `fix_qt_plugin_path`, Julia's `show` of
a `Py` in every MIME type Python renders it as, the release of dropped Python objects after Julia's garbage
collection, and the GIL held across a block. What the notebook shows is checked by the messages it gets."""

import base64
import time


def jl(kernel, code: str) -> str:
    return kernel.ok("%%julia\n" + code).result


def test_python_display_prints_to_pythons_stdout(kernel):
    shown = kernel.ok("%julia display(PythonCall.Compat.PythonDisplay(), 123)")
    assert shown.stream() == "123\n" and not shown.of_type("display_data")
    # Where Python's stdout goes, as PythonCall's own test has it.
    kernel.ok("import io, sys\ncp_out = io.StringIO()\ncp_stdout, sys.stdout = sys.stdout, cp_out")
    try:
        kernel.ok('%julia display(PythonCall.Compat.PythonDisplay(), MIME("text/html"), HTML("<b>x</b>"))')
    finally:
        kernel.ok("sys.stdout = cp_stdout")
    assert kernel.ok("cp_out.getvalue()").result == "'<b>x</b>\\n'"
    # Only text: an image is refused, so that `display` tries the next display on the stack.
    failed = kernel.execute('%julia display(PythonCall.Compat.PythonDisplay(), MIME("image/png"), 1)')
    assert failed.errors[0]["ename"] == "MethodError"


def test_pushed_python_display_prints_values_until_popped(kernel):
    printed = kernel.ok("%%julia\npushdisplay(PythonCall.Compat.PythonDisplay())\n"
                        "try display([1, 2]) finally popdisplay() end\ndisplay([3]);")
    assert printed.stream() == "2-element Array{Int64,1}:\n 1\n 2\n"
    [after] = printed.of_type("display_data")
    assert after["content"]["data"]["text/plain"] == "1-element Array{Int64,1}:\n 3"


def test_pushed_ipython_display_shows_the_same_bundles_through_ipython(kernel):
    kernel.ok("import pandas as pd\ncp_df = pd.DataFrame({'a': [1, 2]})")
    shown = kernel.ok(
        '%%julia\npushdisplay(PythonCall.Compat.IPythonDisplay())\ntry\n    display(HTML("<b>x</b>"))\n'
        '    display(Dict("k" => 1))\n    display(MIME("text/html"), HTML("<i>y</i>"))\n'
        '    display("text/markdown", "**raw**")\n    display(pyget(Py, :cp_df))\n'
        'finally\n    popdisplay()\nend;')
    data = [m["content"]["data"] for m in shown.of_type("display_data")]
    assert data[0] == {"text/plain": 'HTML{String}("<b>x</b>")', "text/html": "<b>x</b>"}
    assert data[1] == {"text/plain": 'Dict{String,Int64} with 1 entry:\n  "k" => 1'}
    assert data[2] == {"text/plain": 'HTML{String}("<i>y</i>")', "text/html": "<i>y</i>"}
    assert data[3] == {"text/plain": '"**raw**"', "text/markdown": "**raw**"}
    assert data[4]["text/plain"] == "   a\n0  1\n1  2" and data[4]["text/html"].startswith("<div>")
    assert len(data) == 5


def test_through_ipython_a_julia_display_is_seen_by_ipythons_capture(kernel):
    capture = ("from IPython.utils.capture import capture_output\nwith capture_output() as cp_caught:\n"
               "    julia.eval('display(HTML(\"<b>caught</b>\"))')\nlen(cp_caught.outputs)")
    # Julia's own display goes straight to the notebook; IPython's display is IPython's to capture.
    assert kernel.ok(capture).result == "0"
    kernel.ok("%julia pushdisplay(PythonCall.Compat.IPythonDisplay());")
    try:
        caught = kernel.ok(capture)
    finally:
        kernel.ok("%julia popdisplay();")
    assert caught.result == "1" and not caught.of_type("display_data")
    assert kernel.ok("cp_caught.outputs[0].data['text/html']").result == "'<b>caught</b>'"


RICH_PYTHON = '''
import base64
class CpRich:
    def _repr_html_(self): return "<b>rich</b>"
    def _repr_png_(self): return b"\\x89PNG fake"
    def _repr_jpeg_(self): return base64.b64encode(b"jpeg bytes").decode()
    def _repr_json_(self): return {"answer": 42}
    def _repr_mimebundle_(self, include=None, exclude=None): return {"application/x-cp": "custom"}
cp_rich = CpRich()
'''


def test_show_of_a_py_in_each_mime_type_python_renders_it_as(kernel):
    kernel.ok(RICH_PYTHON)
    assert jl(kernel, 'r = pyget(Py, :cp_rich); [m => showable(m, r) for m in ("text/html", "image/png", '
                      '"image/svg+xml", "application/x-cp")]') == (
        '4-element Array{Pair{String,Bool},1}:\n        "text/html" => 1\n        "image/png" => 1\n'
        '    "image/svg+xml" => 0\n "application/x-cp" => 1')
    # Text as text, bytes as they are, base64 text decoded, JSON as its text.
    assert jl(kernel, 'repr("text/html", r), String(repr("image/png", r)), String(repr("image/jpeg", r)), '
                      'repr("application/json", r), String(repr("application/x-cp", r))') == \
        '("<b>rich</b>", "\\x89PNG fake", "jpeg bytes", "{\\"answer\\": 42}", "custom")'
    assert kernel.execute('%julia show(IOBuffer(), MIME("image/svg+xml"), r)').errors[0]["ename"] == \
        "MethodError"
    # `text/plain` is PythonCall's; `display(mime, x)` of a Py now finds its representation.
    assert jl(kernel, 'repr("text/plain", r)').startswith('"Python: <__main__.CpRich object')
    [shown] = kernel.ok('%julia display(MIME("text/html"), r)').of_type("display_data")
    assert shown["content"]["data"]["text/html"] == "<b>rich</b>"


def test_a_matplotlib_figure_and_its_axes_in_the_formats_savefig_writes(kernel):
    kernel.ok("import matplotlib.pyplot as plt\ncp_fig, cp_ax = plt.subplots()\ncp_ax.plot([1, 3, 2])")
    try:
        assert jl(kernel, 'ax = pyget(Py, :cp_ax); (showable("application/pdf", ax), '
                          'String(repr("application/pdf", ax)[1:4]), repr("image/png", ax)[2:4], '
                          'showable("text/html", ax))') == '(true, "%PDF", UInt8[0x50, 0x4e, 0x47], false)'
        png = jl(kernel, 'using Base64; base64encode(repr("image/png", pyget(Py, :cp_fig)))').strip('"')
        assert base64.b64decode(png).startswith(b"\x89PNG")
    finally:
        kernel.ok("plt.close(cp_fig)")


FAKE_TK = '''
import tkinter
class CpTk:
    steps = 0
    fail = False
    def dooneevent(self, flags):
        CpTk.steps += 1
        if CpTk.fail:
            raise RuntimeError("the window is gone")
        return False
class CpRoot:
    tk = CpTk()
tkinter._default_root = CpRoot()
'''


def test_an_event_loop_runs_while_julia_waits_and_between_cells(kernel):
    kernel.ok(FAKE_TK)
    try:
        assert jl(kernel, "t = PythonCall.event_loop_on(:tkinter; interval=0.01); sleep(0.3); "
                          "(isopen(t), PythonCall.event_loop_on(:tkinter) === t)") == "(true, true)"
        during = int(kernel.ok("CpTk.steps").result)
        assert during >= 5
        # The worker is idle: its timers run (once it has warmed up, which it does at its first idle moments).
        deadline = time.monotonic() + 10
        while int(kernel.ok("CpTk.steps").result) < during + 5 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert int(kernel.ok("CpTk.steps").result) >= during + 5
        assert jl(kernel, "PythonCall.event_loop_off(:tkinter), isopen(t)") == "(nothing, false)"
        time.sleep(0.2)
        stopped = int(kernel.ok("CpTk.steps").result)
        time.sleep(0.2)
        assert int(kernel.ok("CpTk.steps").result) == stopped
        # A step that fails stops its loop, saying why once; it can be started again.
        kernel.ok("CpTk.fail = True")
        failed = kernel.ok("%julia t = PythonCall.event_loop_on(:tkinter; interval=0.01); sleep(0.2); "
                           "isopen(t)")
        assert failed.result == "false"
        stderr = failed.stream("stderr")
        assert "The tkinter event loop stopped" in stderr and "RuntimeError: the window is gone" in stderr
        kernel.ok("CpTk.fail = False")
        assert jl(kernel, "t2 = PythonCall.event_loop_on(:tkinter); t2 !== t && isopen(t2)") == "true"
    finally:
        kernel.ok("%julia PythonCall.event_loop_off(:tkinter)")
        kernel.ok("tkinter._default_root = None")


# PyQt5 hidden from imports, as where it is not installed (whether it is here or not).
HIDE_PYQT5 = """
import importlib.abc, sys
class CpNoPyQt5(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "PyQt5":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
cp_hidden = {name: sys.modules.pop(name) for name in list(sys.modules) if name.split(".")[0] == "PyQt5"}
cp_finder = CpNoPyQt5()
sys.meta_path.insert(0, cp_finder)
"""


def test_an_event_loop_of_a_toolkit_that_is_not_installed(kernel):
    kernel.ok(HIDE_PYQT5)
    try:
        failed = kernel.execute("%julia PythonCall.event_loop_on(:pyqt5)")
        assert failed.errors[0]["ename"] == "PyException"
        assert "ModuleNotFoundError: No module named 'PyQt5'" in failed.errors[0]["evalue"]
        assert jl(kernel, "PythonCall.event_loop_off(:pyqt5)") is None
        assert "ValueError: no event loop for 'qt'" in kernel.execute(
            "%julia PythonCall.event_loop_on(:qt)").errors[0]["evalue"]
    finally:
        kernel.ok("sys.meta_path.remove(cp_finder)\nsys.modules.update(cp_hidden)")


def test_fix_qt_plugin_path_reads_qt_conf_beside_pythons_executable(kernel, tmp_path):
    (tmp_path / "qt" / "plugins").mkdir(parents=True)
    (tmp_path / "qt.conf").write_text('[Paths]\nPrefix = "qt"\n')
    kernel.ok(f"import os, sys\ncp_exe, sys.executable = sys.executable, {str(tmp_path / 'python')!r}\n"
              "cp_qt = os.environ.pop('QT_PLUGIN_PATH', None)")
    try:
        assert jl(kernel, "PythonCall.fix_qt_plugin_path(), PythonCall.fix_qt_plugin_path()") == \
            "(true, false)"
        assert kernel.ok("os.environ['QT_PLUGIN_PATH']").result == repr(str(tmp_path / "qt" / "plugins"))
    finally:
        kernel.ok("sys.executable = cp_exe\nos.environ.pop('QT_PLUGIN_PATH', None)\n"
                  "cp_qt is None or os.environ.update(QT_PLUGIN_PATH=cp_qt)")


def test_julias_collection_releases_the_python_objects_julia_dropped(kernel):
    kernel.ok("import weakref\nclass CpObj: pass\ncp_objs = [CpObj() for _ in range(50)]\n"
              "cp_refs = [weakref.ref(o) for o in cp_objs]")
    jl(kernel, "cp_held = collect(pyget(Py, :cp_objs)); pyexec(\"cp_objs.clear()\", Main); nothing")
    # Garbage, then collected: nothing stays queued (Python's next operation would release it), and the
    # Python objects are gone.
    assert jl(kernel, "cp_held = nothing; GC.gc(); isempty(PythonCall.GC.QUEUE.items)") == "true"
    assert kernel.ok("sum(r() is not None for r in cp_refs)").result == "0"
    # The same for objects finalized by hand (from threads, in PythonCall's own test).
    kernel.ok("cp_objs = [CpObj() for _ in range(50)]\ncp_refs = [weakref.ref(o) for o in cp_objs]")
    assert jl(kernel, "let objs = collect(pyget(Py, :cp_objs))\n    pyexec(\"cp_objs.clear()\", Main)\n"
                      "    PythonCall.GIL.@unlock Threads.@threads for o in objs\n        finalize(o)\n"
                      "    end\n    GC.gc()\n    isempty(PythonCall.GC.QUEUE.items)\nend") == "true"
    assert kernel.ok("sum(r() is not None for r in cp_refs)").result == "0"
    assert jl(kernel, "PythonCall.GC.enable(), PythonCall.GC.disable(), PythonCall.GC.gc()") == \
        "(nothing, nothing, nothing)"


def test_the_gil_held_across_a_block_keeps_pythons_threads_waiting(kernel):
    kernel.ok("import threading, time\ncp_items, cp_stop = [], False\ndef cp_fill():\n"
              "    while not cp_stop:\n        cp_items.append(0)\n        time.sleep(0.001)\n"
              "cp_thread = threading.Thread(target=cp_fill)\ncp_thread.start()")
    try:
        # Julia code that neither yields nor calls Python, between two reads of the list's length (no
        # Python code runs in them, which would let Python switch threads).
        jl(kernel, "cp_items = pyget(Py, :cp_items)\n"
                   "cp_busy() = (a = pylen(cp_items); t = time(); while time() - t < 0.2 end; "
                   "a == pylen(cp_items))")
        held = jl(kernel, "PythonCall.GIL.@lock cp_busy()")
        let_go = jl(kernel, "PythonCall.GIL.lock(() -> PythonCall.GIL.@unlock cp_busy())")
        as_always = jl(kernel, "cp_busy()")
        assert (held, let_go, as_always) == ("true", "false", "false")
    finally:
        kernel.ok("cp_stop = True\ncp_thread.join()")
