"""%matplotlib: accepted for ipykernel notebooks; inline plots only."""


def figures(result) -> list:
    return [m for m in result.of_type("display_data") if "image/png" in m["content"]["data"]]


def test_matplotlib_inline_line_is_accepted_and_restores_inline_plots(fresh_kernel):
    fresh_kernel.ok("import matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot as plt\nplt.plot([1]);")
    result = fresh_kernel.ok("%matplotlib inline\nplt.plot([2, 1]);")
    assert len(figures(result)) == 1
    [error] = fresh_kernel.execute("%matplotlib qt").errors
    assert "inline only" in error["evalue"]


def test_help_describes_the_embedded_magic(kernel):
    page = kernel.ok("%help %matplotlib").reply["payload"][0]["data"]["text/plain"]
    assert "inline" in page and "Example" in page and "front-end" not in page
