"""Every request gets a reply the wire can carry.

Text from user code may hold what UTF-8 cannot encode (a lone surrogate: ``'x\\ud800y'`` from a
``__repr__``, an exception message, an ``input()`` prompt); jupyter_client's packer raises on it, and the
request it answers would never be replied to. :func:`protect_packer` makes the session replace such
characters instead (only when packing failed: ordinary messages pay nothing). :func:`bad_request` names
what is wrong with a malformed request, which then gets :func:`bad_request_reply` (an error reply) instead
of crashing its handler.
"""

from __future__ import annotations

from typing import Any, Callable


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (at any depth) replaced by U+FFFD."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    return value


def protect_packer(session: Any) -> None:
    """Make ``session`` (a jupyter_client Session) pack text it cannot encode, replaced."""
    pack: Callable[[Any], bytes] = session.pack

    def pack_scrubbed(obj: Any) -> bytes:
        try:
            return pack(obj)
        except UnicodeEncodeError:
            return pack(scrub(obj))

    session.pack = pack_scrubbed


def bad_request(code: Any, cursor_pos: Any = 0) -> str | None:
    """What is wrong with a request's ``code`` and ``cursor_pos`` fields, or None."""
    if not isinstance(code, str):
        return f"'code' must be a string, not {type(code).__name__}"
    if cursor_pos is not None and (isinstance(cursor_pos, bool) or not isinstance(cursor_pos, int)):
        return f"'cursor_pos' must be an integer, not {type(cursor_pos).__name__}"
    return None


def bad_request_reply(message: str) -> dict[str, Any]:
    """The error reply to a malformed request."""
    return {"status": "error", "ename": "BadRequest", "evalue": message,
            "traceback": [f"BadRequest: {message}"]}
