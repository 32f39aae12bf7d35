"""``python -m metapoly check``: the diagnosis a user runs first."""

import subprocess
import sys


def check(env=None):
    return subprocess.run([sys.executable, "-m", "metapoly", "check"], capture_output=True, text=True,
                          timeout=600, env=env)


def test_check_runs_a_cell_in_each_language():
    run = check()
    assert run.returncode == 0, run.stdout + run.stderr
    for expected in ("metapoly 0.1.0", "libpython:", "julia:", "system image: in use", "python cell: ok",
                     "julia cell: ok", "share one process"):
        assert expected in run.stdout


def test_check_explains_a_missing_julia(tmp_path):
    import os

    env = {**os.environ, "METAPOLY_JULIA": str(tmp_path / "missing-julia")}
    run = check(env)
    assert run.returncode == 1
    assert "julia: PROBLEM" in run.stdout and "install" in run.stdout.lower()
