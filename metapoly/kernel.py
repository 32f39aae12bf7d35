"""The Jupyter face of metapoly: a thin MetaKernel subclass that routes cells to the worker."""

from __future__ import annotations

import atexit
import signal
import sys
from typing import Any

from IPython.core.error import StdinNotImplementedError
from metakernel import ExceptionWrapper, MetaKernel

from . import __version__
from .transport import Frame
from .worker import Worker, WorkerError


class MetapolyKernel(MetaKernel):
    """Python and Julia in one notebook: cells run in one Julia worker process that embeds CPython."""

    implementation = "metapoly"
    implementation_version = __version__
    language = "python"
    language_version = sys.version.split()[0]
    banner = (
        "metapoly: Python and Julia in one process.\n"
        "Cells run as Python; %%julia (or a first line %julia) runs a cell as Julia, "
        "%default julia makes Julia the default. %help lists the magics."
    )
    language_info = {
        "name": "python",
        "version": sys.version.split()[0],
        "mimetype": "text/x-python",
        "file_extension": ".py",
        "codemirror_mode": {"name": "ipython", "version": 3},
        "pygments_lexer": "ipython3",
        "help_links": MetaKernel.help_links,
    }
    kernel_json = {
        "argv": [sys.executable, "-m", "metapoly", "-f", "{connection_file}"],
        "display_name": "Metapoly (Python + Julia)",
        "language": "python",
        "name": "metapoly",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_language = "python"
        self._asking = False
        self.worker = Worker()
        # Started now so that it is warm by the time the first cell arrives.
        self.worker.start()
        atexit.register(self.worker.shutdown)

    def reload_magics(self) -> None:
        """Load the magics; then register our %python and %matplotlib again, over MetaKernel's front-end
        ones (MetaKernel loads its own after ours)."""
        super().reload_magics()
        from .magics import embedded_matplotlib_magic, embedded_python_magic

        for module in (embedded_python_magic, embedded_matplotlib_magic):
            module.register_magics(self)

    def get_usage(self) -> str:
        return self.banner

    def run_cell(self, language: str, code: str) -> Any:
        """Run ``code`` in the worker in ``language``; what MetaKernel expects as a cell's result.

        Output streams to the client while the cell runs. Returns a MIME bundle for a value, ``None`` for
        none, or an :class:`ExceptionWrapper` for an error (one ``error`` message, status ``error``).
        """
        reply = self._request("execute_request", {"language": language, "cell": self.execution_count}, code)
        if isinstance(reply, ExceptionWrapper):
            return reply
        return reply.get("data") or None

    def bridge(self, direction: str, names: list, copy: bool) -> Any:
        """Move variables between the languages (``direction`` is "py2jl" or "jl2py").

        ``names`` holds ``(source_name, target_name)`` pairs. Prints one line per variable; returns an
        :class:`ExceptionWrapper` if nothing could be moved.
        """
        reply = self._request(f"{direction}_request", {"names": names, "copy": copy})
        if isinstance(reply, ExceptionWrapper):
            return reply
        self.Print("\n".join(reply["lines"]))
        return None

    def _request(self, request_type: str, fields: dict, body: str = "") -> Any:
        """The worker's reply to one request, or an :class:`ExceptionWrapper` for any failure."""
        try:
            reply = self.worker.request(request_type, fields, body, self._publish, self._answer_input)
        except WorkerError as exc:
            return _error(exc.ename, exc.message)
        if reply.get("status") == "error":
            return ExceptionWrapper(reply.get("ename", "Error"), reply.get("evalue", ""),
                                    reply.get("traceback", []))
        return reply

    def _publish(self, frame: Frame) -> None:
        if frame.type == "stream":
            content = {"name": frame.header.get("name", "stdout"), "text": frame.text()}
        else:
            content = frame.json()
        self.send_response(self.iopub_socket, frame.type, content)

    def _answer_input(self, prompt: str, password: bool) -> tuple[str, str]:
        # input(), getpass() or readline() in the worker: the client's stdin channel answers.
        self._asking = True
        try:
            return "ok", (self.getpass if password else self.raw_input)(prompt)
        except EOFError:
            return "eof", ""
        except KeyboardInterrupt:
            return "interrupted", ""
        except StdinNotImplementedError:
            return "unsupported", ""
        finally:
            self._asking = False

    # The client's interrupt reaches the kernel as SIGINT in both interrupt modes ("message": ipykernel
    # signals itself). While a request is handled, SIGINT is ours: it asks the worker to stop the running
    # code, and never raises in the middle of the front end's own work. Only a prompt waiting for the
    # user is cancelled by raising, as ipykernel's raw_input expects.

    def pre_handler_hook(self) -> None:
        self.saved_sigint_handler = signal.signal(signal.SIGINT, self._on_sigint)

    def post_handler_hook(self) -> None:
        signal.signal(signal.SIGINT, self.saved_sigint_handler)

    def _on_sigint(self, signum: int, frame: Any) -> None:
        if self._asking:
            raise KeyboardInterrupt
        self.worker.interrupt()

    def do_execute_direct(self, code: str, silent: bool = False) -> Any:
        """Cells without a language magic run in the default language."""
        if code.lstrip().startswith("%"):
            # MetaKernel hands over lines it found no magic for.
            name = code.lstrip().split(None, 1)[0]
            return _error("UnknownMagic", f"{name} is not a magic of this kernel. %lsmagic lists the "
                          "magics, %help %MAGIC explains one.")
        return self.run_cell(self.default_language, code)

    def restart_kernel(self) -> None:
        """Fresh state in both languages: a new worker."""
        self.worker.restart()

    async def do_shutdown(self, restart: bool) -> dict[str, Any]:
        if not restart:
            self.worker.shutdown()
        return await super().do_shutdown(restart)


def _error(ename: str, message: str) -> ExceptionWrapper:
    return ExceptionWrapper(ename, message, [f"{ename}: {message}"])
