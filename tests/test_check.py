"""``python -m metapoly check``: the diagnosis a user runs first."""

import importlib.metadata
import subprocess
import sys

import pytest

from metapoly.check import _versions


def check(env=None):
    return subprocess.run([sys.executable, "-m", "metapoly", "check"], capture_output=True, text=True,
                          timeout=600, env=env)


def test_check_runs_a_cell_in_each_language():
    run = check()
    assert run.returncode == 0, run.stdout + run.stderr
    for expected in ("metapoly 0.1.0", "ipykernel ", "libpython:", "julia:", "system image: in use",
                     "python cell in the worker: ok", "julia cell in the worker: ok",
                     "python cell through the kernel: ok", "julia cell through the kernel: ok",
                     "everything works"):
        assert expected in run.stdout


def test_check_explains_a_missing_julia(tmp_path):
    import os

    env = {**os.environ, "METAPOLY_JULIA": str(tmp_path / "missing-julia")}
    run = check(env)
    assert run.returncode == 1
    assert "julia: PROBLEM" in run.stdout and "install" in run.stdout.lower()


@pytest.mark.fast
def test_versions_below_what_metapoly_declares_are_problems(monkeypatch):
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "6.29.5" if name == "ipykernel" else real(name))
    lines = []
    problems = _versions(lines.append)
    assert any("ipykernel 6.29.5: PROBLEM: metapoly needs >=7" in line for line in lines)
    assert problems == ["ipykernel 6.29.5 does not work with metapoly: `pip install 'ipykernel>=7'`"]
