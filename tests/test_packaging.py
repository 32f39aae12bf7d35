"""metapoly installed as a user installs it, away from this checkout: a wheel in a fresh virtualenv, its
kernelspec installed into that environment, a two-language notebook run by that environment's nbclient.

Three environments: this Python with the newest dependencies; the oldest Python declared with every
dependency at its declared floor; the newest Python here with the newest dependencies. The other Pythons
are pyenv's (as on the machines this project is tested on); the test fails, naming them, if they are missing.
"""

import ast
import glob
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_RUN = textwrap.dedent("""
    import nbformat
    from nbclient import NotebookClient
    cells = ["import sys\\nx = [1.0, 2.0]\\nsys.prefix", '%%julia\\ny = sum(pyeval("x")) * 2', "%jl2py y\\ny",
             "import numpy, IPython, ipykernel, metakernel\\n"
             "[m.__version__ for m in (numpy, IPython, ipykernel, metakernel)]"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="metapoly", timeout=300).execute()
    for cell in nb.cells:
        print([o.get("data", {}).get("text/plain") or o.get("text") for o in cell.outputs])
""")


def run(*command, **kwargs) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout


def declared_floors() -> dict[str, str]:
    """``name -> lowest version`` of every dependency pyproject.toml gives a floor (``>=``)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                floors[requirement.name] = spec.version
    return floors


def pyenv_python(version: str) -> str:
    found = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")))
    assert found, f"Python {version} (pyenv's, ~/.pyenv/versions/{version}.*) is needed by this test"
    return found[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, REPO)
    [built] = dist.glob("metapoly-*.whl")
    return built


@pytest.mark.parametrize("python, dependencies", [
    (sys.executable, "newest"),
    ("3.10", "lowest"),
    ("3.13", "newest"),
])
def test_a_wheel_in_a_fresh_virtualenv_runs_a_two_language_notebook(python, dependencies, wheel, tmp_path):
    python = python if os.path.isabs(python) else pyenv_python(python)
    env = tmp_path / "env"
    run(python, "-m", "venv", env)
    env_python = env / "bin" / "python"
    pins = []
    if dependencies == "lowest":
        floors = declared_floors()
        (tmp_path / "lowest.txt").write_text("".join(f"{n}=={v}\n" for n, v in floors.items()))
        pins = ["--constraint", tmp_path / "lowest.txt"]
    run(env_python, "-m", "pip", "install", "--quiet", *pins, wheel, "nbclient")
    run(env_python, "-m", "metapoly", "install", "--sys-prefix")
    # (Jupyter's user directory of the test's own: a kernelspec the user installed there would come first.)
    out = run(env_python, "-c", NOTEBOOK_RUN, cwd=tmp_path, env={**os.environ, "JUPYTER_DATA_DIR": str(tmp_path)})
    prefix, julia, back, versions = out.splitlines()
    assert repr(str(env)) in prefix  # (Python runs from the new environment)
    assert (julia, back) == ("['6.0']", "['y -> Python float, copied\\n', '6.0']")
    if dependencies == "lowest":
        [shown] = ast.literal_eval(versions)
        floors = [Version(floors[name]) for name in ("numpy", "ipython", "ipykernel", "metakernel")]
        assert [Version(v) for v in ast.literal_eval(shown)] == floors
