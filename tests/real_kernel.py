"""A real metapoly kernel started through jupyter_client, with every reply matched to its request."""

from __future__ import annotations

import queue
import time

from jupyter_client.manager import KernelManager
from message_schemas import problems
from results import Result

STARTUP_TIMEOUT = 300


def validate(msg: dict, msg_id: str) -> None:
    """Check ``msg``, which answers or belongs to request ``msg_id``, against the messaging spec's schemas
    (message_schemas.py)."""
    assert msg["parent_header"].get("msg_id") == msg_id, msg
    wrong = problems(msg)
    assert not wrong, (wrong, msg)


class KernelSession:
    """A started kernel and its client: requests whose replies and output are collected by request id."""

    def __init__(self, km, kc) -> None:
        self.km, self.kc = km, kc
        self.seen: set[str] = set()  # the types of the messages validated

    def _checked(self, msg: dict, msg_id: str) -> dict:
        validate(msg, msg_id)
        self.seen.add(msg["msg_type"])
        return msg

    def reply(self, msg_id: str, timeout: float = 60, channel: str = "shell") -> dict:
        """The reply to request ``msg_id``, validated; replies to other (abandoned) requests are skipped."""
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.get_control_msg
        deadline = time.monotonic() + timeout
        while True:
            msg = get(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return self._checked(msg, msg_id)

    def output(self, msg_id: str, timeout: float = 60, answers: list | None = None) -> tuple[list, list]:
        """The iopub messages of request ``msg_id`` up to its ``idle`` status (others are skipped), and the
        input requests it made, each answered in turn from ``answers``."""
        messages, prompts = [], []
        deadline = time.monotonic() + timeout
        while True:
            if answers is not None and self.kc.stdin_channel.msg_ready():
                request = self._checked(self.kc.get_stdin_msg(timeout=timeout), msg_id)
                prompts.append(request["content"])
                self.kc.input(answers[len(prompts) - 1])
            try:
                msg = self.kc.get_iopub_msg(timeout=0.05 if answers is not None else timeout)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            self._checked(msg, msg_id)
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    return messages, prompts
                continue
            if msg["msg_type"] != "execute_input":
                msg["received"] = time.monotonic()
                messages.append(msg)

    def execute(self, code: str, timeout: float = 120, answers: list | None = None, **kwargs) -> Result:
        """Run ``code``; with ``answers``, reply to its input requests with them in turn (the requests'
        contents are kept in ``Result.prompts``)."""
        msg_id = self.kc.execute(code, **kwargs)
        messages, prompts = self.output(msg_id, timeout, answers)
        return Result(self.reply(msg_id, timeout)["content"], messages, prompts)

    def ok(self, code: str, **kwargs) -> Result:
        """Execute and assert success."""
        result = self.execute(code, **kwargs)
        assert result.status == "ok", result.errors
        return result

    def interrupted(self, code: str, after: float = 1, send=None, timeout: float = 30) -> dict:
        """The reply content of ``code`` interrupted ``after`` seconds into its run (by ``send()``, the
        client's interrupt unless given). The cells after it are not aborted."""
        msg_id = self.kc.execute(code, stop_on_error=False)
        time.sleep(after)
        (send or self.km.interrupt_kernel)()
        return self.reply(msg_id, timeout)["content"]

    def complete(self, code: str, cursor: int | None = None) -> dict:
        """The complete_reply content for ``code`` with the cursor at ``cursor`` (default: the end)."""
        msg_id = self.kc.complete(code, len(code) if cursor is None else cursor)
        return self.reply(msg_id, 30)["content"]

    def inspect(self, code: str, detail: int = 0) -> dict:
        """The inspect_reply content for the cursor at the end of ``code``."""
        return self.reply(self.kc.inspect(code, len(code), detail), 30)["content"]

    def is_complete(self, code: str) -> dict:
        """The is_complete_reply content for ``code``."""
        return self.reply(self.kc.is_complete(code), 30)["content"]

    def comm(self, msg_type: str, content: dict, buffers: list = (), timeout: float = 60) -> Result:
        """Send a comm message (``comm_open``, ``comm_msg``, ``comm_close``) as a client's widget manager
        does; the output it caused, under it (it has no reply)."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=list(buffers))
        messages, _ = self.output(msg["header"]["msg_id"], timeout)
        return Result({"msg_id": msg["header"]["msg_id"]}, messages)

    def comm_info(self, target_name: str | None = None) -> dict:
        """The comms the kernel says are open (of ``target_name``, or all)."""
        return self.reply(self.kc.comm_info(target_name), 30)["content"]["comms"]

    def flush(self) -> None:
        """Drop whatever earlier tests left unread, so that the next test starts clean."""
        for channel in (self.kc.shell_channel, self.kc.iopub_channel, self.kc.stdin_channel):
            while channel.msg_ready():
                channel.get_msg(timeout=1)

    def worker_pid(self) -> int:
        """The pid of the kernel's worker process (where both languages run)."""
        return int(self.ok("%python import os; os.getpid()").result)

    @property
    def kernel_pid(self) -> int:
        return self.km.provisioner.process.pid

    def shutdown(self, now: bool = False) -> None:
        """Stop the kernel (once: a test may have done it already); ``now`` kills it (its worker dies with
        it), as fixtures clean up; the orderly shutdown has tests of its own."""
        if self.km.has_kernel:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=now)


def start_session(**kwargs) -> KernelSession:
    """Start a fresh metapoly kernel and wait until its worker answers.

    A kernel that exits while starting is started again, once, on new ports: jupyter_client picks free
    TCP ports before the kernel binds them, and another process of the suite (the Julia processes
    Distributed adds, ssh) can take one in between ("Address already in use")."""
    session = _started(kwargs) or _started(kwargs)
    if session is None:
        raise RuntimeError("the kernel exited while starting, twice")
    session.ok("None", timeout=STARTUP_TIMEOUT)
    return session


def _started(kwargs: dict) -> KernelSession | None:
    """A kernel whose channels answer, or None if it exited while starting."""
    km = KernelManager(kernel_name="metapoly")
    km.start_kernel(**kwargs)
    kc = km.client()
    kc.start_channels()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while km.is_alive():
        try:
            kc.wait_for_ready(timeout=5)
            return KernelSession(km, kc)
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
    kc.stop_channels()
    km.cleanup_resources()
    return None
