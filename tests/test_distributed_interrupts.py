"""Interrupting a cell that waits for the work of processes Distributed added interrupts that work too:
Julia code at its next yield (InterruptException), Python code at once (KeyboardInterrupt); the processes,
the worker and its variables live on. `interrupt(pids)` does the same, where Distributed's own SIGINT
killed a process on Julia 1.5."""

import json
import time

import pytest

# Work that records in its process's `di_outcome` how it ended (and, given a folder, leaves a file named
# after its process there as it starts).
RECORDED = ("try\n    {mark}{work}\n    di_outcome[] = \"finished\"\ncatch err\n"
            "    di_outcome[] = err isa PyException ? pyconvert(String, err.type.__name__) : "
            "string(nameof(typeof(err)))\nend")
RESET = "%%julia\n@everywhere di_outcome = Ref(\"running\")\n"
WORK = RESET + "pmap(1:2) do i\n{recorded}\nend"
OUTCOMES = "%julia [remotecall_fetch(() -> di_outcome[], w) for w in workers()]"


def both(outcome: str) -> str:
    return f'2-element Array{{String,1}}:\n "{outcome}"\n "{outcome}"'


@pytest.fixture(scope="module")
def cluster(module_kernel):
    """The module's kernel with two local Julia processes and PythonCall on each."""
    module_kernel.ok("%%julia\nusing Distributed\naddprocs(2)\n@everywhere using PythonCall\ndi_kept = 41")
    return module_kernel


def recorded(work: str, marks=None) -> str:
    mark = "" if marks is None else f"touch(joinpath({json.dumps(str(marks))}, string(myid())))\n    "
    return RECORDED.format(work=work, mark=mark)


def once_both_work(session, marks):
    """An interrupt sent once both processes have begun their work (one that comes before a process has
    begun spares that work, as the last test shows)."""
    def send():
        deadline = time.monotonic() + 60
        while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        session.km.interrupt_kernel()
    return send


def outcomes(session, timeout: float = 10) -> str:
    """The outcomes of the work on both processes once neither still runs."""
    deadline = time.monotonic() + timeout
    while "running" in (result := session.ok(OUTCOMES).result) and time.monotonic() < deadline:
        time.sleep(0.2)
    return result


@pytest.mark.parametrize("work, outcome", [
    ("sleep(60)", "InterruptException"),
    ("pyimport(\"time\").sleep(60)", "KeyboardInterrupt"),
    ("for _ in 1:600; pyimport(\"time\").sleep(0.1); end", "KeyboardInterrupt"),
])
def test_an_interrupted_cell_interrupts_the_remote_work(cluster, work, outcome, tmp_path):
    started = time.monotonic()
    reply = cluster.interrupted(WORK.format(recorded=recorded(work, tmp_path)), after=0.5,
                                send=once_both_work(cluster, tmp_path))
    assert reply["status"] == "error" and reply["ename"] == "InterruptException"
    assert outcomes(cluster) == both(outcome)
    assert time.monotonic() - started < 30
    assert cluster.ok("%julia di_kept + 1, workers()").result == "(42, [2, 3])"


def test_interrupt_of_processes_stops_their_work_and_keeps_them(cluster):
    cluster.ok(RESET + f"for w in workers()\n    @spawnat w begin\n{recorded('sleep(60)')}\n    end\nend")
    cluster.ok("%julia sleep(2); interrupt(workers())")
    assert outcomes(cluster) == both("InterruptException")
    assert cluster.ok("%julia [remotecall_fetch(myid, w) for w in workers()]").result.endswith("2\n 3")


def test_an_interrupt_that_finds_the_processes_idle_spares_their_next_work(cluster):
    cluster.interrupted("%julia sleep(30)", after=2)
    cluster.ok(WORK.format(recorded=recorded("pyimport(\"time\").sleep(0.5)")))
    assert outcomes(cluster) == both("finished")
