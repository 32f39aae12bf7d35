"""%matplotlib: accepted for ipykernel notebooks; inline plots only."""

import pytest

from metapoly import protocol


def figures(result) -> list:
    return [m for m in result.of_type("display_data") if "image/png" in m["content"]["data"]]


def test_matplotlib_inline_line_is_accepted_and_restores_inline_plots(kernel):
    kernel.ok("import matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot as plt\nplt.plot([1]);")
    result = kernel.ok("%matplotlib inline\nplt.plot([2, 1]);")
    assert len(figures(result)) == 1
    [error] = kernel.execute("%matplotlib qt").errors
    assert "inline only" in error["evalue"]


@pytest.mark.fast
def test_the_magic_is_a_request_of_its_own_and_its_failure_fails_the_cell(fast_kernel):
    fast_kernel.worker.script(protocol.MATPLOTLIB_REQUEST, {"status": "error", "ename": "ModuleNotFoundError",
                                                            "evalue": "No module named 'matplotlib'",
                                                            "traceback": []})
    result = fast_kernel.execute("%matplotlib inline\nprint('must not run')")
    assert result.status == "error" and result.errors[0]["ename"] == "ModuleNotFoundError"
    assert fast_kernel.worker.requests == [(protocol.MATPLOTLIB_REQUEST, {"backend": "inline"}, "")]


@pytest.mark.fast
def test_help_describes_the_embedded_magic(fast_kernel):
    page = fast_kernel.ok("%help %matplotlib").reply["payload"][0]["data"]["text/plain"]
    assert "inline" in page and "Example" in page and "front-end" not in page
