"""The worker's Python half, tested in this process without Julia: part of the fast tier.

Its runtime is imported from julia/src/python, as the worker itself does.
"""

import os
import sys

import pytest

from metapoly.locate import julia_project_dir

sys.path.insert(0, str(julia_project_dir() / "src" / "python"))


@pytest.fixture(scope="module")
def start_shell():
    """``start_shell(output)``: the worker's IPython shell publishing on ``output``; the shell (a singleton),
    the comm package's factories it replaces and the matplotlib backend it chooses are undone after the
    module, for the tests in this process."""
    import comm

    from _metapoly_worker import shell

    backend = os.environ.get("MPLBACKEND")
    factories = comm.create_comm, comm.get_comm_manager
    yield shell.start_shell
    comm.create_comm, comm.get_comm_manager = factories
    shell.ZMQInteractiveShell.clear_instance()
    if backend is None:
        os.environ.pop("MPLBACKEND", None)
    else:
        os.environ["MPLBACKEND"] = backend


class Recorder:
    """A channel that keeps what is sent on it."""

    def __init__(self):
        self.frames = []

    def send(self, header, body=b""):
        self.frames.append((header, body))


@pytest.fixture(scope="module")
def published(start_shell):
    """The worker's shell (one per process) publishing into a recorder: the shell, its output buffer and the
    frames sent."""
    from _metapoly_worker.stdio import OutputBuffer

    channel = Recorder()
    output = OutputBuffer(channel)
    return start_shell(output), output, channel.frames
