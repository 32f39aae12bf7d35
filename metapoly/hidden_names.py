"""The names IPython and the kernel put in a user's namespace, which the debugger's listings leave out (as
ipykernel's debugger does), both between cells (the worker's listing) and in a stopped frame (pydevd's)."""

import re

HIDDEN = re.compile(r"__(name|doc|package|loader|spec|annotations|builtins|builtin|display)__|get_ipython|"
                    r"debugpy|julia|exit|quit|In|Out|_oh|_dh|_|__|___|_\d.*|_i.*")


def hidden(name: str) -> bool:
    """Whether ``name`` is one of those."""
    return HIDDEN.fullmatch(name) is not None
