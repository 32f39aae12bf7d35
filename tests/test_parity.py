"""Third-party teaching notebooks give the same outputs under metapoly as under the native kernels.

The Python notebooks (tests/parity/python) run twice in this test, through nbclient: under ipykernel (this
interpreter's) and under metapoly. The Julia notebooks (tests/parity/julia), written for IJulia, run under
metapoly (made Julia by a silent ``%default julia`` before the first cell) and are compared with the
outputs IJulia stored in them. Sources and licences: tests/parity/SOURCES.md.

Outputs are compared cell by cell after normalising only what cannot match: object addresses, timings,
the working directory, random numbers (in the cells that draw them), and the ways Julia 1.6 (which made
the stored outputs) prints differently from the Julia the test runs. Every other difference must be listed
in ``EXPLAINED`` with its reason, and every listed difference must still occur.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from results import julia_16, plain

PARITY = Path(__file__).parent / "parity"
CELL_TIMEOUT = 300

# (notebook, code cell number from 1): why its output differs, for differences that are not metapoly's.
EXPLAINED: dict[tuple[str, int], str] = {
    ("Cell-Magics.ipynb", 1): "%lsmagic lists metapoly's magics first; IPython's list then has %julia and "
                              "%%julia, and not ipykernel's own (%autosave, %clear, %connect_info, %less, "
                              "%man, %more, %qtconsole, %subshell)",
    ("Beyond-Plain-Python.ipynb", 31): "%lsmagic, as in Cell-Magics [1]",
    ("Beyond-Plain-Python.ipynb", 47): "%connect_info is ipykernel's own magic (the connection of its "
                                       "sockets)",
    ("Beyond-Plain-Python.ipynb", 48): "%qtconsole is ipykernel's own magic (it starts a Qt console)",
    ("8-Multiple-dispatch.ipynb", 10): "methods(foo): Julia 1.5 lists the methods in another order",
    ("8-Multiple-dispatch.ipynb", 11): "methods(+): Julia 1.5 has other methods of + than Julia 1.6",
    ("8-Multiple-dispatch.ipynb", 13): "@which 3.0 + 3.0: the line of + in Base's float.jl differs in "
                                       "Julia 1.5",
}
# Cells whose numbers vary from run to run (random draws without a seed; the disk usage `df` shows): every
# number (with its unit, 4.0K) is compared as "N".
RANDOM: set[tuple[str, int]] = {
    ("Beyond-Plain-Python.ipynb", 28),
    *(("02.04-Computation-on-arrays-aggregates.ipynb", n) for n in (2, 3, 5, 6, 8, 9, 10, 11, 12)),
    *(("2-Data-structures.ipynb", n) for n in (24, 25)),
    *(("11-Factorizations-and-other-fun.ipynb", n)
      for n in (1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 19, 25, 27, 28, 30)),
}


def normalise(text: str, workdirs: tuple) -> str:
    """``text`` without what cannot match between two runs."""
    text = plain(text)
    for workdir in workdirs:
        text = text.replace(str(workdir), "<dir>")
    text = re.sub(r"0x[0-9a-fA-F]{6,}", "0x…", text)
    # The file a cell is compiled as: ipykernel's is a temporary file named by a hash, IPython's not.
    cell_file = r"<ipython-input-\d+-[0-9a-f]+>|/tmp/ipykernel_\d+/\d+\.py|(?<=\()\d+\.py(?=, line)"
    text = re.sub(cell_file, "<cell>", text)
    timing = r"per loop|Wall time|CPU times|seconds \(|\d+ loops? each|slowest run took"
    lines = ["<timing>" if re.search(timing, line) else line for line in text.split("\n")]
    # (How many lines of timing there are varies too: "the slowest run took..." comes and goes.)
    return "\n".join(line for i, line in enumerate(lines)
                     if not (line == "<timing>" and lines[i - 1:i] == [line]))


def outputs(cell: dict, workdirs: tuple, random: bool, julia: bool) -> list:
    """A cell's outputs as comparable ``(kind, text)`` pairs: streams of one name joined, values and
    displays by their text and the set of MIME types they carry, errors by their message."""
    shown = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream" and out["text"].startswith("UsageError: "):
            # (ipykernel prints a UsageError on stderr; metapoly sends it as the cell's one error.)
            shown.append(("error", out["text"].strip()))
        elif kind == "stream":
            if shown and shown[-1][0] == out["name"]:
                shown[-1] = (out["name"], shown[-1][1] + out["text"])
            else:
                shown.append((out["name"], out["text"]))
        elif kind in ("execute_result", "display_data"):
            data = out["data"]
            shown.append((kind, f"{data.get('text/plain', '')} {sorted(data)}"))
        elif kind == "error":
            # (IJulia 1.6 names every error LoadError and keeps the real one in the message.)
            shown.append(("error", out["evalue"] if julia else f"{out['ename']}: {out['evalue']}"))
    texts = [(kind, normalise(text, workdirs)) for kind, text in shown]
    if julia:
        # (The stored cells were not run in order from the top: the cell numbers they name are not ours.)
        texts = [(kind, re.sub(r"In\[\d+\]", "In[N]", julia_16(text))) for kind, text in texts]
    if random:
        texts = [(kind, re.sub(r"\s+", " ", re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?(//\d+)?[KMGT]?", "N", text)))
                 for kind, text in texts]
    return texts


def run(path: Path, workdir: Path, km: KernelManager, julia: bool = False) -> list:
    """The code cells of notebook ``path`` run in ``workdir`` through ``km``'s kernel."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}})
    with client.setup_kernel():
        if julia:
            client.kc.execute_interactive("%default julia", silent=True, store_history=False, timeout=60)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def ipykernel(tmp_path_factory):
    """A kernel manager for ipykernel in this interpreter (where numpy, pandas and matplotlib are)."""
    specs = tmp_path_factory.mktemp("kernels")
    (specs / "parity-ipykernel").mkdir()
    (specs / "parity-ipykernel" / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ipykernel", "language": "python"}))
    return lambda: KernelManager(kernel_name="parity-ipykernel",
                                 kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))


def compare(name: str, cells: list, workdirs: tuple, julia: bool) -> list:
    """``(cell number, expected, got)`` for each ``(cell number, native cell, metapoly cell)`` whose outputs
    differ."""
    differences = []
    for number, want, have in cells:
        random = (name, number) in RANDOM
        a, b = outputs(want, workdirs, random, julia), outputs(have, workdirs, random, julia)
        if a != b:
            differences.append((number, a, b))
    return differences


def check(name: str, differences: list, cells: int) -> None:
    unexplained = [d for d in differences if (name, d[0]) not in EXPLAINED]
    stale = [n for (nb, n) in EXPLAINED if nb == name and n not in {d[0] for d in differences}]
    print(f"{name}: {cells - len(differences)} of {cells} code cells match; "
          f"{len(differences) - len(unexplained)} differ for listed reasons")
    report = "\n".join(f"[{n}]\n  native:   {a!r}\n  metapoly: {b!r}" for n, a, b in unexplained)
    assert not unexplained, f"{name}: unexplained differences:\n{report}"
    assert not stale, f"{name}: cells listed in EXPLAINED now match: {stale}"


def _copy(source: Path, workdir: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            shutil.copytree(item, workdir / item.name)


@pytest.mark.parametrize("path", sorted((PARITY / "python").glob("*.ipynb")), ids=lambda p: p.stem)
def test_python_notebook_matches_ipykernel(path, ipykernel, tmp_path):
    native_dir, ours_dir = tmp_path / "native", tmp_path / "metapoly"
    for workdir in (native_dir, ours_dir):
        workdir.mkdir()
        _copy(path.parent, workdir)
    native = run(path, native_dir, ipykernel())
    ours = run(path, ours_dir, KernelManager(kernel_name="metapoly"))
    cells = [(n, want, have) for n, (want, have) in enumerate(zip(native, ours, strict=False), start=1)]
    check(path.name, compare(path.name, cells, (native_dir, ours_dir), julia=False), len(cells))


@pytest.mark.parametrize("path", sorted((PARITY / "julia").glob("*.ipynb")), ids=lambda p: p.stem)
def test_julia_notebook_matches_ijulias_stored_outputs(path, tmp_path):
    stored = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    ours = run(path, tmp_path, KernelManager(kernel_name="metapoly"), julia=True)
    # Cells IJulia never ran (exercises left for the reader) have nothing to compare.
    cells = [(n, want, have) for n, (want, have) in enumerate(zip(stored, ours, strict=False), start=1)
             if want.get("execution_count") is not None]
    check(path.name, compare(path.name, cells, (tmp_path,), julia=True), len(cells))
