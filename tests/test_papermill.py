"""papermill runs metapoly notebooks as it runs ipykernel's: parameters it injects in Python reach Julia
cells, and a failing cell, in either language, stops the run with its error saved in the output notebook."""

from pathlib import Path

import nbformat
import papermill
import pytest


def notebook(path: Path, cells: list[str]) -> Path:
    """A notebook as JupyterLab saves one for this kernel; its first cell is tagged `parameters`."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "metapoly", "display_name": "Metapoly (Python + Julia)",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def outputs(cell) -> list:
    return [o.get("text") or o.get("data", {}).get("text/plain") or o.get("ename") for o in cell.outputs]


def test_parameters_reach_both_languages(tmp_path):
    source = notebook(tmp_path / "in.ipynb", [
        "n = 3\nname = 'default'", "%py2jl n name", '%%julia\nprintln(name, " ", n^2)\nn * 2',
        "[n, name]"])
    ran = papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), progress_bar=False,
                                     parameters={"n": 5, "name": "hello"})
    assert "injected-parameters" in ran.cells[1].metadata["tags"]
    assert [outputs(cell) for cell in ran.cells[2:]] == [
        ["n -> Julia Int64, copied\nname -> Julia String (5 chars), copied\n"], ["hello 25\n", "10"],
        ["[5, 'hello']"]]


@pytest.mark.parametrize("failing, ename, says", [
    ('%julia error("bad input")', "ErrorException", "bad input"),
    ("raise ValueError('bad input')", "ValueError", "bad input"),
])
def test_a_failing_cell_stops_the_run_with_its_error_saved(tmp_path, failing, ename, says):
    source = notebook(tmp_path / "in.ipynb", ["n = 1", failing, "after = 1"])
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), progress_bar=False)
    assert info.value.ename == ename and says in info.value.evalue
    saved = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    code = [cell for cell in saved.cells if cell.cell_type == "code"]
    assert [outputs(cell) for cell in code] == [[], [ename], []]
    assert code[-1].execution_count is None  # (never ran)


def test_tqdm_auto_picks_its_widget_bar_from_the_first_cell(tmp_path):
    # (As under ipykernel; tqdm decides as it is imported, before the kernel has had an idle moment.)
    source = notebook(tmp_path / "in.ipynb", [
        "from tqdm.auto import tqdm as auto_bar\nimport tqdm.notebook\n"
        "issubclass(auto_bar, tqdm.notebook.tqdm_notebook)"])
    ran = papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), progress_bar=False)
    assert outputs(ran.cells[0])[-1] == "True"
