"""Reading magic arguments, for the front end's magics and for the worker's (``%py2jl`` and ``%jl2py``
inside Python code, where IPython meets them): one reading of ``[--copy] NAME[=OTHER] ...`` for both."""

from __future__ import annotations


def shorten(text: str, limit: int = 60) -> str:
    """``text`` quoted for an error message, cut to ``limit`` characters (arguments can be huge)."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "...")


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
