"""nbconvert's HTML of a metapoly notebook highlights Julia cells with Pygments' Julia lexer and Python cells
with IPython's: from the metadata the JupyterLab extension saves, and, for a notebook saved without it,
through metapoly's preprocessor (``--to metapoly_html``)."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from nbconvert.exporters import HTMLExporter

from metapoly.nbconvert_languages import MetapolyHTMLExporter, store_languages

JULIA = 'function f(x)\n    "x is $(x)"\nend'
PYTHON = "def g(end):\n    return end"
SOURCES = ["import os", "%default julia", JULIA, f"%%python\n{PYTHON}", f"%julia\n{JULIA}"]
# Pygments' Julia lexer marks `function` and `end` as keywords (`k`) and the `$` of an interpolation as `si`;
# IPython's lexer knows no `end`.
JULIA_KEYWORDS = '<span class="k">function</span>'
INTERPOLATION = '<span class="si">$</span>'


def notebook(kernel: str = "metapoly"):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": kernel, "display_name": kernel,
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(source) for source in SOURCES]
    return nb


def cell_blocks(html: str) -> list[str]:
    """The highlighted source of each code cell in nbconvert's HTML."""
    return re.findall(r'<div class="highlight[^"]*"><pre>(.*?)</pre>', html, re.DOTALL)


def assert_julia_cells_highlighted_as_julia(html: str) -> None:
    blocks = cell_blocks(html)
    assert len(blocks) == len(SOURCES)
    for index in (2, 4):
        assert JULIA_KEYWORDS in blocks[index] and INTERPOLATION in blocks[index], blocks[index]
    for index in (0, 3):
        assert JULIA_KEYWORDS not in blocks[index] and '<span class="k">end</span>' not in blocks[index]
    assert '<span class="k">def</span>' in blocks[3]


@pytest.mark.fast
def test_the_stored_languages_are_those_the_extension_stores():
    nb = notebook()
    nb.cells[0].metadata["magics_language"] = "julia"  # (a stale one goes)
    store_languages(nb)
    languages = [cell.metadata["metapoly"]["language"] for cell in nb.cells]
    assert languages == ["python", "julia", "julia", "python", "julia"]
    magics = [cell.metadata.get("magics_language") for cell in nb.cells]
    assert magics == [None, "julia", "julia", None, "julia"]


@pytest.mark.fast
def test_nbconvert_html_highlights_julia_cells_from_their_saved_metadata():
    nb = notebook()
    store_languages(nb)
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert_julia_cells_highlighted_as_julia(html)


@pytest.mark.fast
def test_without_metadata_plain_nbconvert_misses_the_julia_cells_metapoly_html_does_not(tmp_path):
    plain, _ = HTMLExporter().from_notebook_node(notebook())
    assert JULIA_KEYWORDS not in cell_blocks(plain)[2]  # (why the preprocessor exists)
    path = tmp_path / "mixed.ipynb"
    nbformat.write(notebook(), str(path))
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "metapoly_html", str(path)],
                   check=True, capture_output=True, timeout=120)
    assert_julia_cells_highlighted_as_julia((tmp_path / "mixed.html").read_text())


@pytest.mark.fast
def test_the_preprocessor_leaves_other_kernels_notebooks_alone():
    nb = notebook(kernel="python3")
    html, _ = MetapolyHTMLExporter().from_notebook_node(nb)
    assert JULIA_KEYWORDS not in cell_blocks(html)[2]
    assert all("metapoly" not in cell.metadata for cell in nb.cells)
