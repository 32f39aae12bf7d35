"""Installing the kernelspec the way Jupyter expects."""

import json
import os
import subprocess
import sys

import pytest
from jupyter_client.kernelspec import KernelSpecManager

from metapoly.__main__ import main


def test_install_into_a_prefix(tmp_path):
    out = subprocess.run([sys.executable, "-m", "metapoly", "install", "--prefix", str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "metapoly"
    assert str(spec_dir) in out
    spec = json.loads((spec_dir / "kernel.json").read_text())
    # Pinned to the Python that has metapoly, whichever Jupyter starts it.
    assert spec["argv"] == [sys.executable, "-m", "metapoly", "-f", "{connection_file}"]
    assert spec["interrupt_mode"] == "message"
    assert (spec_dir / "logo-64x64.png").exists()
    found = KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]).get_kernel_spec("metapoly")
    assert found.display_name == "Metapoly (Python + Julia)" and found.language == "python"


def test_install_is_idempotent(tmp_path):
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "metapoly", "install", "--prefix", str(tmp_path)], check=True,
                       capture_output=True)


def test_install_rejects_two_destinations(tmp_path):
    run = subprocess.run([sys.executable, "-m", "metapoly", "install", "--user", "--prefix", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode != 0 and "not allowed with" in run.stderr


@pytest.mark.fast
def test_a_plain_install_is_for_the_user_unless_root(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert main(["install"]) == 0
    assert (tmp_path / "kernels" / "metapoly" / "kernel.json").exists()


@pytest.mark.fast
def test_the_command_describes_itself(capsys):
    for argv in ([], ["--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "metapoly install" in out and "metapoly check" in out and "metapoly sysimage" in out


@pytest.mark.fast
@pytest.mark.parametrize("argv", [["bogus"], ["julia-x"], ["--bogus"]])
def test_a_mistyped_command_says_so_and_starts_no_kernel(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"metapoly: unknown command {' '.join(argv)!r}") and "metapoly install" in err
