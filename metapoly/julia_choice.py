"""``metapoly julia PATH``: use a Julia that is not on PATH, without root.

PATH is an official Julia binary tarball (unpacked under the user's data directory), an unpacked Julia
directory, or a julia executable. The Julia is tried before it is recorded (in
:func:`metapoly.locate.chosen_julia_file`), so that a kernel started by Jupyter later finds a Julia that
runs. This is also how sites without network install Julia: copy the tarball, point metapoly at it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import Any

from .locate import chosen_julia_file, find_julia, julia_executable, runnable

OLDEST = (1, 5)


class ChoiceError(Exception):
    """A Julia that cannot be used, with what to do instead."""


def data_dir() -> Path:
    """Where tarballs are unpacked: ``$XDG_DATA_HOME/metapoly/julia`` (``~/.local/share/metapoly/julia``)."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "metapoly" / "julia"


def choose(source: str) -> tuple[str, str]:
    """Make ``source`` the Julia metapoly uses; returns its executable and version."""
    if not os.path.exists(source):
        raise ChoiceError(f"{source}: no such file or directory")
    if os.path.isfile(source) and tarfile.is_tarfile(source):
        executable, version = _unpack_and_try(Path(source))
    else:
        executable = os.path.abspath(julia_executable(source))
        version = julia_version(executable)
    record = chosen_julia_file()
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(executable + "\n")
    except OSError as exc:
        raise ChoiceError(f"Julia {version} at {executable} works, but could not be recorded in {record}: "
                          f"{exc}. Set METAPOLY_JULIA={executable} instead.") from None
    return executable, version


def forget() -> bool:
    """Forget the chosen Julia (``julia`` on PATH is used again); whether there was one."""
    record = chosen_julia_file()
    if not record.exists():
        return False
    record.unlink()
    return True


def julia_version(executable: str) -> str:
    """The version of the Julia at ``executable``, which must run and be new enough."""
    if not runnable(executable):
        raise ChoiceError(f"{executable} is not an executable file: give a Julia tarball, its unpacked "
                          "directory (with bin/julia) or a julia executable")
    try:
        ran = subprocess.run([executable, "--startup-file=no", "-e", "print(VERSION)"], capture_output=True,
                             text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChoiceError(f"{executable} does not run: {exc}") from None
    if ran.returncode != 0:
        raise ChoiceError(f"{executable} does not run (exit status {ran.returncode}): "
                          f"{(ran.stderr or ran.stdout).strip()[-800:]}")
    version = ran.stdout.strip()
    numbers = tuple(int(part) for part in version.split("-")[0].split(".")[:2] if part.isdigit())
    if numbers < OLDEST:
        oldest = ".".join(map(str, OLDEST))
        raise ChoiceError(f"{executable} is Julia {version}; metapoly needs Julia {oldest} or newer")
    return version


def _unpack_and_try(tarball: Path) -> tuple[str, str]:
    # Unpacked and tried in a scratch directory beside the destination, then renamed (official tarballs
    # are relocatable): a tarball that is cut short or holds no working Julia changes nothing, not even a
    # Julia of the same name unpacked earlier.
    target = data_dir()
    target.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=target))
    try:
        with tarfile.open(tarball) as archive:
            # ("data": no absolute paths, no links out of the directory, no device files. Pythons before
            # 3.10.12 lack filters.)
            options: dict[str, Any] = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            archive.extractall(scratch, **options)
        tops = [p for p in scratch.iterdir() if (p / "bin" / "julia").is_file()]
        if len(tops) != 1:
            raise ChoiceError(f"{tarball} is not a Julia binary tarball (no julia-x.y.z/bin/julia inside)")
        try:
            version = julia_version(str(tops[0] / "bin" / "julia"))
        except ChoiceError as exc:  # (named as in the tarball, not by the scratch directory)
            raise ChoiceError(str(exc).replace(str(tops[0]), f"{tarball}: {tops[0].name}")) from None
        final = target / tops[0].name
        if final.exists():
            shutil.rmtree(final)
        tops[0].rename(final)
        return str(final / "bin" / "julia"), version
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise ChoiceError(f"{tarball} could not be unpacked into {target}: {exc}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    """``metapoly julia [PATH | --forget]``: choose a Julia, forget the choice, or say which is used."""
    if not argv:
        found = find_julia()
        print(f"julia: {found.path} (from {found.how})" if found else f"julia: none. {found.how}")
        return 0 if found else 1
    if argv == ["--forget"]:
        print("Forgot the chosen Julia." if forget() else "No Julia was chosen.",
              f"Now: {find_julia().path or 'none found'}")
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: metapoly julia [PATH | --forget]   "
              "(PATH: a Julia tarball, its directory or executable)")
        return 2
    try:
        executable, version = choose(argv[0])
    except ChoiceError as exc:
        print(f"metapoly julia: {exc}")
        return 1
    print(f"metapoly will use Julia {version} at {executable} (recorded in {chosen_julia_file()}).")
    if os.environ.get("METAPOLY_JULIA"):
        print(f"METAPOLY_JULIA={os.environ['METAPOLY_JULIA']} is set, and comes first while it is.")
    print("Workers start faster from a system image built for it: "
          "python -m metapoly sysimage (a few minutes).")
    return 0
