"""metapoly installed as a user installs it, away from this checkout: a wheel in a fresh virtualenv, its
kernelspec installed into that environment, a two-language notebook run by that environment's nbclient."""

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_RUN = textwrap.dedent("""
    import nbformat
    from nbclient import NotebookClient
    cells = ["import sys\\nx = [1.0, 2.0]\\nsys.prefix", '%%julia\\ny = sum(pyeval("x")) * 2', "%jl2py y\\ny"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="metapoly", timeout=300).execute()
    for cell in nb.cells:
        print([o.get("data", {}).get("text/plain") or o.get("text") for o in cell.outputs])
""")


def run(*command, **kwargs) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_wheel_in_a_fresh_virtualenv_runs_a_two_language_notebook(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp_path / "dist", REPO)
    [wheel] = (tmp_path / "dist").glob("metapoly-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, "nbclient")
    run(python, "-m", "metapoly", "install", "--sys-prefix")
    # (Jupyter's user directory of the test's own: a kernelspec the user installed there would come first.)
    out = run(python, "-c", NOTEBOOK_RUN, cwd=tmp_path, env={**os.environ, "JUPYTER_DATA_DIR": str(tmp_path)})
    prefix, julia, back = out.splitlines()
    assert repr(str(env)) in prefix  # (Python runs from the new environment)
    assert (julia, back) == ("['6.0']", "['y -> Python float, copied\\n', '6.0']")
