"""Where metapoly finds things: Julia, libpython, and the files it ships (worker, kernelspec)."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

JULIA_INSTALL_HINT = (
    "Install Julia 1.5 or newer and put `julia` on PATH, or tell metapoly where one is, no root needed: "
    "`python -m metapoly julia PATH`, where PATH is an official Julia tarball "
    "(julia-x.y.z-linux-x86_64.tar.gz, unpacked for you), its unpacked directory, or a julia executable. "
    "On Debian, `bash scripts/install-julia.sh` from the metapoly checkout (run by `make demo` and "
    "`make test`) installs one."
)


def _shipped(name: str) -> Path:
    # In a wheel the files live inside the package (metapoly/_shipped/NAME); in a source checkout or an
    # editable install, beside the package.
    inside = _PACKAGE_DIR / "_shipped" / name
    return inside if inside.exists() else _PACKAGE_DIR.parent / name


def julia_project_dir() -> Path:
    """The Julia project of the worker (``julia/``: ``Project.toml`` and ``src/``)."""
    return _shipped("julia")


def kernelspec_dir() -> Path:
    """The kernelspec template (``kernel.json`` and logos)."""
    return _shipped("kernelspec")


@dataclass
class Found:
    """The result of looking for something: a path, or the reason there is none."""

    path: str | None
    how: str

    def __bool__(self) -> bool:
        return self.path is not None


def chosen_julia_file() -> Path:
    """Where ``metapoly julia`` records the Julia it was told to use: ``$XDG_CONFIG_HOME/metapoly/julia``."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "metapoly" / "julia"


def julia_executable(path: str) -> str:
    """``path`` itself, or ``path/bin/julia`` for a Julia directory (an unpacked tarball)."""
    inside = os.path.join(path, "bin", "julia")
    return inside if os.path.isdir(path) else path


def runnable(path: str) -> bool:
    """Whether ``path`` is an executable file."""
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_julia() -> Found:
    """Julia from ``METAPOLY_JULIA`` (an executable or a Julia directory), else the one chosen with
    ``metapoly julia``, else ``julia`` on PATH."""
    configured = os.environ.get("METAPOLY_JULIA")
    if configured:
        if runnable(julia_executable(configured)):
            return Found(julia_executable(configured), "METAPOLY_JULIA")
        return Found(None, f"METAPOLY_JULIA={configured!r} is not a julia executable or a Julia directory. "
                           f"{JULIA_INSTALL_HINT}")
    chosen_file = chosen_julia_file()
    if chosen_file.is_file():
        chosen = chosen_file.read_text().strip()
        if runnable(chosen):
            return Found(chosen, f"`metapoly julia`, recorded in {chosen_file}")
        return Found(None, f"{chosen!r}, the Julia chosen with `metapoly julia` (recorded in {chosen_file}), "
                           "is gone. Choose another with `python -m metapoly julia PATH`, or forget it with "
                           "`python -m metapoly julia --forget` to use `julia` on PATH.")
    on_path = shutil.which("julia")
    if on_path:
        return Found(on_path, "PATH")
    return Found(None, f"No `julia` was found on PATH. {JULIA_INSTALL_HINT}")


def find_libpython() -> Found:
    """The shared libpython of the interpreter running this front end (the worker embeds the same one),
    or ``METAPOLY_LIBPYTHON`` (which must be the same Python version)."""
    configured = os.environ.get("METAPOLY_LIBPYTHON")
    if configured:
        if os.path.isfile(configured):
            return Found(configured, "METAPOLY_LIBPYTHON")
        return Found(None, f"METAPOLY_LIBPYTHON={configured!r} is not a file.")
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    name = sysconfig.get_config_var("LDLIBRARY") or ""
    shared_library = name.endswith((".so", ".dylib")) or ".so." in name
    if not sysconfig.get_config_var("Py_ENABLE_SHARED") or not shared_library:
        return Found(
            None,
            f"This Python ({sys.executable}) was built without a shared libpython, so the Julia worker "
            "cannot embed it. Use a Python built with --enable-shared (Debian's python3, or pyenv with "
            "PYTHON_CONFIGURE_OPTS=--enable-shared).",
        )
    for candidate in (Path(libdir) / name, Path(sys.base_prefix) / "lib" / name):
        if candidate.exists():
            return Found(str(candidate), "sysconfig")
    return Found(None, f"libpython ({name}) was not found in {libdir}.")
