"""metapoly installed as a user installs it, away from this checkout, in fresh virtualenvs: the README's own
install commands on this Python (then its uninstall commands); a wheel on the oldest Python declared with
every dependency at its declared floor, and on the newest Python here with the newest releases. Each runs
a two-language notebook through its own nbclient. A wheel also brings the JupyterLab extension, prebuilt.
The other Pythons are pyenv's (as on the machines this project is tested on); the test fails, naming
them, if they are missing.
"""

import ast
import glob
import os
import re
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
    cells = ["import sys\\nx = [1.0, 2.0]\\nsys.prefix",
             '%%julia\\ny = sum(pyeval(Vector{Float64}, "x")) * 2', "%jl2py y\\ny",
             "import numpy, IPython, ipykernel, metakernel\\n"
             "[m.__version__ for m in (numpy, IPython, ipykernel, metakernel)]",
             "%matplotlib inline\\nimport matplotlib.pyplot as plt\\nplt.plot([1, 2]);"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="metapoly", timeout=300).execute()
    for cell in nb.cells:
        print([o.get("data", {}).get("text/plain") or o.get("text") for o in cell.outputs])
""")


def run(*command, env=None, **kwargs) -> str:
    # (pip's constraints are the test's own, never the caller's PIP_CONSTRAINT.)
    env = {name: value for name, value in (env or os.environ).items() if name != "PIP_CONSTRAINT"}
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, env=env,
                          **kwargs)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout


def declared_floors() -> dict[str, str]:
    """``name -> lowest version`` of every dependency, and of the notebook extra's, that pyproject.toml gives
    a floor (``>=``)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    floors = {}
    for line in project["dependencies"] + project["optional-dependencies"]["notebook"]:
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
    ("3.10", "lowest"),
    ("3.13", "newest"),
])
def test_a_wheel_in_a_fresh_virtualenv_runs_a_two_language_notebook(python, dependencies, wheel, tmp_path):
    python = pyenv_python(python)
    env = tmp_path / "env"
    run(python, "-m", "venv", env)
    env_python = env / "bin" / "python"
    pins = []
    if dependencies == "lowest":
        floors = declared_floors()
        (tmp_path / "lowest.txt").write_text("".join(f"{n}=={v}\n" for n, v in floors.items()))
        pins = ["--constraint", tmp_path / "lowest.txt"]
    run(env_python, "-m", "pip", "install", "--quiet", *pins, wheel, "nbclient", "matplotlib")
    run(env_python, "-m", "metapoly", "install", "--sys-prefix")
    # (Jupyter's user directory of the test's own: a kernelspec the user installed there would come first.)
    out = run(env_python, "-c", NOTEBOOK_RUN, cwd=tmp_path,
              env={**os.environ, "JUPYTER_DATA_DIR": str(tmp_path)})
    prefix, julia, back, versions, plot = out.splitlines()
    assert repr(str(env)) in prefix  # (Python runs from the new environment)
    assert (julia, back) == ("['6.0']", "['y -> Python float, copied\\n', '6.0']")
    assert plot.startswith("['<Figure size")
    if dependencies == "lowest":
        [shown] = ast.literal_eval(versions)
        floors = [Version(floors[name]) for name in ("numpy", "ipython", "ipykernel", "metakernel")]
        assert [Version(v) for v in ast.literal_eval(shown)] == floors


def readme_commands(heading: str) -> list[str]:
    """The commands of the first code block after ``heading`` in the README, without their comments."""
    text = (REPO / "README.md").read_text()
    block = text[text.index(heading):].split("```\n")[1]
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readmes_install_and_uninstall_commands_work_in_a_fresh_virtualenv(tmp_path):
    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", env)
    # (The environment's commands first on PATH, as after `source env/bin/activate`; Jupyter's user
    # directory of the test's own.)
    shell_env = {**os.environ, "PATH": f"{env / 'bin'}:{os.environ['PATH']}", "VIRTUAL_ENV": str(env),
                 "JUPYTER_DATA_DIR": str(tmp_path / "jupyter")}
    try:
        _run_the_readmes_commands(env, shell_env, tmp_path)
    finally:
        # (As root, `install` writes for the whole system: nothing may stay behind if the test fails.)
        subprocess.run([env / "bin" / "python", "-m", "jupyter", "kernelspec", "remove", "-y", "metapoly"],
                       env=shell_env, capture_output=True)


def _run_the_readmes_commands(env: Path, shell_env: dict, tmp_path: Path) -> None:
    commands = readme_commands("## Installing it elsewhere")
    assert commands[0].startswith("pip install /path/to/metapoly") and "python -m metapoly check" in commands
    for command in commands:
        if "sysimage" in command:
            continue  # (minutes; make setup runs it, and tests/test_sysimage.py tests the image)
        out = run("bash", "-c", command.replace("/path/to/metapoly", str(REPO)), env=shell_env, cwd=tmp_path)
    assert "everything works" in out  # (check's verdict)
    out = run(env / "bin" / "python", "-c", NOTEBOOK_RUN, cwd=tmp_path, env=shell_env)
    assert out.splitlines()[1:3] == ["['6.0']", "['y -> Python float, copied\\n', '6.0']"]
    assert run(env / "bin" / "jupyter-lab", "--version").strip()  # (the notebook extra's JupyterLab)

    readme = (REPO / "README.md").read_text()
    for command in ("jupyter kernelspec remove -y metapoly", "pip uninstall -y metapoly"):
        assert f"`{command}`" in readme
        run("bash", "-c", command, env=shell_env, cwd=tmp_path)
    assert "metapoly" not in run(env / "bin" / "jupyter", "kernelspec", "list", env=shell_env)
    assert run(env / "bin" / "python", "-m", "pip", "list", env=shell_env).count("metapoly") == 0


def test_the_wheel_brings_the_jupyterlab_extension_prebuilt(wheel, tmp_path):
    """`pip install` alone makes the JupyterLab extension active: no Node.js, no build step."""
    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", env)
    run(env / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, "jupyterlab")
    # (Jupyter's user and system places left out: only what the wheel installed counts.)
    isolated = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_PATH": "",
                "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "PATH": f"{env / 'bin'}:{os.environ['PATH']}"}
    listing = subprocess.run([env / "bin" / "jupyter", "labextension", "list"], capture_output=True,
                             text=True, env=isolated, timeout=120)
    assert listing.returncode == 0, listing.stderr
    # (JupyterLab writes the list to stderr, coloured.)
    listed = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    assert "metapoly v0.1.0 enabled OK (python, metapoly)" in listed, listed
    built = env / "share" / "jupyter" / "labextensions" / "metapoly"
    assert (built / "package.json").exists() and list((built / "static").glob("remoteEntry.*.js"))
