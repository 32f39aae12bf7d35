"""``metapoly julia PATH``: a Julia tarball, unpacked directory or executable, used without root.

No official Julia tarball can be downloaded here, so the tests make one the way official ones are laid out:
a top directory ``julia-x.y.z`` holding the running Julia's executable, its libraries (with the libunwind
it runs with, as official tarballs carry theirs) and its ``share/julia``, relative paths kept. Relocated,
it runs only from itself, as an official one does.
"""

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from metapoly.locate import find_julia

# The running Julia's files, relative to its prefix: the executable, libjulia, the private library
# directory (where the system image is) and the shared data, and the libunwind it loads. (Libraries by the
# name they were loaded by, their soname.)
JULIA_FILES = """
using Libdl
loaded(name) = first(filter(l -> occursin(name, basename(l)), dllist()))
println(realpath(joinpath(Sys.BINDIR, "julia")))
println(joinpath(realpath(dirname(loaded("libjulia"))), basename(loaded("libjulia"))))
println(realpath(dirname(unsafe_string(Base.JLOptions().image_file))))
println(realpath(joinpath(Sys.BINDIR, Base.DATAROOTDIR, "julia")))
println(loaded("libunwind"))
print(VERSION)
"""


@pytest.fixture(scope="module")
def julia_tarball(tmp_path_factory) -> tuple[Path, str]:
    """A tarball of the running Julia in an official tarball's shape, and that Julia's version."""
    lines = subprocess.run([find_julia().path, "--startup-file=no", "-e", JULIA_FILES], capture_output=True,
                           text=True, check=True, timeout=120).stdout.splitlines()
    executable, libjulia, private, share, libunwind, version = lines
    prefix = Path(executable).parent.parent
    top = f"julia-{version}"
    tarball = tmp_path_factory.mktemp("tarball") / f"{top}-linux-x86_64.tar.gz"
    # (Links dereferenced: Debian's library directory links to system libraries by absolute or `..` paths;
    # an official tarball holds the libraries themselves.)
    with tarfile.open(tarball, "w:gz", compresslevel=1, dereference=True) as archive:
        for path, place in ((executable, executable), (private, private), (share, share),
                            (libjulia, libjulia), (libunwind, f"{private}/{Path(libunwind).name}")):
            archive.add(path, arcname=f"{top}/{Path(place).relative_to(prefix)}")
    return tarball, version


@pytest.fixture
def user_dirs(monkeypatch, tmp_path) -> dict:
    """The user's configuration and data directories, empty, for this test alone."""
    dirs = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    for name, value in dirs.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("METAPOLY_JULIA", raising=False)
    return dirs


def metapoly(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "metapoly", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def test_a_julia_tarball_is_unpacked_for_the_user_and_kernels_use_it(julia_tarball, user_dirs, env_kernel):
    tarball, version = julia_tarball
    chosen = metapoly("julia", tarball)
    unpacked = Path(user_dirs["XDG_DATA_HOME"]) / "metapoly" / "julia" / f"julia-{version}"
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert f"metapoly will use Julia {version} at {unpacked}/bin/julia" in chosen.stdout
    assert os.listdir(unpacked.parent) == [unpacked.name]  # (no unpacking leftovers)
    assert f"julia: {unpacked}/bin/julia (from `metapoly julia`" in metapoly("julia").stdout

    # A kernel Jupyter starts finds it (through the record, not the environment), and it works: Julia code
    # that throws and catches, Python beside it.
    session = env_kernel(user_dirs)
    result = session.ok('%julia Sys.BINDIR, (try error("e") catch; :caught end), pyeval(Int, "2 ** 10")')
    assert result.result == f'("{unpacked}/bin", :caught, 1024)'


def test_choosing_the_same_tarball_again_replaces_its_directory(julia_tarball, user_dirs):
    tarball, version = julia_tarball
    assert metapoly("julia", tarball).returncode == 0
    unpacked = Path(user_dirs["XDG_DATA_HOME"]) / "metapoly" / "julia" / f"julia-{version}"
    (unpacked / "stale").write_text("")
    assert metapoly("julia", tarball).returncode == 0
    assert not (unpacked / "stale").exists() and (unpacked / "bin" / "julia").exists()


def test_an_unpacked_directory_or_an_executable_is_used_where_it_is(julia_tarball, user_dirs, tmp_path):
    tarball, version = julia_tarball
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "opt", filter="data")
    directory = tmp_path / "opt" / f"julia-{version}"
    for given in (directory, directory / "bin" / "julia"):
        chosen = metapoly("julia", given)
        assert chosen.returncode == 0 and f"at {directory}/bin/julia" in chosen.stdout, chosen.stdout
    assert not Path(user_dirs["XDG_DATA_HOME"]).exists()  # (nothing unpacked)
    forgotten = metapoly("julia", "--forget")
    assert "Forgot the chosen Julia" in forgotten.stdout
    assert find_julia().how == "PATH"


def _tarball(path: Path, members: dict[str, str], links: dict | None = None) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, text in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(text), 0o755
            archive.addfile(info, io.BytesIO(text.encode()))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return path


@pytest.mark.fast
@pytest.mark.parametrize("members, links, says", [
    ({"README": "not julia"}, {}, "not a Julia binary tarball"),
    ({"julia-9.0.0/bin/julia": "#!/bin/sh\nprint(VERSION)"}, {"julia-9.0.0/lib/evil": "/etc/passwd"},
     "could not be unpacked"),
    ({"julia-1.4.2/bin/julia": "#!/bin/sh\nprintf 1.4.2"}, {}, "metapoly needs Julia 1.5 or newer"),
    ({"julia-1.9.0/bin/julia": "#!/bin/sh\necho 'libjulia.so.1: cannot open' >&2; exit 127"}, {},
     "does not run (exit status 127): libjulia.so.1: cannot open"),
])
def test_a_tarball_that_is_not_a_usable_julia_is_refused_and_leaves_nothing(members, links, says, user_dirs,
                                                                             tmp_path):
    chosen = metapoly("julia", _tarball(tmp_path / "julia.tar.gz", members, links))
    assert chosen.returncode == 1 and says in chosen.stdout, chosen.stdout + chosen.stderr
    unpacked = Path(user_dirs["XDG_DATA_HOME"]) / "metapoly" / "julia"
    assert list(unpacked.iterdir()) == []
    assert not (Path(user_dirs["XDG_CONFIG_HOME"]) / "metapoly" / "julia").exists()


@pytest.mark.fast
def test_a_chosen_julia_that_is_gone_says_how_to_choose_again(user_dirs, tmp_path):
    julia = _tarball(tmp_path / "j.tar.gz", {"julia-1.6.0/bin/julia": "#!/bin/sh\nprintf 1.6.0"})
    assert metapoly("julia", julia).returncode == 0
    assert find_julia().how.startswith("`metapoly julia`")
    (Path(user_dirs["XDG_DATA_HOME"]) / "metapoly" / "julia" / "julia-1.6.0" / "bin" / "julia").unlink()
    found = find_julia()
    assert not found and "is gone" in found.how and "metapoly julia --forget" in found.how


@pytest.mark.fast
@pytest.mark.parametrize("args", [["a", "b"], ["--bogus"]])
def test_wrong_arguments_print_the_usage(args):
    done = metapoly("julia", *args)
    assert done.returncode == 2 and "usage: metapoly julia [PATH | --forget]" in done.stdout


@pytest.mark.fast
def test_a_rejected_tarball_leaves_the_julia_chosen_before_untouched(user_dirs, tmp_path):
    good = _tarball(tmp_path / "good.tar.gz", {"julia-1.6.0/bin/julia": "#!/bin/sh\nprintf 1.6.0"})
    old = _tarball(tmp_path / "old.tar.gz", {"julia-1.6.0/bin/julia": "#!/bin/sh\nprintf 1.4.0"})
    assert metapoly("julia", good).returncode == 0
    chosen = find_julia().path
    rejected = metapoly("julia", old)
    assert rejected.returncode == 1
    assert f"{old}: julia-1.6.0/bin/julia is Julia 1.4.0; metapoly needs Julia 1.5 or newer" in \
        rejected.stdout
    assert find_julia().path == chosen and os.path.isfile(chosen)


@pytest.mark.fast
def test_a_tarball_cut_short_is_one_line_of_error(user_dirs, tmp_path):
    whole = _tarball(tmp_path / "whole.tar.gz", {"julia-1.6.0/bin/julia": "#!/bin/sh\nprintf 1.6.0\n" * 4000})
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    done = metapoly("julia", cut)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.startswith(f"metapoly julia: {cut} could not be unpacked")
    assert done.stdout.count("\n") == 1
