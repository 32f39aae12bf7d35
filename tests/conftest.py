"""Shared fixtures: one real metapoly kernel (through jupyter_client) for most tests, and the fast tier's
in-process kernel with a fake worker session (``fast_kernel``; tests marked ``fast`` need no Julia).

Tests that need isolation (a killed worker, a missing Julia) start their own kernel or worker.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time

import pytest
from fast_kernel import FastKernel
from jupyter_client.manager import start_new_kernel
from real_kernel import STARTUP_TIMEOUT, KernelSession, start_session

from metapoly.locate import find_julia
from metapoly.session import WorkerSession

# The tests' cells go to a history database of their own (one per test process), never the user's.
_HISTORY_DIR = tempfile.mkdtemp(prefix="mptest-history-")
atexit.register(shutil.rmtree, _HISTORY_DIR, True)
os.environ.setdefault("METAPOLY_HISTORY", os.path.join(_HISTORY_DIR, "history.sqlite"))

# Seconds the interrupt_kernel's worker gets to stop when interrupted (test_interrupts.GRACE).
INTERRUPT_GRACE = 2


def pytest_sessionstart(session):
    # Every Julia test must run on these machines: a missing Julia is a failure, never a skip. Only the
    # fast tier alone (`pytest -m fast`) runs without one. (Checked here too, before xdist's workers start.)
    if session.config.getoption("markexpr").strip() != "fast":
        require_julia()


def require_julia() -> None:
    """End the session with an error saying how to install Julia, if none can be found."""
    julia = find_julia()
    if not julia:
        pytest.exit(f"metapoly's tests need Julia. {julia.how}", returncode=1)


@pytest.hookimpl(trylast=True)  # after the markers are all added
def pytest_collection_modifyitems(items):
    # A fast test is marked one way only: once, by @pytest.mark.fast on its function (never on a module, a
    # class or twice), so that reading a test says which tier it is in.
    for item in items:
        marks = list(item.iter_markers("fast"))
        if marks and (len(marks) > 1 or not any(mark.name == "fast" for mark in item.own_markers)):
            raise pytest.UsageError(f"{item.nodeid}: mark a fast test once, with @pytest.mark.fast on the "
                                    "test function")
    # The fast tier first: a broken front end shows in seconds, before any kernel starts.
    items.sort(key=lambda item: item.get_closest_marker("fast") is None)
    # However the tests were chosen (-m, -k, files), one that is not fast needs Julia.
    if items and items[-1].get_closest_marker("fast") is None:
        require_julia()


@pytest.fixture
def fast_kernel():
    """A kernel in this process in front of a scripted fake worker (``fast_kernel.worker``)."""
    kernel = FastKernel()
    yield kernel
    kernel.close()


@pytest.fixture
def real_session_kernel():
    """``real_session_kernel()``: a fast-tier kernel in front of a real worker session (for tests of a Julia
    that is missing or broken, set up before the call)."""
    kernels = []

    def make() -> FastKernel:
        kernels.append(FastKernel(WorkerSession()))
        return kernels[-1]

    yield make
    for kernel in kernels:
        kernel.close()


def kernel_fixture(name: str, scope: str, doc: str, **env: str):
    """A fixture ``name`` of ``scope`` that starts a real kernel (with the ``env`` changes to this process's
    environment, if any), waits for its worker, yields it and kills it afterwards."""

    def fixture():
        session = start_session(env={**os.environ, **env}) if env else start_session()
        yield session
        session.shutdown(now=True)

    fixture.__doc__ = doc
    return pytest.fixture(fixture, scope=scope, name=name)


shared_kernel = kernel_fixture("shared_kernel", "session", "The kernel most tests share.")
interrupt_kernel = kernel_fixture(
    "interrupt_kernel", "module",
    "A kernel of the module's own whose worker gets ``INTERRUPT_GRACE`` seconds to stop when interrupted.",
    METAPOLY_INTERRUPT_GRACE=str(INTERRUPT_GRACE))
module_kernel = kernel_fixture("module_kernel", "module",
                               "A kernel of the module's own, for tests that kill or restart its worker.")
fresh_kernel = kernel_fixture("fresh_kernel", "function",
                              "A kernel of the test's own, for tests that break or reconfigure it.")


@pytest.fixture
def kernel(shared_kernel):
    """The shared kernel, with whatever an earlier test left unread dropped."""
    shared_kernel.flush()
    return shared_kernel


@pytest.fixture
def image_cache(monkeypatch, tmp_path):
    """An empty system image cache of the test's own (``METAPOLY_CACHE``)."""
    monkeypatch.setenv("METAPOLY_CACHE", str(tmp_path))
    return tmp_path


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
        session.shutdown(now=True)


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
