"""What libraries look for to tell a notebook from a terminal, found as under ipykernel.

Here: ipykernel's shell module among the loaded modules, which ``tqdm.auto`` looks for to pick its widget
progress bar. It is imported just before a module known to look for it is imported (no installed library
looks for it later); not at the worker's start: with the zmq and jupyter_client it pulls in, it would cost
every kernel 6 MiB and 70 ms. (The shell's class name and the ``IPKernelApp`` section of its config are the
shell's own: shell.py.)
"""

import importlib
import sys

MARKER = "ipykernel.zmqshell"
# Modules that look for the marker as they are imported.
_LOOKING_WHEN_IMPORTED = frozenset({"tqdm.autonotebook"})


class _MarkerFirst:
    """A meta path entry that finds no module: it loads the marker before a module that looks for it."""

    def find_spec(self, name, path=None, target=None):
        if name in _LOOKING_WHEN_IMPORTED and MARKER not in sys.modules:
            load()
        return None


def install() -> None:
    """Load the marker before the modules that look for it as they are imported."""
    sys.meta_path.insert(0, _MarkerFirst())


def load() -> None:
    """Import the marker (about 70 ms)."""
    try:
        importlib.import_module(MARKER)
    except ImportError:
        pass
