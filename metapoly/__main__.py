"""``python -m metapoly``: run the kernel, or ``install`` its kernelspec, or ``check`` the installation."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["install"]:
        return _install(argv[1:])
    if argv[:1] == ["check"]:
        from .check import run_check

        return run_check()
    from .app import MetapolyApp
    from .kernel import MetapolyKernel

    # Anything else is the kernel's own command line (`-f CONNECTION_FILE`, as in kernel.json).
    MetapolyApp.launch_instance(kernel_class=MetapolyKernel, app_name=MetapolyKernel.app_name)
    return 0


def _install(argv: list[str]) -> int:
    from .install import install_kernelspec

    parser = argparse.ArgumentParser(prog="python -m metapoly install",
                                     description="Install the metapoly kernelspec for Jupyter.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for the current user only")
    where.add_argument("--sys-prefix", action="store_true",
                       help="install into this Python environment (sys.prefix), e.g. a virtualenv")
    where.add_argument("--prefix", help="install under PREFIX/share/jupyter/kernels")
    args = parser.parse_args(argv)
    path = install_kernelspec(user=args.user, prefix=sys.prefix if args.sys_prefix else args.prefix)
    print(f"Installed the metapoly kernelspec in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
