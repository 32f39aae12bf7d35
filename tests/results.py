"""What one executed cell produced, the same for the real kernel and the fast tier's in-process one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def plain(text: str) -> str:
    """``text`` without its ANSI colours (IPython's and Julia's tracebacks have them)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@dataclass
class Result:
    """The reply content of one execute_request, the iopub messages it caused, in order, and the reply's
    metadata."""

    reply: dict
    messages: list = field(default_factory=list)
    prompts: list = field(default_factory=list)
    reply_metadata: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.reply["status"]

    def of_type(self, msg_type: str) -> list:
        return [m for m in self.messages if m["msg_type"] == msg_type]

    def stream(self, name: str = "stdout") -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name)

    @property
    def result(self) -> str | None:
        results = self.of_type("execute_result")
        return results[0]["content"]["data"]["text/plain"] if results else None

    @property
    def errors(self) -> list:
        return [m["content"] for m in self.of_type("error")]

    def traceback(self) -> str:
        """The text of the error's traceback, without colours."""
        [error] = self.errors
        return plain("\n".join(error["traceback"]))


def julia_16(text: str) -> str:
    """``text`` as Julia 1.6 (which made the stored outputs) prints it: ``Vector`` and ``Matrix`` for one- and
    two-dimensional arrays, type parameters with a space after their commas."""
    array = r"(?<!\w)Array\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*?),\s?([12])\}"
    while re.search(array, text):
        text = re.sub(array, lambda m: f"{'Vector' if m[2] == '1' else 'Matrix'}{{{m[1]}}}", text)
    spaced, depth = [], 0
    for i, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        spaced.append(", " if char == "," and depth > 0 and text[i + 1:i + 2] != " " else char)
    return "".join(spaced)
