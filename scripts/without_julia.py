"""Run a command with Julia out of reach, as on a machine without it: `make test` runs the fast tier so.

    python scripts/without_julia.py COMMAND [ARG...]

Every way metapoly finds a Julia (metapoly/locate.py) is closed: METAPOLY_JULIA is unset, the Julia chosen
with `metapoly julia` is hidden (XDG_CONFIG_HOME is an empty directory), and PATH is a directory of links
to every program on PATH but `julia`. The command's exit status is this script's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def without_julia(directory: Path) -> dict[str, str]:
    """This process's environment with Julia out of reach; ``directory`` (empty) receives the links."""
    programs = directory / "bin"
    programs.mkdir()
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(entry):
            continue
        for name in sorted(os.listdir(entry)):
            path = os.path.join(entry, name)
            link = programs / name
            if name.startswith("julia") or link.exists() or link.is_symlink():
                continue  # (the first of a name on PATH is the one found, as without the links)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                link.symlink_to(path)
    config = directory / "config"
    config.mkdir()
    env = {**os.environ, "PATH": str(programs), "XDG_CONFIG_HOME": str(config)}
    env.pop("METAPOLY_JULIA", None)
    return env


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="without-julia-") as directory:
        env = without_julia(Path(directory))
        found = subprocess.run([sys.executable, "-c", "from metapoly.locate import find_julia\n"
                                "print(find_julia().path or '')"], env=env, capture_output=True, text=True)
        if found.returncode != 0 or found.stdout.strip():
            print(f"without_julia: Julia is still reachable: {found.stdout.strip() or found.stderr.strip()}",
                  file=sys.stderr)
            return 1
        return subprocess.run(argv, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
