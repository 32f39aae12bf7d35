"""Checks the worker's include order with tests/julia/layers.jl: each file of julia/src only uses what the
files included above it in MetapolyWorker.jl define."""

import shutil
import subprocess
from pathlib import Path

from metapoly.locate import find_julia, julia_project_dir

LAYERS = Path(__file__).with_name("layers.jl")


def run_layers(*args):
    return subprocess.run([find_julia().path, "--startup-file=no", f"--project={julia_project_dir()}",
                           str(LAYERS), *args], capture_output=True, text=True, timeout=300)


def test_include_order_is_true():
    run = run_layers(str(julia_project_dir() / "src"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK:"), run.stdout + run.stderr


def test_checker_reports_a_file_moved_below_its_users(tmp_path):
    # The first file included is the foundation the others build on: moved to the end, its users must be
    # reported. The include list is read from the hub, so this follows any restructuring of julia/src.
    src = tmp_path / "src"
    shutil.copytree(julia_project_dir() / "src", src)
    hub = src / "MetapolyWorker.jl"
    lines = hub.read_text().splitlines(keepends=True)
    includes = [i for i, line in enumerate(lines) if line.strip().startswith("include(")]
    first = lines.pop(includes[0])
    lines.insert(includes[-1], first)  # after the last include (indices shifted by the pop)
    hub.write_text("".join(lines))
    moved = first.strip()[len('include("'):-len('")')]

    run = run_layers(str(src))
    assert run.returncode == 1, run.stdout + run.stderr
    assert f", defined later in {moved}" in run.stdout, run.stdout + run.stderr
