"""juliacall's IPython extension, inside the metapoly kernel.

The kernel itself has ``%julia`` and ``%%julia``, with the syntax of juliacall's extension for passing
variables (``%%julia x <y >z``; ``%help %%julia``), Julia's output streaming to the cell and Julia's
``display`` showing in the notebook. So ``%load_ext juliacall`` has nothing left to do here.
"""


def load_ipython_extension(ip: object) -> None:
    """What ``%load_ext juliacall`` calls: nothing to add in this kernel (see the module's docstring)."""
