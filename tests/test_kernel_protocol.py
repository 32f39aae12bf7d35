"""Protocol conformance through jupyter_kernel_test, once for Python cells and once for Julia cells.

History is not kept (the framework's history test is switched off here rather than skipped).
"""

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

STARTUP_TIMEOUT = 300
# One kernel serves both classes (started by the first, stopped with the module).
_KERNEL: list = []


def _shared_kernel():
    if not _KERNEL:
        km, kc = start_new_kernel(kernel_name=MetapolyKernel.kernel_name, startup_timeout=STARTUP_TIMEOUT)
        # The framework waits 15 s for each reply: let the worker finish starting first.
        kc.execute_interactive("None", timeout=STARTUP_TIMEOUT)
        _KERNEL.extend((km, kc))
    return _KERNEL


def tearDownModule() -> None:
    if _KERNEL:
        km, kc = _KERNEL
        kc.stop_channels()
        km.shutdown_kernel()


class MetapolyKernel:
    """What both test classes share (a mixin, so that it is not collected as tests itself)."""

    kernel_name = "metapoly"
    language_name = "python"
    file_extension = ".py"
    code_page_something = "%help %julia"

    test_history = None

    @classmethod
    def setUpClass(cls) -> None:
        cls.km, cls.kc = _shared_kernel()

    @classmethod
    def tearDownClass(cls) -> None:
        pass


class TestPythonCells(MetapolyKernel, jupyter_kernel_test.KernelTests):
    code_hello_world = "print('hello, world')"
    code_stderr = "import sys; print('oops', file=sys.stderr)"
    code_generate_error = "raise ValueError('expected')"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'text'", "result": "'text'"},
        {"code": "[1, 2][-1]", "result": "2"},
    ]
    code_display_data = [
        {"code": "from IPython.display import HTML\ndisplay(HTML('<b>test</b>'))", "mime": "text/html"},
        {"code": "from IPython.display import Math\ndisplay(Math('x^2'))", "mime": "text/latex"},
    ]
    code_clear_output = "from IPython.display import clear_output\nclear_output()"
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "import sys; sys.getrecursionl", "matches": {"getrecursionlimit"}},
    ]
    complete_code_samples = ["1", "print('hello')", "for i in range(3):\n    pass\n"]
    incomplete_code_samples = ["for i in range(3):", "def f(x):", "(1,"]
    invalid_code_samples = ["1 +* 2", ")"]
    code_inspect_sample = "print"


class TestJuliaCells(MetapolyKernel, jupyter_kernel_test.KernelTests):
    code_hello_world = '%%julia\nprintln("hello, world")'
    code_stderr = '%%julia\nprintln(stderr, "oops")'
    code_generate_error = '%%julia\nerror("expected")'
    code_execute_result = [
        {"code": "%%julia\n6 * 7", "result": "42"},
        {"code": '%%julia\n"text"', "result": '"text"'},
        {"code": "%julia [1, 2][end]", "result": "2"},
    ]
    code_display_data = [
        {"code": '%%julia\ndisplay(HTML("<b>test</b>"))', "mime": "text/html"},
        {"code": '%%julia\nusing Markdown\ndisplay(MIME("text/markdown"), md"**test**")',
         "mime": "text/markdown"},
    ]
    code_clear_output = "%julia clear_output()"
    completion_samples = [{"text": "%%julia\nprintl", "matches": {"println"}},
                          {"text": "%julia Base.MathConst", "matches": {"MathConstants"}}]
    complete_code_samples = ["%%julia\n1 + 1\n\n", "%%julia\nfunction f(x)\n    x\nend\n\n", "%julia 1 + 1"]
    incomplete_code_samples = ["%%julia\nfunction f(x)", "%%julia\n[1, 2,", "%julia begin"]
    invalid_code_samples = ["%%julia\n1 +* 2", "%%julia\n)"]
    code_inspect_sample = "%%julia\nprintln"
