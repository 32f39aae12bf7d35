"""The teaching notebooks run from top to bottom through the installed kernel, as users run them."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def executed():
    """``executed(path)``: the notebook at ``path`` run from top to bottom, once for all the tests here."""
    runs = {}

    def run(path: Path):
        if path not in runs:
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, kernel_name="metapoly", timeout=600, startup_timeout=300,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            runs[path] = nb
        return runs[path]

    return run


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(executed, path):
    nb = executed(path)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert outputs, "the notebook produced no output at all"


def test_the_tour_exists():
    assert "01-tour.ipynb" in [p.name for p in NOTEBOOKS]


def test_the_help_notebook_shows_documentation_from_both_languages(executed):
    nb = executed(Path(__file__).resolve().parent.parent / "notebooks" / "04-getting-help.ipynb")
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/markdown", ""))
                     for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "divmod" in text  # Python's help()
    assert "Convert a temperature from degrees Celsius" in text  # a Julia docstring via @doc
    assert "%julia" in text  # %lsmagic
