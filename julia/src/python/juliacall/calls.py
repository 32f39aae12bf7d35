"""The exception of a Julia error in Python."""

from __future__ import annotations


class JuliaError(Exception):
    """An error arising in Julia code: ``exception`` is the Julia exception, ``backtrace`` its backtrace."""

    def __init__(self, exception, backtrace=None):
        super().__init__(exception, backtrace)

    def __str__(self):
        text = getattr(self, "_text", None)
        if text is not None:
            return text
        from . import Base
        e, b = self.exception, self.backtrace
        return Base.sprint(Base.showerror, e) if b is None else Base.sprint(Base.showerror, e, b)

    @property
    def exception(self):
        return self.args[0]

    @property
    def backtrace(self):
        return self.args[1]

