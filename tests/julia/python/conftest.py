"""The worker's Python half, tested in this process without Julia: part of the fast tier.

Its runtime is imported from julia/src/python, as the worker itself does.
"""

import sys
from pathlib import Path

import pytest

from metapoly.locate import julia_project_dir

sys.path.insert(0, str(julia_project_dir() / "src" / "python"))

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if _HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.fast)
