"""matplotlib in Python cells: figures inline at the end of the cell, as with ipykernel's inline backend."""

import base64
import io
import os

from PIL import Image


def figures(result) -> list:
    shown = [m["content"]["data"] for m in result.of_type("display_data")]
    return [data for data in shown if "image/png" in data]


def test_one_figure_is_one_png_display_as_with_ipykernel(kernel, tmp_path):
    before = set(os.listdir(tmp_path))
    result = kernel.ok(f"import os\nos.chdir({str(tmp_path)!r})\nimport matplotlib.pyplot as plt\n"
                       "plt.plot([1, 3, 2])\nprint('drawn')")
    [figure] = figures(result)
    image = Image.open(io.BytesIO(base64.b64decode(figure["image/png"])))
    assert image.format == "PNG" and image.size[0] > 100
    assert set(figure) == {"image/png", "text/plain"}
    assert result.stream() == "drawn\n"
    # No window, no file: the figure was shown and closed.
    assert set(os.listdir(tmp_path)) == before
    assert kernel.ok("len(plt.get_fignums())").result == "0"


def test_two_figures_are_two_displays(kernel):
    result = kernel.ok("import matplotlib.pyplot as plt\nplt.figure(); plt.plot([1, 2])\n"
                       "plt.figure(); plt.bar(['a', 'b'], [3, 4]);")
    assert len(figures(result)) == 2


def test_show_displays_mid_cell_in_order(kernel):
    result = kernel.ok("import matplotlib.pyplot as plt\nprint('before')\nplt.plot([1])\nplt.show()\n"
                       "print('after')")
    assert [m["msg_type"] for m in result.messages] == ["stream", "display_data", "stream"]


def test_a_plot_of_data_computed_in_julia(kernel):
    kernel.ok("%julia curve = [sin(x / 10) for x in 1:100]")
    result = kernel.ok("%jl2py curve\nimport matplotlib.pyplot as plt\nplt.plot(curve);")
    assert len(figures(result)) == 1

