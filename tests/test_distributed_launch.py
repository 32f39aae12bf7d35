"""Julia processes added over SSH (`addprocs([("host", 2)])`) host the kernel's Python as local ones do. The
test runs Debian's sshd of its own on a loopback port, with throwaway keys (`make test` installs
openssh-server); an sshd that cannot start fails the test with the reason."""

import os
import socket
import subprocess
import time

import psutil
import pytest

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """An sshd on 127.0.0.1 that lets this user in with a key of its own: (port, the ssh flags for Julia)."""
    if not os.access(SSHD, os.X_OK):
        pytest.fail(f"this test needs Debian's sshd at {SSHD}: run `bash scripts/install-debian-package.sh "
                    "openssh-server /usr/sbin/sshd` (`make test` does)")
    home = tmp_path_factory.mktemp("sshd")
    os.chmod(home, 0o700)
    for key in ("client_key", "host_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / key)], check=True)
    (home / "authorized_keys").write_text((home / "client_key.pub").read_text())
    port = free_port()
    (home / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {home / 'host_key'}\n"
        f"AuthorizedKeysFile {home / 'authorized_keys'}\nPidFile {home / 'sshd.pid'}\nStrictModes no\n"
        "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\n")
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # (its privilege separation directory)
    log = home / "sshd.log"
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(home / "sshd_config")],
                              stdout=subprocess.DEVNULL, stderr=open(log, "wb"))
    flags = ["-i", str(home / "client_key"), "-o", "StrictHostKeyChecking=no", "-o",
             "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-p", str(port)]
    deadline = time.monotonic() + 20
    while subprocess.run(["ssh", *flags, "127.0.0.1", "true"], capture_output=True).returncode != 0:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the test's sshd did not let this user in on port {port}: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    try:
        yield port, " ".join(flags[:-2])
    finally:
        server.kill()
        server.wait(10)


def add_over_ssh(kernel, sshd, name: str) -> str:
    """Two processes added over SSH to loopback, bound to the Julia variable ``name``, PythonCall on them."""
    port, flags = sshd
    kernel.ok(f"%%julia\nusing Distributed\n"
              f"{name} = addprocs([(\"127.0.0.1:{port}\", 2)]; sshflags=`{flags}`)\n"
              f"@everywhere {name} using PythonCall")
    return name


def test_processes_added_over_ssh_run_python(module_kernel, sshd):
    pids = add_over_ssh(module_kernel, sshd, "ssh_pids")
    assert module_kernel.ok(f"%julia length({pids})").result == "2"
    code = ("%%julia\n@everywhere ssh_sq(x) =\n"
            "    (pyconvert(Int, pyimport(\"builtins\").pow(x, 2)), myid())\n"
            f"ssh_r = pmap(ssh_sq, WorkerPool({pids}), 1:8)\n"
            f"(first.(ssh_r) == (1:8) .^ 2, issubset(last.(ssh_r), {pids}))")
    assert module_kernel.ok(code).result == "(true, true)"
    code = (f"%%julia\nssh_b = remotecall_fetch({pids}[2], pyimport(\"numpy\").arange(4.0)) do y\n"
            "    (y * 2, pyconvert(Int, pyimport(\"os\").getpid()))\nend\n"
            "(pyconvert(Vector{Float64}, ssh_b[1].tolist()), ssh_b[2] != getpid())")
    assert module_kernel.ok(code).result == "([0.0, 2.0, 4.0, 6.0], true)"


def test_what_a_process_over_ssh_prints_reaches_the_cell(module_kernel, sshd):
    result = module_kernel.ok("%%julia\nremotecall_fetch(() -> pyprint(\"ssh python line\"), ssh_pids[1])\n"
                              "sleep(1)")
    assert f"From worker {module_kernel.ok('%julia print(ssh_pids[1])').stream()}:\tssh python line" \
        in result.stream()


def test_interrupting_a_cell_interrupts_python_work_over_ssh(module_kernel, sshd):
    code = ("%%julia\n@everywhere ssh_outcome = Ref(\"running\")\n"
            "pmap(WorkerPool(ssh_pids), 1:2) do i\n    try\n        pyimport(\"time\").sleep(60)\n"
            "        ssh_outcome[] = \"finished\"\n    catch err\n"
            "        ssh_outcome[] = pyconvert(String, err.type.__name__)\n    end\nend")
    reply = module_kernel.interrupted(code, after=3)
    assert reply["ename"] == "InterruptException"
    deadline, outcomes = time.monotonic() + 15, "%julia remotecall_fetch.(() -> ssh_outcome[], ssh_pids)"
    while "running" in (result := module_kernel.ok(outcomes).result):
        assert time.monotonic() < deadline, result
        time.sleep(0.2)
    assert result == '2-element Array{String,1}:\n "KeyboardInterrupt"\n "KeyboardInterrupt"'


def test_no_process_added_over_ssh_outlives_the_kernel(fresh_kernel, sshd, gone):
    add_over_ssh(fresh_kernel, sshd, "ssh_pids")
    pids = fresh_kernel.ok("%julia print(join(remotecall_fetch.(getpid, ssh_pids), \" \"))").stream()
    pids = [int(pid) for pid in pids.split()]
    assert len(pids) == 2
    key = sshd[1].split()[1]
    clients = [p.pid for p in psutil.Process(fresh_kernel.worker_pid()).children() if key in p.cmdline()]
    assert clients, "the worker runs no ssh client"
    fresh_kernel.shutdown(now=True)
    assert all(gone(pid, 20) for pid in pids + clients)
