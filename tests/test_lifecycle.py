"""Restart and shutdown leave no process behind: not after a client's restart or shutdown, and not when the
front end is killed outright, even while the worker is busy in code that never yields."""

import os
import signal
import time

import pytest


def test_a_clients_restart_gives_fresh_state_and_stops_the_old_worker(fresh_kernel, gone):
    fresh_kernel.ok("py_var = 1")
    fresh_kernel.ok("%julia jl_var = 1")
    old_worker = fresh_kernel.worker_pid()
    fresh_kernel.km.restart_kernel(now=False)
    fresh_kernel.kc.wait_for_ready(timeout=300)
    assert gone(old_worker)
    assert fresh_kernel.ok("'py_var' in globals()", timeout=300).result == "False"
    assert fresh_kernel.ok("%julia isdefined(Main, :jl_var)").result == "false"


def test_shutdown_leaves_no_process_behind(fresh_kernel, gone):
    worker, front_end = fresh_kernel.worker_pid(), fresh_kernel.kernel_pid
    fresh_kernel.shutdown()
    assert gone(front_end) and gone(worker)


@pytest.mark.parametrize("attempt", range(3))  # (it was a race, which most attempts lost)
def test_the_kernel_exits_by_itself_on_a_shutdown_request(fresh_kernel, gone, attempt):
    front_end = fresh_kernel.kernel_pid
    fresh_kernel.km.request_shutdown()
    assert gone(front_end, timeout=2), "the kernel lingered after its shutdown_reply"


def test_sigterm_stops_the_worker_and_removes_its_directory(fresh_kernel, gone):
    worker, front_end = fresh_kernel.worker_pid(), fresh_kernel.kernel_pid
    with open(f"/proc/{worker}/cmdline", "rb") as cmdline:
        socket_path = next(a for a in cmdline.read().decode().split("\0") if a.endswith("worker.sock"))
    directory = os.path.dirname(socket_path)
    assert os.path.isdir(directory)
    os.kill(front_end, signal.SIGTERM)
    assert gone(front_end) and gone(worker)
    assert not os.path.exists(directory)


@pytest.mark.parametrize("busy", [
    None,
    "%julia while true end",  # never yields: the worker cannot read its channel
    "sum(range(10**14))",  # Python inside one C call, holding the GIL
])
def test_the_worker_exits_when_the_front_end_is_killed(fresh_kernel, gone, busy):
    worker, front_end = fresh_kernel.worker_pid(), fresh_kernel.kernel_pid
    if busy:
        fresh_kernel.kc.execute(busy)
        time.sleep(1)
    os.kill(front_end, signal.SIGKILL)
    assert gone(front_end)
    assert gone(worker, timeout=5)


def test_processes_the_user_forked_end_with_the_worker_and_never_answer_for_it(fresh_kernel, gone):
    # A forked child returns from the cell too: it must end there, not send the cell's value.
    assert fresh_kernel.ok("import os\nforked = os.fork()\nforked").result != "0"
    forked = int(fresh_kernel.ok("forked").result)
    assert gone(forked)
    fresh_kernel.ok("from multiprocessing import Manager\nmanager = Manager()\n"
                    "sleeper = os.fork()\nif sleeper == 0:\n    import time\n    time.sleep(600)")
    manager_pid = int(fresh_kernel.ok("manager._process.pid").result)
    sleeper = int(fresh_kernel.ok("sleeper").result)
    assert fresh_kernel.ok("1 + 1").result == "2"
    worker = fresh_kernel.worker_pid()
    fresh_kernel.shutdown()
    assert gone(worker) and gone(manager_pid) and gone(sleeper)


@pytest.mark.parametrize("how", ["forced shutdown", "client restart"])
def test_a_forced_shutdown_or_restart_leaves_no_process_of_the_worker(fresh_kernel, gone, how):
    # What jupyter_client does on `shutdown_kernel(now=True)`, a timed-out shutdown or a restart: it kills
    # the kernel's process group, which the worker and what it started belong to (as under ipykernel).
    fresh_kernel.ok("from multiprocessing import Manager\nmanager = Manager()\nimport subprocess\n"
                    "child = subprocess.Popen(['sleep', '600'])")
    started = [int(fresh_kernel.ok(name).result) for name in ("manager._process.pid", "child.pid")]
    started.append(int(fresh_kernel.ok("%julia p = run(`sleep 600`; wait=false); getpid(p)").result))
    worker = fresh_kernel.worker_pid()
    if how == "forced shutdown":
        fresh_kernel.shutdown(now=True)
    else:
        fresh_kernel.km.restart_kernel(now=True)
    assert all(gone(pid, timeout=10) for pid in [worker, *started])


def test_a_front_end_killed_alone_takes_the_processes_python_forked_with_it(fresh_kernel, gone):
    fresh_kernel.ok("import os\nfrom multiprocessing import Manager\nmanager = Manager()\n"
                    "sleeper = os.fork()\nif sleeper == 0:\n    import time\n    time.sleep(600)")
    started = [int(fresh_kernel.ok(name).result) for name in ("manager._process.pid", "sleeper")]
    worker = fresh_kernel.worker_pid()
    os.kill(fresh_kernel.kernel_pid, signal.SIGKILL)  # (its group lives on: no next kernel sweeps here)
    assert all(gone(pid, timeout=10) for pid in [worker, *started])


def test_what_a_killed_front_end_leaves_is_cleaned_up_by_the_next_one(fresh_kernel, gone):
    directory = fresh_kernel.ok("%julia dirname(ARGS[1])").result.strip('"')
    sleeper = int(fresh_kernel.ok("import os\nsleeper = os.fork()\nif sleeper == 0:\n    import time\n"
                                  "    time.sleep(600)\nsleeper").result)
    worker = fresh_kernel.worker_pid()
    os.kill(fresh_kernel.kernel_pid, signal.SIGKILL)
    assert gone(worker, timeout=5)
    from metapoly import orphans
    orphans.sweep()  # (a kernel another test starts meanwhile may have swept it already)
    assert not os.path.exists(directory) and gone(sleeper)
