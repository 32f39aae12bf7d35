"""Which language a cell is written in, read from its leading magic lines as the kernel reads them.

The kernel runs a cell's leading ``%`` lines one after the other (MetaKernel's loop) and the rest in the
default language. A cell's language is that of the code it is made of: the whole cell's for ``%%julia``,
``%%%julia`` or a bare ``%julia`` line; otherwise that of the lines after the magics, in the default in
force there (which a ``%default`` line above them may have set); for a cell of magic lines only, the last
``%julia CODE`` or ``%python CODE`` line's, if any. The JupyterLab extension applies the same rule
(``labextension/src/cellLanguage.ts``); ``tests/cell_language_cases.json`` holds the cases both pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LANGUAGES = ("python", "julia")
# A leading line: `%name args`, `%%name args` or `%%%name args` (MetaKernel's sticky form).
_MAGIC = re.compile(r"(%{1,3})([A-Za-z_]\w*)(.*)")
# metapoly's magics that run no code of their own and leave the rest of the cell to run (`%default`,
# `%restart` and the language magics are read for their effect).
_PASSING = {"py2jl", "jl2py", "vars", "help", "lsmagic"}


@dataclass(frozen=True)
class Decision:
    """A cell's ``language``, the default ``default_after`` it leaves for the cells below, and how many of
    its first lines are magic lines (``magic_lines``)."""

    language: str
    default_after: str
    magic_lines: int


def decide(source: str, default: str) -> Decision:
    """The language of the cell ``source`` in a notebook whose default, above it, is ``default``."""
    lines = source.split("\n")
    line_language = None  # that of the last `%julia CODE` / `%python CODE` line
    for index, line in enumerate(lines):
        match = _MAGIC.fullmatch(line)
        if not match:
            # The rest runs in the default language (a `!` line or another magic goes to IPython, or is
            # an error in a Julia cell).
            rest = "\n".join(lines[index:])
            if rest.strip() or line_language is None:
                return Decision(default, default, index)
            return Decision(line_language, default, index)
        percents, name, args = match.groups()
        if name in LANGUAGES:
            if percents == "%%%":
                return Decision(name, name, index + 1)
            if percents == "%%" or not args.strip():
                return Decision(name, default, index + 1)
            line_language = name
        elif percents != "%":
            return Decision(default, default, index)  # another cell magic: IPython's, in the default
        elif name == "default" and args.strip().lower() in LANGUAGES:
            default = args.strip().lower()
        elif name == "restart":
            default = "python"
        elif name not in _PASSING and name != "default":
            return Decision(default, default, index)
    return Decision(line_language or default, default, len(lines))


def notebook_languages(sources: Iterable[str], default: str = "python") -> list[str]:
    """The languages of a notebook's code cells, given their ``sources`` from the top."""
    languages = []
    for source in sources:
        decision = decide(source, default)
        languages.append(decision.language)
        default = decision.default_after
    return languages
