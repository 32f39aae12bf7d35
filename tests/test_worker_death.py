"""The kernel survives its worker: crashes, exits and kills each give one clear error, a fresh worker and a
working next cell; a worker that cannot start says why once, without a loop of restarts."""

import os
import signal
import time

import pytest

# What kills the worker, how the error says it died, and the start of Julia's crash report it quotes (the
# report of a crash in Python code, written while Python held the lock the worker's output thread needs,
# reaches the front end only through the pipe it keeps).
SEGFAULT = "signal (11): Segmentation fault\nin expression"
DEATHS = [
    ("%julia unsafe_load(Ptr{Int}(0))", "killed by SIGSEGV", SEGFAULT),
    ("import ctypes; ctypes.string_at(0)", "killed by SIGSEGV", SEGFAULT),
    ("%julia exit()", "exited with status 0", None),
    ("%julia exit(3)", "exited with status 3", None),
    ("import os; os._exit(1)", "exited with status 1", None),
    ("%julia ccall(:abort, Cvoid, ())", "killed by SIGABRT", "signal (6): Aborted\nin expression"),
    ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "killed by SIGKILL", None),
]


def assert_died_and_replaced(kernel, result, how: str) -> None:
    assert result.status == "error"
    # (The start of a crash report may have reached stderr before the worker died.)
    assert [m["msg_type"] for m in result.messages if m["msg_type"] != "stream"] == ["error"]
    assert all(m["content"]["name"] == "stderr" for m in result.of_type("stream"))
    assert_replaced(kernel, result.errors[0], how)


def assert_replaced(kernel, error: dict, how: str) -> None:
    assert error["ename"] == "WorkerDied"
    assert how in error["evalue"]
    assert "fresh worker" in error["evalue"] and "lost" in error["evalue"]
    assert kernel.ok("%julia isdefined(Main, :jl_before)").result == "false"
    assert kernel.ok("'py_before' in globals()").result == "False"
    assert kernel.ok("%julia 1 + 1").result == "2"
    assert kernel.ok("2 + 2").result == "4"


@pytest.mark.parametrize("code, how, report", DEATHS)
def test_a_dying_cell_fails_clearly_and_the_next_cell_works(module_kernel, code, how, report):
    module_kernel.ok("%julia jl_before = 1")
    module_kernel.ok("py_before = 1")
    result = module_kernel.execute(code)
    if report:
        assert f"Julia's crash report begins:\n{report}" in result.errors[0]["evalue"]
    assert_died_and_replaced(module_kernel, result, how)


def test_a_worker_killed_while_idle_is_replaced(module_kernel):
    module_kernel.ok("%julia jl_before = 1")
    module_kernel.ok("py_before = 1")
    os.kill(module_kernel.worker_pid(), signal.SIGKILL)
    assert_died_and_replaced(module_kernel, module_kernel.execute("1"), "killed by SIGKILL")


def test_a_worker_killed_while_a_cell_runs_is_replaced(module_kernel):
    module_kernel.ok("%julia jl_before = 1")
    module_kernel.ok("py_before = 1")
    pid = module_kernel.worker_pid()
    # (Not stopping on the error: ipykernel would abort a request that arrives while it aborts the queue.)
    msg_id = module_kernel.kc.execute("%julia sleep(60)", stop_on_error=False)
    time.sleep(1)
    os.kill(pid, signal.SIGKILL)
    reply = module_kernel.reply(msg_id, timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error"
    assert_replaced(module_kernel, reply["content"], "killed by SIGKILL")


def test_the_kernel_process_outlives_every_death(module_kernel):
    # (Runs after the deaths above: the same kernel process answered all of them.)
    assert module_kernel.km.is_alive()


@pytest.mark.fast
def test_a_worker_that_cannot_start_says_why_once_without_a_restart_loop(real_session_kernel, fake_julia,
                                                                          tmp_path):
    starts = tmp_path / "starts"
    fake_julia(f"echo started >> {starts}\necho 'julia: this installation is broken' >&2\nexit 1\n")
    kernel = real_session_kernel()
    for code in ("1 + 1", "%julia 1 + 1", "x = 2"):
        result = kernel.execute(code)
        assert result.status == "error" and len(result.errors) == 1
        error = result.errors[0]
        assert error["ename"] == "WorkerStartFailed"
        assert "exited with status 1" in error["evalue"] and "this installation is broken" in error["evalue"]
        assert "python -m metapoly check" in error["evalue"] and "%restart" in error["evalue"]
    time.sleep(1)
    assert starts.read_text().count("started") == 1
    result = kernel.execute("%restart")  # the user's explicit retry starts exactly one more
    assert result.status == "error" and result.errors[0]["ename"] == "WorkerStartFailed"
    assert starts.read_text().count("started") == 2


def test_a_crash_quotes_its_own_report_never_an_earlier_one(module_kernel):
    # (A SIGSEGV sent by kill makes Julia print a crash report, which the worker may survive.)
    module_kernel.execute("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)")
    error = module_kernel.execute("%julia unsafe_load(Ptr{Int}(0))").errors[0]
    assert error["ename"] == "WorkerDied" and "kill at" not in error["evalue"]
    assert "Julia's crash report begins:\nsignal (11): Segmentation fault\nin expression starting at In[" in \
        error["evalue"] or "worker's log" not in error["evalue"]
    assert module_kernel.ok("%julia 1 + 1").result == "2"


def test_a_worker_that_crashes_at_start_says_so(real_session_kernel, fake_julia):
    fake_julia("printf '\\nsignal (11): Segmentation fault\\nin expression starting at none:0\\n' >&2\n"
               "kill -SEGV $$\n")
    kernel = real_session_kernel()
    error = kernel.execute("1 + 1").errors[0]
    assert error["ename"] == "WorkerStartFailed" and "killed by SIGSEGV" in error["evalue"]
    assert f"worker.log):\n\n{SEGFAULT} starting at none:0\n" in error["evalue"]


def test_a_bad_libpython_leaves_julia_working_and_says_why(env_kernel, tmp_path):
    not_a_library = tmp_path / "libpython3.so"
    not_a_library.write_text("not a shared library")
    kernel = env_kernel({"METAPOLY_LIBPYTHON": str(not_a_library)})
    result = kernel.execute("1 + 1")
    assert result.status == "error"
    error = result.errors[0]
    assert error["ename"] == "PythonUnavailable"
    assert str(not_a_library) in error["evalue"] and "python -m metapoly check" in error["evalue"]
    assert kernel.ok("%julia 1 + 1").result == "2"


def test_debians_julia_against_the_system_libunwind_is_recognised(real_session_kernel, monkeypatch):
    # (What a user meets with a PATH without /usr/local/bin, where scripts/install-julia.sh puts its
    # launcher.)
    monkeypatch.setenv("METAPOLY_JULIA", "/usr/bin/julia")
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    error = real_session_kernel().execute("1 + 1").errors[0]
    assert error["ename"] == "WorkerStartFailed" and "killed by SIGSEGV" in error["evalue"]
    assert "Debian's julia" in error["evalue"]
    assert "LD_LIBRARY_PATH=/usr/local/lib/metapoly-julia" in error["evalue"]
