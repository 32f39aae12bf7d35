"""Tab completion, Shift-Tab inspection, ``?name`` help and is_complete, by the language at the cursor.

A cell mixes languages: a ``%%julia`` first line makes it Julia, a ``%python CODE`` line is Python, and a
``%py2jl`` line names Python variables. :func:`span_at` finds which language (or magic name) the cursor is
in; the worker answers for the languages, the front end for magic names. Positions are Jupyter's: counts of
characters (code points), as Python indexes strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from IPython.core.inputtransformer2 import TransformerManager

from . import protocol
from .cell_language import decide
from .worker_errors import WorkerError

# Line magics whose argument is code (or names) of one language.
_LINE_LANGUAGES = {"python": "python", "julia": "julia", "py2jl": "python", "jl2py": "julia"}
# A first line that makes the whole cell one language: %%julia, %%%julia (sticky), or a bare %julia.
_CELL_MAGIC = re.compile(r"\s*(%%%?(python|julia)|%(python|julia))\s*$")
# IPython's input transformations, for is_complete (as ipykernel's shell has them).
_IPYTHON_INPUT = TransformerManager()
# `?name`, `??name`, `name?`, `name??`: a request for help instead of code to run.
_HELP = re.compile(r"\s*(\?{1,2})\s*([^\s?].*?)\s*$|\s*([^\s?].*?)\s*(\?{1,2})\s*$")


@dataclass
class Span:
    """The part of a cell the cursor is in: ``code`` in ``language`` ("python", "julia" or "magic"),
    starting at character ``offset`` of the cell."""

    language: str
    code: str
    offset: int


def span_at(cell: str, cursor: int, default: str) -> Span:
    """The span of ``cell`` around character ``cursor``, for a notebook whose default is ``default``."""
    line_start = cell.rfind("\n", 0, cursor) + 1
    line_end = cell.find("\n", cursor)
    line = cell[line_start:len(cell) if line_end < 0 else line_end]
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if stripped.startswith("%"):
        word = stripped.split(None, 1)[0]
        name_end = indent + len(word)
        if cursor - line_start <= name_end:  # on the magic's name
            return Span("magic", line[indent:cursor - line_start], line_start + indent)
        name = word.lstrip("%")
        if name in _LINE_LANGUAGES and not word.startswith("%%"):
            return Span(_LINE_LANGUAGES[name], line[name_end + 1:], line_start + name_end + 1)
    language = decide(cell, default).language
    # Magic and shell lines are blanked to comments of the same length, so that offsets stay those of the
    # cell (and `#` starts a comment in both languages).
    code = "\n".join("#" + text[1:] if text.startswith(("%", "!")) else text for text in cell.split("\n"))
    return Span(language, code, 0)


def parse_help(code: str) -> tuple[str, int] | None:
    """``(name, level)`` if ``code`` asks for help (``?x``: level 0, ``??x``: 1), else ``None``."""
    match = _HELP.fullmatch(code)
    if not match or "\n" in code.strip():
        return None
    marks, name = (match.group(1), match.group(2)) if match.group(2) else (match.group(4), match.group(3))
    return name, len(marks) - 1


def no_matches(cursor: int) -> dict[str, Any]:
    """A valid empty ``complete_reply``."""
    return {"status": "ok", "matches": [], "cursor_start": cursor, "cursor_end": cursor, "metadata": {}}


def complete(kernel, cell: str, cursor: int | None) -> dict[str, Any]:
    """The ``complete_reply`` content for the cursor at ``cursor`` of ``cell``."""
    cursor = len(cell) if cursor is None else max(0, min(cursor, len(cell)))
    span = span_at(cell, cursor, kernel.default_language)
    if span.language == "magic":
        return _complete_magic(kernel, cell, span.code, span.offset, cursor)
    if not cell[cell.rfind("\n", 0, cursor) + 1:cursor].strip():  # nothing typed on this line yet
        return no_matches(cursor)
    reply = _ask(kernel, protocol.COMPLETE_REQUEST, span, cursor - span.offset)
    if not reply or not reply.get("matches"):
        return no_matches(cursor)
    metadata = reply.get("metadata") or {}
    for item in metadata.get("_jupyter_types_experimental", []):
        item["start"] += span.offset
        item["end"] += span.offset
    return {"status": "ok", "matches": reply["matches"], "cursor_start": reply["cursor_start"] + span.offset,
            "cursor_end": reply["cursor_end"] + span.offset, "metadata": metadata}


def _complete_magic(kernel, cell: str, typed: str, start: int, cursor: int) -> dict[str, Any]:
    # Ours, and in Python cells IPython's (which the worker's completer knows, with loaded extensions').
    prefix = typed[:len(typed) - len(typed.lstrip("%"))]
    tables = {"%": kernel.line_magics, "%%": kernel.cell_magics}
    names = {prefix + n for n in tables.get(prefix, {}) if (prefix + n).startswith(typed)}
    if decide(cell, kernel.default_language).language == "python":
        reply = _ask(kernel, protocol.COMPLETE_REQUEST, Span("python", typed, 0), len(typed)) or {}
        names.update(m for m in reply.get("matches", []) if m.startswith(typed))
    if not names:
        return no_matches(cursor)
    return {"status": "ok", "matches": sorted(names), "cursor_start": start, "cursor_end": cursor,
            "metadata": {}}


def inspect(kernel, cell: str, cursor: int, detail: int) -> dict[str, Any]:
    """The ``inspect_reply`` content: documentation of what is at ``cursor`` of ``cell``."""
    cursor = max(0, min(cursor, len(cell)))
    span = span_at(cell, cursor, kernel.default_language)
    if span.language == "magic":
        word = span.code + cell[cursor:].split("\n", 1)[0]
        data = magic_help(kernel, word.split()[0]) if word.strip() else None
    else:
        reply = _ask(kernel, protocol.INSPECT_REQUEST, span, cursor - span.offset, detail=detail)
        data = reply.get("data") if reply and reply.get("found") else None
    return {"status": "ok", "found": bool(data), "data": data or {}, "metadata": {}}


def help_on(kernel, language: str, name: str, level: int = 0) -> dict[str, str]:
    """Help on ``name`` (``?name``) in ``language``, or on a magic (``%name``): a MIME bundle, never empty."""
    if name.startswith("%"):
        return magic_help(kernel, name) or {"text/plain": f"{name} is not a magic of this kernel (%lsmagic "
                                                           "lists them)."}
    span = Span(language, name, 0)
    reply = _ask(kernel, protocol.INSPECT_REQUEST, span, len(name), detail=level, help=True)
    if reply and reply.get("found"):
        return reply["data"]
    if reply is None:
        return {"text/plain": f"No help on {name}: the worker is not running (run a cell to see why)."}
    return {"text/plain": f"No {language.capitalize()} object named `{name}` was found."}


def magic_help(kernel, name: str) -> dict[str, str] | None:
    """The docstring of magic ``name`` (``%julia``, ``%%julia``, or ``julia`` for both forms)."""
    bare = name.lstrip("%")
    prefix = name[:len(name) - len(bare)]
    forms = {"%": ["line"], "%%": ["cell"], "%%%": ["cell"]}.get(prefix, ["line", "cell"])
    texts = []
    for mtype in forms:
        magic = getattr(kernel, f"{mtype}_magics").get(bare)
        if magic is not None:
            texts.append(magic.get_help(mtype, bare))
    return {"text/plain": "\n\n".join(texts)} if texts else None


def is_complete(kernel, cell: str) -> dict[str, str]:
    """The ``is_complete_reply`` content: whether ``cell`` can run as it is (for consoles)."""
    first_line, _, body = cell.partition("\n")
    match = _CELL_MAGIC.match(first_line)
    if match:
        # As IPython treats a cell magic: the cell runs once it ends with an empty line, so that a console
        # takes any number of lines after `%%julia`.
        lines = cell.split("\n")
        if lines[-1] == "":  # (a final newline ends the last line)
            lines.pop()
        if len(lines) > 1 and not lines[-1].strip():
            return {"status": "complete"}
        language = match.group(2) or match.group(3)
        reply = is_complete_in(kernel, Span(language, body, 0)) if body.strip() else {}
        if reply.get("status") == "invalid":  # (no line added can mend it: run it and show the error)
            return reply
        last = lines[-1] if len(lines) > 1 else ""
        indent = last[:len(last) - len(last.lstrip())]
        return {"status": "incomplete", "indent": reply.get("indent") or indent}
    span = span_at(cell, len(cell), kernel.default_language)
    if kernel.default_language == "python" and span.language in ("python", "magic") and span.offset == 0:
        # IPython's own check, on the cell as it will run (its magics and shell lines included).
        return python_is_complete(_without_our_magics(kernel, cell))
    if not span.code.strip() or span.language == "magic":
        return {"status": "complete"}
    return is_complete_in(kernel, span)


def is_complete_in(kernel, span: Span) -> dict[str, str]:
    """Whether ``span`` is complete code of its language (Julia asks the worker)."""
    if span.language == "python":
        return python_is_complete(span.code)
    reply = _ask(kernel, protocol.IS_COMPLETE_REQUEST, span, 0)
    if not reply:
        return {"status": "unknown"}
    return {"status": "incomplete", "indent": reply["indent"]} if reply["status"] == "incomplete" else {
        "status": reply["status"]}


def python_is_complete(code: str) -> dict[str, str]:
    """IPython's check, as ipykernel answers: complete, incomplete (with an indent) or invalid."""
    status, indent = _IPYTHON_INPUT.check_complete(code)
    return {"status": status} if status != "incomplete" else {"status": status, "indent": " " * (indent or 0)}


def _without_our_magics(kernel, cell: str) -> str:
    # metapoly's magic lines are blanked (the others are IPython's, which it understands).
    ours = set(kernel.line_magics) | set(kernel.cell_magics)

    def is_ours(line: str) -> bool:
        return line.lstrip().startswith("%") and line.lstrip().split(None, 1)[0].lstrip("%") in ours

    return "\n".join("#" + line if is_ours(line) else line for line in cell.split("\n"))


def _ask(kernel, request_type: str, span: Span, cursor: int, **fields: Any) -> dict | None:
    # Only a worker that is up answers: completion must not wait for one that is starting or failed.
    if not kernel.worker_session.ready:
        return None
    try:
        reply = kernel.worker_session.request(request_type, {"language": span.language, "cursor": cursor,
                                                             **fields}, span.code)
    except WorkerError:
        return None
    return reply if reply.get("status", "ok") != "error" else None
