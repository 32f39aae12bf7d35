"""The kernel application: MetaKernel's, listening on the ports of the connection file and no others."""

from __future__ import annotations

import zmq
from ipykernel.iostream import IOPubThread
from metakernel import MetaKernelApp


class MetapolyApp(MetaKernelApp):
    """Runs :class:`~metapoly.kernel.MetapolyKernel`."""

    def init_iopub(self, context: zmq.Context) -> None:
        """ipykernel's iopub channel without its subprocess pipe.

        ipykernel also listens on a random TCP port of 127.0.0.1 so that processes forked by user code can
        print to the notebook; user code never runs in this process (it runs in the worker), so the pipe
        would be an open port for nothing.
        """
        self.iopub_socket = context.socket(zmq.XPUB)
        self.iopub_socket.linger = 1000
        self._apply_curve_server_options(self.iopub_socket)
        self.iopub_port = self._bind_socket(self.iopub_socket, self.iopub_port)
        self.configure_tornado_logger()
        self.iopub_thread = IOPubThread(self.iopub_socket, pipe=False, session=self.session)
        self.iopub_thread.start()
        self.iopub_socket = self.iopub_thread.background_socket
