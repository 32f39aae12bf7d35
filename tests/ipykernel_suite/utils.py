"""What ipykernel's test_debugger.py imports from its tests' utils, for a metapoly kernel.

Written here (not copied): a new kernel is a metapoly kernel through jupyter_client, waited for until its
worker answers, as every real-kernel test of this suite starts one.
"""

from __future__ import annotations

from contextlib import contextmanager
from time import monotonic

# (Upstream's tests pass vacuously where debugpy is missing, checking only that ipykernel still answers:
# here it is a dependency, and a missing one fails the suite at once instead.)
import debugpy  # noqa: F401
from jupyter_client.manager import run_kernel

TIMEOUT = 100
STARTUP_TIMEOUT = 300


def get_reply(kc, msg_id: str, timeout: float = TIMEOUT, channel: str = "shell") -> dict:
    """The reply to ``msg_id`` on ``channel``; replies to other requests are skipped."""
    deadline = monotonic() + timeout
    get_msg = getattr(kc, f"get_{channel}_msg")
    while True:
        reply = get_msg(timeout=max(0.01, deadline - monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


@contextmanager
def new_kernel():
    """A fresh metapoly kernel's client, its worker ready; the kernel is shut down afterwards."""
    with run_kernel(kernel_name="metapoly", startup_timeout=STARTUP_TIMEOUT) as kc:
        msg_id = kc.execute("None")
        get_reply(kc, msg_id, STARTUP_TIMEOUT)
        yield kc


def get_replies(kc, msg_ids: list[str], timeout: float = TIMEOUT, channel: str = "shell") -> list[dict]:
    """The replies to ``msg_ids``, in their order, whatever order they came in."""
    deadline = monotonic() + timeout
    get_msg = getattr(kc, f"get_{channel}_msg")
    replies: dict[str, dict] = {}
    while len(replies) < len(msg_ids):
        reply = get_msg(timeout=max(0.01, deadline - monotonic()))
        if reply["parent_header"].get("msg_id") in msg_ids:
            replies[reply["parent_header"]["msg_id"]] = reply
    return [replies[msg_id] for msg_id in msg_ids]
