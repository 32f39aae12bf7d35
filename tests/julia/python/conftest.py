"""The worker's Python runtime is imported from julia/src/python, as the worker itself does."""

import sys

from metapoly.locate import julia_project_dir

sys.path.insert(0, str(julia_project_dir() / "src" / "python"))
