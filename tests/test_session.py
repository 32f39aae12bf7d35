"""The session and its supervisor with a real Julia worker, without Jupyter in between."""

import os
import stat

import pytest

from metapoly.session import WorkerSession
from metapoly.supervisor import WorkerError, describe_exit


@pytest.fixture(scope="module")
def worker():
    w = WorkerSession()
    w.start()
    w.wait_ready()
    yield w
    w.shutdown()


def run(worker, language, code):
    streams = []
    reply = worker.execute(language, code, 1, lambda frame: streams.append((frame.header.get("name"), frame.text())))
    return reply, streams


def test_both_languages_run_in_the_worker_process(worker):
    reply, _ = run(worker, "python", "import os; os.getpid()")
    assert reply == {"status": "ok", "data": {"text/plain": str(worker.pid)}}
    reply, _ = run(worker, "julia", "getpid()")
    assert reply["data"]["text/plain"] == str(worker.pid)


def test_ready_reports_versions(worker):
    assert worker.info["julia_version"].startswith("1.")
    assert worker.info["python"] is True
    assert "Python 3." in worker.info["python_status"]


def test_streams_are_delivered_by_name(worker):
    _, streams = run(worker, "julia", 'print("a"); print(stderr, "b")')
    assert ("stdout", "a") in streams and ("stderr", "b") in streams


def test_the_embedded_python_sees_the_virtualenv(worker):
    import sys

    reply, _ = run(worker, "python", "import sys, numpy; sys.prefix")
    assert reply["data"]["text/plain"] == repr(sys.prefix)


def test_unknown_language_is_an_error(worker):
    reply, _ = run(worker, "cobol", "1")
    assert reply["status"] == "error" and reply["ename"] == "UnknownLanguage"


def test_channel_lives_in_a_private_directory(worker):
    mode = stat.S_IMODE(os.stat(worker.supervisor.directory).st_mode)
    assert mode == 0o700
    # The listening socket is gone once the worker is connected: nobody else can connect later.
    assert not os.path.exists(os.path.join(worker.supervisor.directory, "worker.sock"))


def test_worker_death_is_reported_and_a_fresh_worker_started():
    w = WorkerSession()
    w.start()
    try:
        run(w, "julia", "survivor = 1")
        first_pid = w.pid
        with pytest.raises(WorkerError) as info:
            run(w, "python", "import os; os._exit(3)")
        assert info.value.ename == "WorkerDied"
        assert "exited with status 3" in info.value.message and "lost" in info.value.message
        reply, _ = run(w, "julia", "isdefined(Main, :survivor)")
        assert reply["data"]["text/plain"] == "false"
        assert w.pid != first_pid
    finally:
        w.shutdown()


def test_shutdown_leaves_no_process_and_no_directory():
    w = WorkerSession()
    w.start()
    w.wait_ready()
    pid, directory = w.pid, w.supervisor.directory
    w.shutdown()
    assert not os.path.exists(f"/proc/{pid}")
    assert not os.path.exists(directory)


def test_missing_julia_says_how_to_install(monkeypatch):
    monkeypatch.setenv("METAPOLY_JULIA", "/nonexistent/julia")
    w = WorkerSession()
    w.start()
    with pytest.raises(WorkerError) as info:
        w.execute("python", "1", 1, print)
    assert info.value.ename == "JuliaNotFound"
    assert "METAPOLY_JULIA" in info.value.message and "install" in info.value.message.lower()


def test_a_worker_that_dies_at_startup_shows_its_log(fake_julia):
    fake_julia("echo 'this julia is broken' >&2\nexit 7\n")
    w = WorkerSession()
    w.start()
    try:
        with pytest.raises(WorkerError) as info:
            w.wait_ready(timeout=60)
        assert info.value.ename == "WorkerStartFailed"
        assert "exited with status 7" in info.value.message
        assert "this julia is broken" in info.value.message
        assert "python -m metapoly check" in info.value.message
    finally:
        w.shutdown()


@pytest.mark.parametrize("code, text", [(-11, "was killed by SIGSEGV"), (1, "exited with status 1"),
                                        (None, "stopped answering")])
def test_describe_exit(code, text):
    assert describe_exit(code) == text
