"""What a killed front end leaves behind (metapoly/orphans.py): its directory and the processes started from
it go; directories of live front ends, and ones that are not ours, stay."""

import os
import subprocess
import sys
import tempfile
import time

import pytest

from metapoly import orphans


def make_directory(owner_pid=None) -> str:
    directory = tempfile.mkdtemp(prefix="metapoly-")
    if owner_pid is not None:
        with open(os.path.join(directory, orphans.PID_FILE), "w") as f:
            f.write(str(owner_pid))
    return directory


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@pytest.mark.fast
def test_a_dead_front_ends_directory_and_its_processes_are_removed():
    directory = make_directory(dead_pid())
    # Named after the directory, as a worker is.
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", directory])
    try:
        deadline = time.monotonic() + 5
        while not orphans.processes_started_from(directory) and time.monotonic() < deadline:
            time.sleep(0.01)  # (until the child has exec'd: its command line is its parent's before)
        assert orphans.processes_started_from(directory) == [orphan.pid]
        assert directory in orphans.sweep()
        assert orphan.wait(timeout=5) == -9
        assert not os.path.exists(directory)
    finally:
        orphan.kill()


@pytest.mark.fast
def test_live_and_unmarked_directories_stay():
    live, unmarked = make_directory(os.getpid()), make_directory()
    try:
        removed = orphans.sweep()
        assert live not in removed and unmarked not in removed
        assert os.path.isdir(live) and os.path.isdir(unmarked)
    finally:
        os.rmdir(unmarked)
        os.remove(os.path.join(live, orphans.PID_FILE))
        os.rmdir(live)
