"""``python -m metapoly``: run the kernel, or ``install`` its kernelspec, ``check`` the installation, choose
its ``julia``, or build the worker's ``sysimage``."""

from __future__ import annotations

import argparse
import os
import sys
import time

USAGE = """\
metapoly: a Jupyter kernel in which Python and Julia cells share one process.

usage:
  metapoly install [--user | --sys-prefix | --prefix PATH]
                     register the kernel with Jupyter (for this user unless run as root)
  metapoly check     diagnose the installation: the Julia and libpython found, the system image, a cell in
                     each language through a real worker
  metapoly julia [PATH | --forget]
                     use this Julia, no root needed: an official Julia tarball (unpacked under
                     ~/.local/share/metapoly), its unpacked directory, or a julia executable; without PATH,
                     say which Julia is used and why
  metapoly sysimage  build the worker's system image (a few minutes, once), so that workers start fast
  metapoly -f CONNECTION_FILE
                     run the kernel; Jupyter does this (the kernelspec's command), not users

Then pick "Metapoly (Python + Julia)" in JupyterLab, Notebook, VS Code or `jupyter console --kernel metapoly`.
`python -m metapoly` is the same command."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if argv[:1] == ["install"]:
        return _install(argv[1:])
    if argv[:1] == ["check"]:
        from .check import run_check

        return run_check()
    if argv[:1] == ["julia"]:
        from .julia_choice import main as julia_main

        return julia_main(argv[1:])
    if argv[:1] == ["sysimage"]:
        return _sysimage(argv[1:])
    # Otherwise it is the kernel's own command line (`-f CONNECTION_FILE`, as in kernel.json). Without a
    # connection file it is a mistyped command, not a kernel nobody could connect to.
    connection_file = ("-f=", "--f=", "--IPKernelApp.connection_file")
    if not any(arg == "-f" or arg.startswith(connection_file) for arg in argv):
        print(f"metapoly: unknown command {' '.join(argv)!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    # The worker starts first: it gets ready while the front end imports Jupyter's machinery.
    started = _start_worker() if "-f" in argv else None
    # The worker's debugger (pydevd) would warn on stderr that it may miss breakpoints in frozen modules:
    # they are the standard library's, where nobody sets one.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    from .app import MetapolyApp
    from .kernel import MetapolyKernel

    MetapolyKernel.started_worker = started
    MetapolyApp.launch_instance(kernel_class=MetapolyKernel, app_name=MetapolyKernel.app_name)
    return 0


def _start_worker():
    from .session import WorkerSession

    session = WorkerSession()
    session.start()
    return session


def _install(argv: list[str]) -> int:
    from .install import install_kernelspec

    parser = argparse.ArgumentParser(prog="python -m metapoly install",
                                     description="Install the metapoly kernelspec for Jupyter.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true",
                       help="install for the current user only (the default, unless run as root)")
    where.add_argument("--sys-prefix", action="store_true",
                       help="install into this Python environment (sys.prefix), e.g. a virtualenv")
    where.add_argument("--prefix", help="install under PREFIX/share/jupyter/kernels")
    args = parser.parse_args(argv)
    prefix = sys.prefix if args.sys_prefix else args.prefix
    # Writing system-wide needs root: anyone else's plain `install` is for themselves.
    user = args.user or (prefix is None and os.geteuid() != 0)
    path = install_kernelspec(user=user, prefix=prefix)
    print(f"Installed the metapoly kernelspec in {path}")
    return 0


def _sysimage(argv: list[str]) -> int:
    from .locate import find_julia
    from .sysimage_build import BuildError, build

    description = ("Build the worker's system image for the Julia metapoly finds (once per Julia and "
                   "worker version: a few minutes), so that workers start in a fraction of a second. Without "
                   "one they start all the same, slower.")
    argparse.ArgumentParser(prog="python -m metapoly sysimage", description=description).parse_args(argv)
    julia = find_julia()
    if julia.path is None:
        print(f"metapoly: no system image: {julia.how}")
        return 1
    started = time.monotonic()
    try:
        path = build(julia.path, log=lambda line: print(f"metapoly: {line}", flush=True))
    except BuildError as exc:
        print(f"metapoly: no system image ({exc}); workers start without one, slower.")
        return 1
    size = os.path.getsize(path) / 1e6
    print(f"metapoly: system image ready after {time.monotonic() - started:.0f} s ({size:.0f} MB): {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
