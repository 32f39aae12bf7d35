"""Runs the worker's Julia unit tests (tests/julia/runtests.jl) with the Test standard library."""

import subprocess
from pathlib import Path

from metapoly.locate import find_julia, julia_project_dir


def test_julia_unit_tests():
    runtests = Path(__file__).with_name("runtests.jl")
    run = subprocess.run([find_julia().path, "--startup-file=no", f"--project={julia_project_dir()}",
                          str(runtests)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
