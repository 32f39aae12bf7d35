"""Only the kernel's user can reach the worker, the kernel listens on its Jupyter ports only, the HMAC key
stays secret, and messages with a bad signature are dropped."""

import os
import stat
import time

from jupyter_client.session import Session

from metapoly.supervisor import Supervisor


def test_the_worker_socket_is_private_while_it_exists(fake_julia):
    fake_julia("sleep 30\n")  # a worker that never connects: the socket stays for us to look at
    worker = Supervisor()
    worker.start()
    try:
        path = os.path.join(worker.directory, "worker.sock")
        assert stat.S_ISSOCK(os.stat(path).st_mode)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(worker.directory).st_mode) == 0o700
        assert os.stat(worker.directory).st_uid == os.getuid()
    finally:
        directory = worker.directory
        worker.stop()
    assert not os.path.exists(directory)


def _socket_inodes(pid: int) -> set:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    return inodes


def _listening_ports(pid: int) -> set:
    """TCP ports process ``pid`` listens on, read from /proc/net/tcp and tcp6."""
    inodes, ports = _socket_inodes(pid), set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for row in f.readlines()[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_no_listening_port_but_the_jupyter_ones(kernel):
    info = kernel.km.get_connection_info()
    jupyter_ports = {info[f"{name}_port"] for name in ("shell", "iopub", "stdin", "control", "hb")}
    kernel.ok("%julia 1")  # both languages have run
    assert _listening_ports(kernel.kernel_pid) == jupyter_ports
    assert _listening_ports(kernel.worker_pid()) == set()


def test_the_hmac_key_is_never_logged(env_kernel, tmp_path):
    kernel = env_kernel({"METAPOLY_INTERRUPT_GRACE": "1"})
    key = kernel.km.session.key.decode()
    assert key
    kernel.execute("1 / 0")
    kernel.execute("%julia error(\"boom\")")
    kernel.execute("import os; os._exit(1)")  # a worker death and restart, with its log
    worker = kernel.worker_pid()
    places = [f"/proc/{worker}/cmdline", f"/proc/{worker}/environ", f"/proc/{kernel.kernel_pid}/cmdline",
              f"/proc/{kernel.kernel_pid}/environ"]
    for fd in os.listdir(f"/proc/{worker}/fd"):
        try:
            target = os.readlink(f"/proc/{worker}/fd/{fd}")
        except FileNotFoundError:  # (closed meanwhile: the worker imports modules at idle moments)
            continue
        if target.endswith(".log"):
            places.append(target)
    assert any(p.endswith("worker.log") for p in places)
    for place in places:
        with open(place, "rb") as f:
            assert key.encode() not in f.read(), place


def test_the_kernel_log_never_shows_the_hmac_key(tmp_path):
    from jupyter_client.manager import start_new_kernel

    log = tmp_path / "kernel.log"
    with open(log, "wb") as out:
        km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300, stdout=out, stderr=out)
    try:
        kc.execute_interactive("1 / 0", timeout=300)
        Session(key=b"wrong key").send(kc.shell_channel.socket, "execute_request", {"code": "1"})
        kc.execute_interactive("%julia 1", timeout=60)
    finally:
        kc.stop_channels()
        km.shutdown_kernel()
    text = log.read_bytes()
    assert b"Invalid Signature" in text  # the log did get written
    assert km.session.key not in text


def test_messages_with_a_bad_signature_are_dropped(kernel):
    forger = Session(key=b"not the kernel's key", username=kernel.kc.session.username)
    forger.send(kernel.kc.shell_channel.socket, "execute_request",
                {"code": "forged = 1", "silent": False, "store_history": True, "user_expressions": {},
                 "allow_stdin": False, "stop_on_error": True})
    time.sleep(1)
    assert not kernel.kc.shell_channel.msg_ready()  # no reply to the forged request
    assert kernel.ok("'forged' in globals()").result == "False"
