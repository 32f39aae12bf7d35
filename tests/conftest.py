"""Shared fixtures: one real metapoly kernel (through jupyter_client) for most tests.

Tests that need isolation (a killed worker, a missing Julia) start their own kernel or worker.
"""

from __future__ import annotations

import os
import queue
import time
from dataclasses import dataclass, field

import pytest
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

from metapoly.locate import find_julia

STARTUP_TIMEOUT = 300


def pytest_sessionstart(session):
    # Every Julia test must run on these machines: a missing Julia is a failure, never a skip.
    julia = find_julia()
    if not julia:
        pytest.exit(f"metapoly's tests need Julia. {julia.how}", returncode=1)


@dataclass
class Result:
    """What one execute_request produced: the reply content and the iopub messages, validated."""

    reply: dict
    messages: list = field(default_factory=list)
    prompts: list = field(default_factory=list)

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


class KernelSession:
    """A started kernel and its client, with an `execute` that collects everything a cell produced."""

    def __init__(self, km, kc) -> None:
        self.km, self.kc = km, kc

    def execute(self, code: str, timeout: float = 120, answers: list | None = None, **kwargs) -> Result:
        """Run ``code``; with ``answers``, reply to its input requests with them in turn (the requests'
        contents are kept in ``Result.prompts``)."""
        msg_id = self.kc.execute(code, **kwargs)
        messages, prompts = [], []
        deadline = time.monotonic() + timeout
        while True:
            if answers is not None and self.kc.stdin_channel.msg_ready():
                request = self.kc.get_stdin_msg(timeout=timeout)
                # (jupyter_kernel_test's schema wants a number for password; the spec says boolean.)
                assert request["parent_header"]["msg_id"] == msg_id
                assert isinstance(request["content"]["password"], bool)
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
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    break
                continue
            if msg["msg_type"] != "execute_input":
                msg["received"] = time.monotonic()
                messages.append(msg)
        reply = self.kc.get_shell_msg(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        return Result(reply["content"], messages, prompts)

    def ok(self, code: str, **kwargs) -> Result:
        """Execute and assert success."""
        result = self.execute(code, **kwargs)
        assert result.status == "ok", result.errors
        return result

    def worker_pid(self) -> int:
        """The pid of the kernel's worker process (where both languages run)."""
        return int(self.ok("%python import os; os.getpid()").result)

    @property
    def kernel_pid(self) -> int:
        return self.km.provisioner.process.pid

    def shutdown(self) -> None:
        """Stop the kernel (once: a test may have done it already)."""
        if self.km.has_kernel:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=False)


INTERRUPT_GRACE = 2


def start_session(**kwargs) -> KernelSession:
    """Start a fresh metapoly kernel and wait until its worker answers."""
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=STARTUP_TIMEOUT, **kwargs)
    session = KernelSession(km, kc)
    session.ok("None", timeout=STARTUP_TIMEOUT)
    return session


@pytest.fixture(scope="session")
def kernel():
    """The shared kernel."""
    session = start_session()
    yield session
    session.shutdown()


@pytest.fixture(scope="module")
def interrupt_kernel():
    """A kernel of the module's own whose worker gets ``INTERRUPT_GRACE`` seconds to stop when interrupted."""
    session = start_session(env={**os.environ, "METAPOLY_INTERRUPT_GRACE": str(INTERRUPT_GRACE)})
    yield session
    session.shutdown()


@pytest.fixture(scope="module")
def module_kernel():
    """A kernel of the module's own, for tests that kill or restart its worker."""
    session = start_session()
    yield session
    session.shutdown()


@pytest.fixture
def fresh_kernel():
    """A kernel of the test's own, for tests that break or reconfigure it."""
    session = start_session()
    yield session
    session.shutdown()


@pytest.fixture
def fake_julia(monkeypatch, tmp_path):
    """Point METAPOLY_JULIA at a shell script with the given body; returns its path."""

    def make(script: str) -> str:
        path = tmp_path / "julia"
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(0o755)
        monkeypatch.setenv("METAPOLY_JULIA", str(path))
        return str(path)

    return make


@pytest.fixture
def env_kernel(monkeypatch):
    """Start a kernel with environment changes: ``env_kernel({"METAPOLY_JULIA": ...})``."""
    sessions = []

    def start(env: dict) -> KernelSession:
        km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=STARTUP_TIMEOUT,
                                  env={**os.environ, **env})
        sessions.append(KernelSession(km, kc))
        return sessions[-1]

    yield start
    for session in sessions:
        session.shutdown()


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not exited (a zombie has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
def gone():
    """``gone(pid, timeout)``: wait up to ``timeout`` seconds for process ``pid`` to exit; whether it did."""

    def wait(pid: int, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while running(pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    return wait
