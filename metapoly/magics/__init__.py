"""metapoly's magics: their base classes here, the magics themselves one per module (``<name>_magic.py``),
found and loaded by :func:`our_magic_modules`.

Each magic method's docstring is its ``%help`` text, with an example. What the worker's Python shares with
them, reading ``%py2jl`` and ``%jl2py`` arguments, is ``metapoly/magic_args.py``, which imports nothing of
MetaKernel's.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import TYPE_CHECKING, Any

from metakernel import ExceptionWrapper, Magic

from ..magic_args import parse_move_args, shorten

if TYPE_CHECKING:  # (the kernel imports the magics)
    from ..kernel import MetapolyKernel


def our_magic_modules() -> list[ModuleType]:
    """Every ``metapoly.magics.*_magic`` module, imported."""
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)
            if info.name.endswith("_magic")]


LANGUAGES = ("python", "julia")


class MetapolyMagic(Magic):
    """A magic that receives its argument line exactly as typed and fails cells with a real error.

    MetaKernel's own magics split and literal-eval their arguments (turning `"a b"` into `a b`) and report
    errors as red text in a cell that still succeeds; ours do neither.
    """

    kernel: MetapolyKernel

    def __init__(self, kernel: MetapolyKernel) -> None:
        super().__init__(kernel)
        self.retval: Any = None

    def call_magic(self, mtype: str, name: str, code: str, args: str) -> Magic:
        self.code = code
        self.retval = None
        self.evaluate = True
        try:
            self.dispatch(mtype, name, args)
        except Exception as exc:  # noqa: BLE001 -- a bug here must fail the cell, not the kernel
            self.fail(type(exc).__name__, str(exc))
        return self

    def dispatch(self, mtype: str, name: str, args: str) -> None:
        getattr(self, f"{mtype}_{name}")(args)

    def fail(self, ename: str, message: str) -> None:
        """End the cell with an error (a real error: status ``error``, one ``error`` message)."""
        self.retval = ExceptionWrapper(ename, message, [f"{ename}: {message}"])
        self.evaluate = False

    def post_process(self, retval: Any) -> Any:
        return self.retval if retval is None else retval


class LanguageMagic(MetapolyMagic):
    """Base of ``%LANG CODE`` / ``%%LANG`` magics. Subclasses set ``language`` and define the methods."""

    language = ""

    def dispatch(self, mtype: str, name: str, args: str) -> None:
        if mtype == "sticky":
            self._make_default(name)
            if not self.code.strip():
                return
            mtype = "cell"
        super().dispatch(mtype, name, args)

    def _make_default(self, name: str) -> None:
        # `%%%julia` is MetaKernel's "sticky" form; here it means: this language from now on.
        self.kernel.sticky_magics.pop(self.kernel.magic_prefixes["magic"] * 2 + name, None)
        self.kernel.default_language = self.language
        self.kernel.Print(f"{self.language.capitalize()} is now the default language of this notebook.")

    def run_line(self, args: str) -> None:
        """``%LANG CODE`` runs CODE; a bare ``%LANG`` first line runs the rest of the cell."""
        if args.strip():
            # The lines after a one-line magic run in the default language, unless this one failed; as in
            # IPython, only the last line of a cell shows its value.
            self.run(args, show_value=not self.code.strip())
            self.evaluate = not isinstance(self.retval, ExceptionWrapper)
        else:
            self.run(self.code)
            self.evaluate = False

    def run_cell(self, args: str) -> None:
        """``%%LANG`` runs the rest of the cell; it takes no arguments."""
        if args.strip():
            return self.fail("UsageError", f"%%{self.language} takes no arguments (got {shorten(args)}); "
                             f"the {self.language.capitalize()} code goes on the lines below it")
        self.run(self.code)
        self.evaluate = False

    def run(self, code: str, show_value: bool = True, variables: dict | None = None) -> None:
        if not code.strip():
            return self.fail("UsageError", f"no {self.language.capitalize()} code to run: write "
                             f"%{self.language} CODE, or %%{self.language} with the code on the lines below")
        self.retval = self.kernel.run_cell(self.language, code, show_value, variables)


class BridgeMagic(MetapolyMagic):
    """Base of %py2jl and %jl2py: ``[--copy] NAME[=OTHER] ...``."""

    direction = ""

    def move(self, args: str) -> None:
        try:
            options, names = parse_move_args(args, self.direction)
        except ValueError as exc:
            return self.fail("UsageError", str(exc))
        self.retval = self.kernel.bridge(self.direction, names, options)
        self.evaluate = self.retval is None
