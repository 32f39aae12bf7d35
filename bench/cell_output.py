"""What the benchmark scripts read back from a kernel: the stdout of one cell."""

from __future__ import annotations


def run(kc, code: str, timeout: float = 900) -> str:
    """The stdout of one cell (which must succeed)."""
    out = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: out.append(msg))
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")
