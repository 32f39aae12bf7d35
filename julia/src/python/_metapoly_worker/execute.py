"""Running a Python cell in ``__main__`` the way IPython does, reported as a plain reply dictionary."""

import ast
import io
import linecache
import os
import tokenize
import traceback

_WORKER_DIR = os.path.dirname(os.path.abspath(__file__))


def run_cell(code: str, cell: int, namespace: dict, show) -> dict:
    """Run ``code``: statements in order, then the last expression's value as a MIME bundle, ``show(value)``.

    Returns ``{"status": "ok"[, "data": bundle]}`` or ``{"status": "error", "ename", "evalue",
    "traceback"}``; a ``KeyboardInterrupt`` or ``SystemExit`` in user code is an error like any other.
    """
    filename = f"In[{cell}]"
    # Registered so that tracebacks show the offending source lines.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not _ends_with_semicolon(code):
            last = ast.Expression(tree.body.pop().value)
        body = compile(tree, filename, "exec")
        last = None if last is None else compile(last, filename, "eval")
    except (SyntaxError, ValueError) as exc:
        # Nothing ran: the frames are the compiler's, not the user's.
        exc.__traceback__ = None
        return error_reply(exc)
    try:
        exec(body, namespace)
        value = None if last is None else eval(last, namespace)
    except BaseException as exc:  # noqa: B036 -- user code may raise anything; the worker must survive it
        return error_reply(exc)
    if value is None:
        return {"status": "ok"}
    namespace["_"] = value
    return {"status": "ok", "data": show(value)}


def error_reply(exc: BaseException) -> dict:
    """An error reply whose traceback shows the user's frames, never the worker's."""
    te = traceback.TracebackException.from_exception(exc)
    _scrub(te, set())
    return {
        "status": "error",
        "ename": type(exc).__name__,
        "evalue": str(exc),
        "traceback": [line.rstrip("\n") for line in te.format()],
    }


def _scrub(te: traceback.TracebackException, seen: set) -> None:
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if not f.filename.startswith(_WORKER_DIR)]
    )
    _scrub(te.__cause__, seen)
    _scrub(te.__context__, seen)


def _ends_with_semicolon(code: str) -> bool:
    skip = {tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.INDENT,
            tokenize.DEDENT}
    last = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type not in skip:
                last = tok
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"
