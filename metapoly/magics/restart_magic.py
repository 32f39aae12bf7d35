"""%restart: a fresh worker, so both languages start over."""

from metapoly.magic_args import shorten
from metapoly.magics import MetapolyMagic
from metapoly.worker_errors import WorkerError


class RestartMagic(MetapolyMagic):
    def line_restart(self, args: str) -> None:
        """
        %restart - start over: fresh Python and Julia, as after restarting the kernel

        Stops the worker process and starts a new one: every variable, import and definition in both
        languages is lost, and cells without a magic run as Python again. The kernel itself (and the
        notebook's connection to it) stays up. Useful after a package upgrade or when a library left
        the process in a bad state. The lines after %restart in the same cell run on the fresh worker.

        Example:
            %restart
            import numpy as np   # a fresh import
        """
        if args.strip():
            return self.fail("UsageError", f"%restart takes no arguments (got {shorten(args)})")
        self.kernel.Print("Restarting the worker...")
        try:
            self.kernel.restart_kernel()
        except WorkerError as exc:
            return self.fail(exc.ename, exc.message)
        self.kernel.Print("Python and Julia start fresh.")
        self.evaluate = bool(self.code.strip())


def register_magics(kernel) -> None:
    kernel.register_magics(RestartMagic)
