"""Checks the worker's layers with tests/julia/layers.jl: each module of julia/src uses only the modules
included before it, through what they export, in include order, and only C/ names libpython's symbols.
The checker is shown to catch each kind of violation on a copy of the sources."""

import shutil
import subprocess
from pathlib import Path

import pytest

from metapoly.locate import find_julia, julia_project_dir

LAYERS = Path(__file__).with_name("layers.jl")


def run_layers(*args):
    return subprocess.run([find_julia().path, "--startup-file=no", f"--project={julia_project_dir()}",
                           str(LAYERS), *args], capture_output=True, text=True, timeout=300)


def test_the_worker_is_layered():
    run = run_layers(str(julia_project_dir() / "src"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK:"), run.stdout + run.stderr


@pytest.fixture
def src(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(julia_project_dir() / "src", copy)
    return copy


def reported(src: Path) -> str:
    run = run_layers(str(src))
    assert run.returncode == 1, run.stdout + run.stderr
    return run.stdout


def test_a_layer_moved_below_its_users_is_reported(src):
    # The first layer included is the foundation the others build on. The include list is read from the
    # hub, so this follows any restructuring of julia/src.
    hub = src / "MetapolyWorker.jl"
    lines = hub.read_text().splitlines(keepends=True)
    includes = [i for i, line in enumerate(lines) if line.strip().startswith("include(")]
    first = lines.pop(includes[0])
    lines.insert(includes[-1], first)  # after the last include (indices shifted by the pop)
    hub.write_text("".join(lines))
    moved = Path(first.split('"')[1]).parent.name
    assert f"uses {moved}, which is included after it" in reported(src)


def test_a_read_of_another_layers_internals_is_reported(src):
    with open(src / "Requests" / "handlers.jl", "a") as f:
        f.write("pending_segments() = Stdio.SEGMENTS\nhas_segments() = !isempty(SEGMENTS)\n")
    out = reported(src)
    assert "Requests/handlers.jl reads Stdio.SEGMENTS, which Stdio does not export" in out
    assert "Requests/handlers.jl uses SEGMENTS of Stdio, which Stdio does not export" in out


def test_a_file_included_before_what_it_uses_is_reported(src):
    hub = src / "Convert" / "Convert.jl"
    text = hub.read_text()
    text = text.replace('include("shared.jl")\n', "")
    hub.write_text(text.replace('include("moves.jl")\n', 'include("moves.jl")\ninclude("shared.jl")\n'))
    assert "Convert/bridge.jl uses share_numpy, defined later in Convert/shared.jl" in reported(src)


def test_libpython_outside_the_c_layer_is_reported(src):
    with open(src / "Objects" / "py.jl", "a") as f:
        f.write("raw_incref(o) = ccall(:Py_IncRef, Cvoid, (Ptr{Cvoid},), o)\n")
    assert "names libpython's Py_IncRef outside C/" in reported(src)
