"""%python and %%python run in the worker's embedded Python, not in the front end."""

import os

import pytest


def test_python_magic_runs_in_the_worker(kernel):
    worker_pid = kernel.ok("%julia getpid()").result
    assert kernel.ok("%python import os; os.getpid()").result == worker_pid
    assert kernel.ok("%%python\nimport os\nos.getpid()").result == worker_pid
    assert int(worker_pid) != os.getpid()


def test_line_and_cell_forms_share_main(kernel):
    kernel.ok("%python shared_name = 'x y'")
    assert kernel.ok("%%python\nshared_name.split()").result == "['x', 'y']"


@pytest.mark.fast
def test_bare_first_line(fast_kernel):
    fast_kernel.worker.cell("python", "import math\nmath.factorial(5)", "120")
    assert fast_kernel.ok("%python\nimport math\nmath.factorial(5)").result == "120"


@pytest.mark.fast
def test_help_has_an_example(fast_kernel):
    page = fast_kernel.ok("%help %%python").reply["payload"][0]["data"]["text/plain"]
    assert "Example" in page and "embedded" in page
