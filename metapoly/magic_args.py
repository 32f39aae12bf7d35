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


# %jl2py's options that ask for a library's tables, through Arrow.
LIBRARY_OPTIONS = {"--arrow": "pyarrow", "--polars": "polars"}


def parse_move_args(args: str, magic: str) -> tuple[dict, list[tuple[str, str]]]:
    """The arguments of ``%py2jl`` or ``%jl2py`` (``magic``): the options (``{"copy": bool}``, and for
    ``%jl2py`` ``"library"``: None, "pyarrow" for ``--arrow``, "polars" for ``--polars``), and the
    ``(source, target)`` name pairs. Raises :class:`ValueError` saying what is wrong."""
    options: dict = {"copy": False, "library": None}
    names = []
    known = ["--copy", *LIBRARY_OPTIONS] if magic == "jl2py" else ["--copy"]
    for word in args.split():
        if word == "--copy":
            options["copy"] = True
        elif word in LIBRARY_OPTIONS and magic == "jl2py":
            if options["library"] not in (None, LIBRARY_OPTIONS[word]):
                raise ValueError("choose one of --arrow and --polars")
            options["library"] = LIBRARY_OPTIONS[word]
        elif word in LIBRARY_OPTIONS:
            raise ValueError(f"{word} is an option of %jl2py; Arrow data crosses into Julia without copies "
                             f"as it is (%{magic} NAME)")
        elif word.startswith("-"):
            raise ValueError(f"unknown option {shorten(word)}; the options are {', '.join(known)}")
        else:
            source, _, target = word.partition("=")
            if not source or (target == "" and "=" in word):
                raise ValueError(f"{shorten(word)}: write NAME or NAME=OTHER")
            names.append((source, target or source))
    if not names:
        raise ValueError(f"%{magic} needs at least one variable name, e.g. %{magic} x")
    if options["copy"] and options["library"]:
        raise ValueError("--copy and --arrow/--polars do not go together: Arrow shares what it can")
    return options, names
