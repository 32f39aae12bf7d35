"""The session and its supervisor with a real Julia worker, without Jupyter in between."""

import os
import socket
import stat
import threading
import time

import pytest

from metapoly import protocol
from metapoly import session as session_module
from metapoly.protocol import Connection
from metapoly.session import WorkerSession
from metapoly.supervisor import WorkerLinks
from metapoly.worker_errors import WorkerError


@pytest.fixture(scope="module")
def worker():
    w = WorkerSession()
    w.start()
    w.wait_ready()
    yield w
    w.shutdown()


def run(worker, language, code):
    streams = []
    reply = worker.execute(language, code, 1,
                           lambda frame: streams.append((frame.header.get("name"), frame.text())))
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


@pytest.mark.fast
def test_missing_julia_says_how_to_install(monkeypatch):
    monkeypatch.setenv("METAPOLY_JULIA", "/nonexistent/julia")
    w = WorkerSession()
    w.start()
    with pytest.raises(WorkerError) as info:
        w.execute("python", "1", 1, print)
    assert info.value.ename == "JuliaNotFound"
    assert "METAPOLY_JULIA" in info.value.message and "install" in info.value.message.lower()


@pytest.mark.fast
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



# -- The session's routing, against a scripted worker on socket pairs (fast tier) ----------------------


class ScriptedSupervisor:
    """Stands in for the process supervisor: each start connects a fresh pair of socket pairs, whose worker
    ends the test plays (``worker.julia``, ``worker.python``)."""

    def __init__(self, on_connected) -> None:
        self._on_connected = on_connected
        self.links = None
        self.ready = False
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        (jl_front, jl_worker), (py_front, py_worker) = socket.socketpair(), socket.socketpair()
        self.worker = WorkerLinks(Connection(jl_worker), Connection(py_worker))
        self.links = WorkerLinks(Connection(jl_front), Connection(py_front), {"python": True})
        self._on_connected(self.links)
        self.ready = True

    def wait_ready(self, timeout=None):
        return self.links

    def stop(self, grace=0) -> None:
        self.links.close()
        self.worker.close()

    def exit_status(self, timeout):
        return 0

    def log_tail(self, lines=20) -> str:
        return "(empty)"

    def log_size(self) -> int:
        return 0

    def crash_report(self, since: int) -> None:
        return None

    pid = None


@pytest.fixture
def scripted():
    """A session whose worker the test plays: ``(session, supervisor, events)``."""
    events = []
    session = WorkerSession(on_event=events.append, supervisor=ScriptedSupervisor)
    session.start()
    yield session, session.supervisor, events
    session.shutdown(graceful=False)


def in_thread(function, *args):
    """Run ``function(*args)`` in a thread; returns a callable that waits for its result (or exception)."""
    box = {}

    def run():
        try:
            box["value"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 -- handed to the test
            box["error"] = exc
    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result(timeout=10):
        thread.join(timeout)
        assert not thread.is_alive(), "no answer"
        if "error" in box:
            raise box["error"]
        return box["value"]
    return result


def send(conn, frame_type, request_id=None, body=b"", **fields):
    header = {"type": frame_type, **fields}
    if request_id is not None:
        header["id"] = request_id
    conn.send(header, body)


@pytest.mark.fast
def test_a_request_ends_when_both_its_reply_and_pythons_marker_came_with_its_output_in_order(scripted):
    session, supervisor, events = scripted
    output = []
    pending = in_thread(session.request, protocol.EXECUTE_REQUEST, {"language": "julia"}, "1", output.append)
    request = supervisor.worker.julia.receive_one()
    assert request.type == protocol.EXECUTE_REQUEST and request.text() == "1"
    rid = request.id
    send(supervisor.worker.julia, protocol.STREAM, rid, b"from julia", name="stdout")
    send(supervisor.worker.julia, protocol.reply_type(protocol.EXECUTE_REQUEST), rid, b'{"status": "ok"}')
    time.sleep(0.2)
    assert [f.text() for f in output] == ["from julia"]
    send(supervisor.worker.python, protocol.STREAM, rid, b"from python", name="stdout")
    send(supervisor.worker.python, protocol.DONE, rid)
    assert pending() == {"status": "ok"}
    assert [f.text() for f in output] == ["from julia", "from python"] and events == []


@pytest.mark.fast
def test_frames_of_no_request_are_events_and_a_prompt_outside_a_request_is_refused(scripted):
    session, supervisor, events = scripted
    send(supervisor.worker.python, protocol.STREAM, None, b"late", name="stdout")
    send(supervisor.worker.julia, protocol.STREAM, protocol.NO_REQUEST, b"later", name="stderr")
    send(supervisor.worker.python, protocol.INPUT_REQUEST, None, prompt="? ", password=False)
    answer = supervisor.worker.python.receive_one()
    assert answer.type == protocol.INPUT_REPLY and answer.header["status"] == "unsupported"
    deadline = time.monotonic() + 5
    while len(events) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(f.text() for f in events) == ["late", "later"]


@pytest.mark.fast
def test_input_is_answered_on_the_connection_that_asked(scripted):
    session, supervisor, _ = scripted
    asked = []

    def on_input(prompt, password):
        asked.append((prompt, password))
        return "ok", "Ada"
    pending = in_thread(session.request, protocol.EXECUTE_REQUEST, {}, "input()", lambda f: None, on_input)
    rid = supervisor.worker.julia.receive_one().id
    send(supervisor.worker.python, protocol.INPUT_REQUEST, rid, prompt="name: ", password=True)
    answer = supervisor.worker.python.receive_one()
    assert (answer.type, answer.id, answer.header["status"]) == (protocol.INPUT_REPLY, rid, "ok")
    assert answer.text() == "Ada"
    send(supervisor.worker.julia, "execute_reply", rid, b'{"status": "ok"}')
    send(supervisor.worker.python, protocol.DONE, rid)
    assert pending() == {"status": "ok"} and asked == [("name: ", True)]


@pytest.mark.fast
def test_requests_in_flight_get_their_own_replies(scripted):
    session, supervisor, _ = scripted
    first = in_thread(session.request, protocol.COMPLETE_REQUEST, {}, "a")
    one = supervisor.worker.julia.receive_one()
    second = in_thread(session.request, protocol.COMPLETE_REQUEST, {}, "b")
    two = supervisor.worker.julia.receive_one()
    for request, body in ((two, b'{"n": 2}'), (one, b'{"n": 1}')):
        send(supervisor.worker.julia, "complete_reply", request.id, body)
        send(supervisor.worker.python, protocol.DONE, request.id)
    assert first() == {"n": 1} and second() == {"n": 2}


@pytest.mark.fast
def test_an_interrupt_reaches_both_halves_and_a_request_that_does_not_stop_restarts_the_worker(scripted,
                                                                                               monkeypatch):
    monkeypatch.setattr(session_module, "INTERRUPT_GRACE", 0.5)
    session, supervisor, _ = scripted
    pending = in_thread(session.request, protocol.EXECUTE_REQUEST, {}, "loop")
    rid = supervisor.worker.julia.receive_one().id
    session.interrupt()
    worker = supervisor.worker
    for conn in (worker.julia, worker.python):
        notice = conn.receive_one()
        assert notice.type == protocol.INTERRUPT and notice.id == rid
    with pytest.raises(WorkerError) as info:
        pending()
    assert info.value.ename == "WorkerRestarted" and supervisor.starts == 2


@pytest.mark.fast
def test_a_worker_gone_mid_request_is_reported_and_replaced(scripted):
    session, supervisor, _ = scripted
    pending = in_thread(session.request, protocol.EXECUTE_REQUEST, {}, "crash")
    supervisor.worker.julia.receive_one()
    supervisor.worker.close()
    with pytest.raises(WorkerError) as info:
        pending()
    assert info.value.ename == "WorkerDied" and "exited with status 0" in info.value.message
    assert supervisor.starts == 2
