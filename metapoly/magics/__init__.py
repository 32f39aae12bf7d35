"""metapoly's magics, one per module (``<name>_magic.py``), found and loaded by MetaKernel.

Each magic method's docstring is its ``%help`` text, with an example.
"""

import importlib
import pkgutil
from types import ModuleType


def our_magic_modules() -> list[ModuleType]:
    """Every ``metapoly.magics.*_magic`` module, imported."""
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)
            if info.name.endswith("_magic")]
