"""The kernel application: MetaKernel's, listening on the ports of the connection file and no others."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import zmq
from ipykernel import kernelapp
from ipykernel.iostream import OutStream
from traitlets import DottedObjectName


@contextmanager
def _unimportable(name: str) -> Iterator[None]:
    """``import name`` fails with ImportError for the duration, unless ``name`` is imported already."""
    if name in sys.modules:
        yield
        return
    sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules[name]


# MetaKernel imports ipywidgets, if installed, to recognise widgets displayed in its own process (a twelfth
# of the kernel's start); no user code runs there: widgets live in the worker with the code that makes them.
with _unimportable("ipywidgets"):
    from metakernel import MetaKernelApp


class FrontEndStream(OutStream):
    """ipykernel's stream for the front end's own stdout and stderr, whose flush of nothing returns at once.

    ipykernel flushes both streams twice a cell, and each flush hands a task to the iopub thread and waits
    for its answer, even with nothing written: a millisecond of every round trip. User code never runs in
    this process, so its streams are almost always empty.
    """

    def flush(self) -> None:
        # (ipykernel sets these flags with every write, and clears them when its flush begins.)
        if getattr(self, "_flush_pending", True) or getattr(self, "_subprocess_flush_pending", True):
            super().flush()


class MetapolyApp(MetaKernelApp):
    """Runs :class:`~metapoly.kernel.MetapolyKernel`."""

    outstream_class = DottedObjectName("metapoly.app.FrontEndStream", allow_none=True).tag(config=True)

    def init_iopub(self, context: zmq.Context) -> None:
        """ipykernel's iopub channel without its subprocess pipe.

        ipykernel also listens on a random TCP port of 127.0.0.1 so that processes forked by user code can
        print to the notebook; user code never runs in this process (it runs in the worker), so the pipe
        would be an open port for nothing. How ipykernel builds the channel changed within 7.x (its socket
        type, its session, CurveZMQ), so its own code builds it, with an iopub thread that has no pipe.
        """
        module: Any = kernelapp  # (a class it imported, replaced in it for this call)
        with_pipe = module.IOPubThread
        module.IOPubThread = lambda socket, pipe=False, **options: with_pipe(socket, pipe=False, **options)
        try:
            super().init_iopub(context)
        finally:
            module.IOPubThread = with_pipe

    def init_signal(self) -> None:
        """ipykernel's signal handling, and SIGTERM as an orderly exit: the worker is stopped and its private
        directory removed, as on a shutdown request (Python's default leaves both to the next kernel)."""
        super().init_signal()
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    def start(self) -> None:
        """ipykernel's start; then, once the kernel is shut down, the end of the control thread.

        After a shutdown_request the control thread still flushes stdout and publishes its idle status through
        the iopub thread. Left running, it was still doing so when the exit handlers stopped the iopub
        thread, and its flush then waited forever: the kernel process lingered until the client killed it
        (5 s later in jupyter_client; ten minutes later without a client).
        """
        super().start()
        if self.control_thread and self.control_thread.is_alive():
            self.control_thread.stop()
            self.control_thread.join(timeout=10)
