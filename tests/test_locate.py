"""Finding Julia, libpython and the shipped files."""

import os
import sysconfig

from metapoly.locate import find_julia, find_libpython, julia_project_dir, kernelspec_dir


def test_metapoly_julia_comes_first(fake_julia):
    fake = fake_julia("")
    found = find_julia()
    assert found.path == fake and found.how == "METAPOLY_JULIA"


def test_a_bad_metapoly_julia_is_reported_not_ignored(monkeypatch):
    monkeypatch.setenv("METAPOLY_JULIA", "/no/such/julia")
    found = find_julia()
    assert not found and "/no/such/julia" in found.how and "install" in found.how.lower()


def test_julia_from_path(monkeypatch):
    monkeypatch.delenv("METAPOLY_JULIA", raising=False)
    found = find_julia()
    assert found.how == "PATH" and os.access(found.path, os.X_OK)


def test_no_julia_at_all_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.delenv("METAPOLY_JULIA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = find_julia()
    assert not found and "scripts/install-julia.sh" in found.how and "metapoly julia PATH" in found.how


def test_libpython_is_this_interpreters():
    found = find_libpython()
    assert found and os.path.basename(found.path) == sysconfig.get_config_var("LDLIBRARY")


def test_a_python_without_shared_libpython_is_explained(monkeypatch):
    real = sysconfig.get_config_var
    monkeypatch.setattr(sysconfig, "get_config_var",
                        lambda name: 0 if name == "Py_ENABLE_SHARED" else real(name))
    found = find_libpython()
    assert not found and "shared libpython" in found.how and "--enable-shared" in found.how


def test_shipped_files_exist():
    assert (julia_project_dir() / "Project.toml").exists()
    assert (julia_project_dir() / "src" / "MetapolyWorker.jl").exists()
    assert (kernelspec_dir() / "kernel.json").exists()
