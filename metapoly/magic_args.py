"""Reading magic arguments, for the front end's magics and for the worker's (``%py2jl`` and ``%jl2py``
inside Python code, where IPython meets them): one reading of ``[--copy] NAME[=OTHER] ...`` for both, and
of ``%%julia``'s variables."""

from __future__ import annotations

import keyword


def shorten(text: str, limit: int = 60) -> str:
    """``text`` quoted for an error message, cut to ``limit`` characters (arguments can be huge)."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "...")


def parse_cell_variables(args: str) -> dict[str, list[str]]:
    """The Python variables of a ``%%julia`` line, read as juliacall's IPython magic reads them: ``<NAME``
    goes into Julia before the cell (``"in"``), ``>NAME`` comes out after it (``"out"``), a bare ``NAME``
    does both (``"sync"``: in if Python has it, out if the cell rebound it). Raises :class:`ValueError`
    saying what is wrong."""
    variables: dict[str, list[str]] = {"in": [], "out": [], "sync": []}
    for word in args.split():
        kind, name = {"<": "in", ">": "out"}.get(word[0], "sync"), word.lstrip("<>")
        if not name.isidentifier() or len(word) - len(name) > 1 or keyword.iskeyword(name):
            raise ValueError(f"{shorten(word)} is not a variable: %%julia takes Python names, NAME (into "
                             "Julia and back out), <NAME (into Julia) or >NAME (out of Julia)")
        variables[kind].append(name)
    return variables


def parse_move_args(args: str, magic: str) -> tuple[bool, list[tuple[str, str]]]:
    """The arguments of ``%py2jl`` or ``%jl2py`` (``magic``): whether ``--copy`` was given, and the
    ``(source, target)`` name pairs. Raises :class:`ValueError` saying what is wrong."""
    copy, names = False, []
    for word in args.split():
        if word == "--copy":
            copy = True
        elif word.startswith("-"):
            raise ValueError(f"unknown option {shorten(word)}; the only option is --copy")
        else:
            source, _, target = word.partition("=")
            if not source or (target == "" and "=" in word):
                raise ValueError(f"{shorten(word)}: write NAME or NAME=OTHER")
            names.append((source, target or source))
    if not names:
        raise ValueError(f"%{magic} needs at least one variable name, e.g. %{magic} x")
    return copy, names
